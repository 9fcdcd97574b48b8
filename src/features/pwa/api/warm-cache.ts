/**
 * Requests each URL once so the service worker keeps a copy (its runtime caches store what passes
 * through them); without one, the browser's HTTP cache does what it can. Failures are ignored: this is
 * a head start for reading offline, not a promise.
 */
export async function warmCache(urls: readonly string[]): Promise<void> {
  await Promise.allSettled(
    [...new Set(urls)].map(async (url) => {
      const response = await fetch(url)
      // Read to the end, so the copy is complete before the page moves on.
      await response.blob()
    }),
  )
}
