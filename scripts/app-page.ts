/*
 * What a browser reads on the app's pages: the listing's story links, the page heading, and the moment the
 * page has settled. Shared by the browser tests and the bench (scripts never import from tests/).
 */
import type { Page } from 'playwright-core'

/** The story cards of the listing on screen. */
export const storyLinks = (page: Page) => page.locator('main article h2 a')

/** The slugs of the listed stories, in order, read from their heading links. */
export async function listedSlugs(page: Page): Promise<string[]> {
  const hrefs = await storyLinks(page).evaluateAll((links) =>
    links.map((a) => a.getAttribute('href') ?? ''),
  )
  return hrefs.map((href) => href.replace(/^\/articles\//, ''))
}

/** The headlines of the listed stories, in order. */
export const listedHeadlines = (page: Page) => storyLinks(page).allTextContents()

/** The page's one top-level heading. */
export const h1 = (page: Page) => page.getByRole('heading', { level: 1 })

/**
 * Waits until the app runs the page (src/boot.ts starts it after the first paint; before, a click on a
 * link is a page load) and nothing on it is loading: no skeleton, no navigation in flight.
 */
export async function settled(page: Page) {
  await page.waitForFunction(
    () =>
      document.documentElement.hasAttribute('data-live') &&
      !document.querySelector(
        '[aria-busy="true"], [role="status"][aria-label^="Loading"], [role="progressbar"]',
      ),
  )
}
