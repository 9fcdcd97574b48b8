import type { Browser, BrowserContext } from 'playwright-core'

/** The window every browser measurement of the bench uses: a laptop's. */
export const VIEWPORT = { width: 1280, height: 800 }

/**
 * A fresh browser context for one run, so each run is a reader's first visit: an empty HTTP cache and
 * no service worker (blocked, so the requests counted are the app's own). tsx compiles the functions
 * the bench passes to page.evaluate with esbuild's keepNames, which wraps named functions in a
 * `__name(fn, "name")` helper that exists only in Node: the page is given a no-op one.
 */
export async function firstVisit(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORT, serviceWorkers: 'block' })
  await context.addInitScript('globalThis.__name = (fn) => fn')
  return context
}
