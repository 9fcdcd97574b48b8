import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { ListingHead } from '@/features/articles/api/schemas'
import { withNewestStories } from '../utils/factories'
import { browserSession, type WatchedPage } from './support/browser'
import { h1, listedSlugs, settled } from '../../scripts/app-page'

const browser = browserSession()

const LATEST = '/api/lists/latest/1.json'
const MINUTE = 60_000
const NEW_SLUGS = ['live-breaking-1', 'live-breaking-2', 'live-breaking-3']

/**
 * The home page on a fake clock, with the API's latest/1.json served as built until `publish()`, then
 * with three new stories on top. No service worker: it would fetch the API past page.route.
 */
async function openHome(): Promise<WatchedPage & { publish: () => void; polls: () => number }> {
  const watched = await browser.openFresh(undefined, { serviceWorkers: 'block' })
  const { page } = watched
  let published = false
  let templateSlug = ''

  await page.clock.install()
  await page.route(`**${LATEST}`, async (route) => {
    // Decided when the request is made: a check in flight when the story is published still gets the old list.
    const newer = published
    const response = await route.fetch()
    let listing = (await response.json()) as ListingHead
    if (newer) {
      templateSlug = listing.items[0]!.slug
      const fresh = NEW_SLUGS.map((slug, i) => ({
        ...listing.items[0]!,
        id: 900_000 + i,
        slug,
        headline: `Breaking story ${i + 1}`,
      }))
      listing = withNewestStories(listing, fresh)
    }
    await route.fulfill({ response, json: listing })
  })
  // Focusing a new story's headline prefetches it: serve the story it was copied from.
  await page.route('**/api/articles/live-breaking-*.json', async (route) => {
    const copied = route
      .request()
      .url()
      .replace(/live-breaking-\d+/, templateSlug)
    try {
      await route.fulfill({ response: await route.fetch({ url: copied }) })
    } catch (error) {
      // A prefetch still in flight when the test closes its page has nobody to answer.
      if (!page.isClosed()) throw error
    }
  })
  await page.goto('/')
  await h1(page).filter({ hasText: 'Latest stories' }).waitFor()
  await page.waitForLoadState('networkidle')
  await settled(page)
  const before = watched.apiRequests.filter((p) => p === LATEST).length
  return {
    ...watched,
    publish: () => (published = true),
    polls: () => watched.apiRequests.filter((p) => p === LATEST).length - before,
  }
}

/** Lets a minute pass on the page's clock and waits for the check it starts to be answered and handled. */
async function checkOnce(page: Page) {
  const answered = page.waitForResponse((r) => r.url().endsWith(LATEST))
  await page.clock.runFor(MINUTE)
  await answered
  // The app parses the answer and sets its next timer on promises and a zero timeout.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)))
}

const newStoriesButton = (page: Page) => page.getByRole('button', { name: /new stor/ })

describe('live updates on the home page', () => {
  // Chromium keeps content still by itself (CSS scroll anchoring); Safari has no scroll anchoring, so the
  // app measures and corrects. Turning the browser's off checks the app's own correction.
  it.each([
    { anchoring: 'with', overflowAnchor: 'auto' },
    { anchoring: 'without', overflowAnchor: 'none' },
  ])(
    "announces new stories and inserts them without moving the story being read, $anchoring the browser's scroll anchoring",
    async ({ overflowAnchor }) => {
      const { page, publish, polls } = await openHome()
      await page.evaluate((value) => {
        document.documentElement.style.overflowAnchor = value
        document.body.style.overflowAnchor = value
      }, overflowAnchor)
      const shown = await listedSlugs(page)

      // Read the fourth story: it sits 120 px below the top of the viewport.
      const reading = page.locator('main article', {
        has: page.locator(`h2 a[href="/articles/${shown[3]}"]`),
      })
      const top = async () => (await reading.boundingBox())!.y
      await page.evaluate(
        (by) => window.scrollBy({ top: by, behavior: 'instant' }),
        (await top()) - 120,
      )
      expect(Math.abs((await top()) - 120)).toBeLessThanOrEqual(2)

      // Nothing new after a minute: one check, no button.
      await checkOnce(page)
      expect(polls()).toBe(1)
      expect(await newStoriesButton(page).count()).toBe(0)

      publish()
      await checkOnce(page)
      const button = page.getByRole('button', { name: '3 new stories' })
      await button.waitFor()
      expect(polls()).toBe(2)
      expect(await button.isVisible()).toBe(true)
      // Announced, not inserted: the list and the story being read stay put.
      expect(await listedSlugs(page)).toEqual(shown)
      expect(Math.abs((await top()) - 120)).toBeLessThanOrEqual(2)

      await button.click()
      // Home's lead story stays first (docs/decisions/030-front-page.md): the new ones come in below it.
      const [lead, ...others] = shown
      await expect.poll(() => listedSlugs(page)).toEqual([lead, ...NEW_SLUGS, ...others])
      expect(Math.abs((await top()) - 120)).toBeLessThanOrEqual(2)
      expect(await newStoriesButton(page).count()).toBe(0)
      expect(polls()).toBe(2)
    },
  )

  it('from the keyboard, inserting moves focus to the first new story', async () => {
    const { page, publish } = await openHome()
    publish()
    await checkOnce(page)
    const button = page.getByRole('button', { name: '3 new stories' })
    await button.focus()
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Breaking story 1')
    // Below home's lead story, which stays first.
    expect((await listedSlugs(page)).slice(1, 4)).toEqual(NEW_SLUGS)
  })

  it('a hidden tab does not check', async () => {
    const { page, polls } = await openHome()
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
    })
    await page.clock.runFor(3 * MINUTE)
    await page.waitForLoadState('networkidle')
    expect(polls()).toBe(0)
  })
})
