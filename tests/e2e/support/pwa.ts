import type { Locator, Page } from 'playwright-core'

/**
 * Waits until the service worker controls the page. `navigator.serviceWorker.ready` can resolve while
 * the page that registered the worker is still uncontrolled (a first visit; the worker claims no open
 * page): then one reload hands the page to it, as the reader's next visit would.
 */
export async function untilControlled(page: Page, timeout = 15_000) {
  const activated = page.evaluate(async () => {
    const worker = (await navigator.serviceWorker.ready).active!
    if (worker.state === 'activated') return
    await new Promise<void>((resolve) =>
      worker.addEventListener('statechange', () => {
        if (worker.state === 'activated') resolve()
      }),
    )
  })
  // Rejects when the page goes before the worker is ready: the race below reports that; no unhandled rejection.
  activated.catch(() => {})
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no service worker is active for ${page.url()} after ${timeout} ms`)),
      timeout,
    )
  })
  await Promise.race([activated, expired]).finally(() => clearTimeout(timer))
  if (await page.evaluate(() => navigator.serviceWorker.controller !== null)) return
  // Active but not in control of this page: the next load is the first it controls.
  await page.reload()
  await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout })
    .catch((error: Error) => {
      throw new Error(`no service worker controls ${page.url()} after a reload`, { cause: error })
    })
}

/** Asks the browser to look for a new service worker now, as it does by itself on navigations. */
export async function checkForUpdate(page: Page) {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration()
    if (!registration) throw new Error('no service worker registration')
    await registration.update()
  })
}

/**
 * Scrolls through `scope` like a reader, so lazy images load, then waits until every image in it is
 * drawn (complete, with pixels). Returns how many images there are.
 */
export async function allImagesLoaded(page: Page, scope = 'main'): Promise<number> {
  await page.evaluate(async (selector) => {
    const root = document.querySelector(selector)
    if (!root) return
    for (const img of root.querySelectorAll('img')) {
      img.scrollIntoView({ block: 'center' })
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
    window.scrollTo(0, 0)
  }, scope)
  await page.waitForFunction(
    (selector) =>
      [...(document.querySelector(selector)?.querySelectorAll('img') ?? [])].every(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    scope,
    { timeout: 10_000 },
  )
  return page.locator(`${scope} img`).count()
}

/** Images in `scope` that are not drawn, by their current source: for failure messages. */
export function brokenImages(page: Page, scope = 'main'): Promise<string[]> {
  return page.evaluate(
    (selector) =>
      [...(document.querySelector(selector)?.querySelectorAll('img') ?? [])]
        .filter((img) => !(img.complete && img.naturalWidth > 0))
        .map((img) => img.currentSrc || img.src),
    scope,
  )
}

/** What Chromium logs for each load that fails while the server is gone: expected in offline tests. */
export const OFFLINE_ERRORS =
  /Failed to load resource: net::ERR_(FAILED|CONNECTION_REFUSED|INTERNET_DISCONNECTED)/

/** The offline / stale-data indicator. */
export const connectionStatus = (page: Page): Locator =>
  page.getByRole('status', { name: 'Connection status' })

/** The release the page runs, from the footer ("Version one"). */
export const versionLine = (page: Page): Locator =>
  page.getByRole('contentinfo').getByText(/^Version /)

export const updatePrompt = (page: Page) => ({
  message: page.getByText('A new version of Newsroom is available.'),
  update: page.getByRole('button', { name: 'Update', exact: true }),
  notNow: page.getByRole('button', { name: 'Not now', exact: true }),
})

/** True when Chromium shows its own error page (no server, no service worker answer). */
export const onBrowserErrorPage = (page: Page) => page.url().startsWith('chrome-error://')
