import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { axe, describeViolations, doubleTextSize, withTheme } from './support/axe'
import { frameReady } from './support/frame'
import { h1, listedHeadlines, settled } from '../../scripts/app-page'
import { allImagesLoaded, brokenImages, connectionStatus, untilControlled } from './support/pwa'
import { DIST } from '../../scripts/serve/nginx'
import { busiest, data, openingWords } from './support/site-data'
import { evictCopies } from './support/evict'
import { servedProfile } from './support/served-profile'
import { backOnline, offlineTab as offlineTabAfter } from './support/offline-tab'

/**
 * Keep offline (issue 14, "Kept for the train"): a section kept offline opens with the network gone, its
 * page and its stories, photos included, with every other copy evicted (the service worker's runtime
 * caches and the device's query cache): only the kept cache (newsroom-kept) is left to answer. A small
 * budget drops the oldest kept story first, and never a saved one. The Offline reading panel passes
 * axe-core in both themes and at 200 % text.
 */
const section = busiest('sections')
const listing = data.listing('sections', section.slug)
const stories = listing.items
// A story on the section's first page with a photo: the one read offline.
const withPhoto = stories.find((story) => story.image)!
const [secondOldest, oldest] = stories.slice(-2)
// Followed, with Keep offline on Following: a story of its own (not the section's) is read offline.
const tag = busiest('tags')
const tagStories = data.listing('tags', tag.slug).items
const tagOnly =
  tagStories.find((story) => !stories.some((s) => s.slug === story.slug)) ?? tagStories[0]!

/** Whether the kept cache holds the tag's listing and a copy of each of its first page's stories. */
function tagKept(page: Page): Promise<boolean> {
  return page.evaluate(
    async ({ slug, slugs }) => {
      const cache = await caches.open('newsroom-kept')
      const paths = new Set((await cache.keys()).map((request) => new URL(request.url).pathname))
      return (
        paths.has(`/api/lists/tags/${slug}/1.json`) &&
        slugs.every((story) => paths.has(`/__kept-story__/${encodeURIComponent(story)}`))
      )
    },
    { slug: tag.slug, slugs: tagStories.map((story) => story.slug) },
  )
}

/** The slugs of the stories the kept cache holds a copy of, and whether it holds the section's listing. */
function keptCopies(page: Page): Promise<{ listing: boolean; stories: string[] }> {
  return page.evaluate(async (slug) => {
    const cache = await caches.open('newsroom-kept')
    const paths = (await cache.keys()).map((request) => new URL(request.url).pathname)
    return {
      listing: paths.includes(`/api/lists/sections/${slug}/1.json`),
      stories: paths
        .filter((path) => path.startsWith('/__kept-story__/'))
        .map((path) => decodeURIComponent(path.slice('/__kept-story__/'.length)))
        .sort(),
    }
  }, section.slug)
}

/** What the kept cache holds, in bytes, each file once, as its manifests measured it. */
function keptBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const cache = await caches.open('newsroom-kept')
    const sizes = new Map<string, number>()
    for (const request of await cache.keys()) {
      if (!/^\/__kept-(topic|story)__\//.test(new URL(request.url).pathname)) continue
      const manifest = (await (await cache.match(request))!.json()) as {
        files: { url: string; bytes: number }[]
      }
      for (const file of manifest.files) sizes.set(file.url, file.bytes)
    }
    return [...sizes.values()].reduce((a, b) => a + b, 0)
  })
}

/** Empties every copy but the kept and saved caches and the app's precache, and the query cache. */
const evictAllButKept = (page: Page) =>
  evictCopies(page, /^newsroom-(articles|images|pages|api|search)-/)

describe('a section kept offline', () => {
  const served = servedProfile(DIST, { per: 'block' })

  const offlineTab = (path: string) => offlineTabAfter(served, evictAllButKept, path)
  const online = () => backOnline(served)

  it('opens offline: its page, and a story on it with its photo, from the kept cache alone', async () => {
    expect(withPhoto, 'a story with a photo on the section’s first page').toBeDefined()
    const { page } = await served.profile.open(`/sections/${section.slug}`)
    await untilControlled(page)
    await h1(page).filter({ hasText: section.name }).waitFor()
    const keep = page.getByRole('button', { name: 'Keep offline', exact: true })
    await keep.waitFor()
    expect(await keep.getAttribute('aria-pressed')).toBe('false')
    await keep.click()
    await expect.poll(() => keep.getAttribute('aria-pressed')).toBe('true')
    await expect
      .poll(() => keptCopies(page), { timeout: 30_000 })
      .toEqual({ listing: true, stories: stories.map((s) => s.slug).sort() })

    const tab = await offlineTab(`/sections/${section.slug}`)
    await h1(tab.page).filter({ hasText: section.name }).waitFor()
    await expect
      .poll(() => listedHeadlines(tab.page), { timeout: 15_000 })
      .toEqual(stories.map((s) => s.headline))
    await tab.page.getByRole('link', { name: withPhoto.headline, exact: true }).first().click()
    await h1(tab.page).filter({ hasText: withPhoto.headline }).waitFor()
    await settled(tab.page)
    expect(await tab.page.locator('.article-body').innerText()).toContain(
      openingWords(withPhoto.slug),
    )
    const images = await allImagesLoaded(tab.page).catch(async (error: Error) => {
      throw new Error(`images not drawn: ${(await brokenImages(tab.page)).join(', ')}`, {
        cause: error,
      })
    })
    expect(images).toBeGreaterThanOrEqual(1)
    await expect.poll(() => connectionStatus(tab.page).innerText()).toContain('You are offline')
  }, 120_000)

  it('over a small budget, drops the oldest kept story first, and keeps a saved one', async () => {
    expect(Date.parse(oldest!.published)).toBeLessThan(Date.parse(secondOldest!.published))
    await online()
    // The oldest story is saved: it must stay, so the budget takes the next oldest instead.
    const { page } = await served.profile.open(`/articles/${oldest!.slug}`)
    await untilControlled(page)
    await frameReady(page)
    await page.getByRole('main').getByRole('button', { name: 'Save' }).first().click()
    await page.getByRole('main').getByRole('button', { name: 'Saved' }).first().waitFor()

    // A budget one byte under what the copies take, as the panel would store a choice.
    const budget = (await keptBytes(page)) - 1
    await page.evaluate((bytes) => {
      localStorage.setItem('newsroom:kept-budget', JSON.stringify({ version: 1, stories: [bytes] }))
    }, budget)
    await page.goto('/saved')
    await page.getByRole('region', { name: 'Offline reading' }).waitFor()
    const expected = stories
      .map((s) => s.slug)
      .filter((slug) => slug !== secondOldest!.slug)
      .sort()
    await expect
      .poll(() => keptCopies(page), { timeout: 30_000 })
      .toEqual({
        listing: true,
        stories: expected,
      })
    expect(await keptBytes(page)).toBeLessThanOrEqual(budget)
    // The saved cache still has the saved story.
    expect(
      await page.evaluate(
        async (slug) =>
          (await (await caches.open('newsroom-saved')).match(`/api/articles/${slug}.json`)) !==
          undefined,
        oldest!.slug,
      ),
    ).toBe(true)
  }, 90_000)

  it('Keep offline on Following: Following and a story of a followed tag open offline', async () => {
    await online()
    const { page } = await served.profile.open(`/tags/${tag.slug}`)
    await untilControlled(page)
    // The budget the test above set is the reader's choice no longer: back to the default.
    await page.evaluate(() => localStorage.removeItem('newsroom:kept-budget'))
    const main = page.getByRole('main')
    await main.getByRole('button', { name: 'Follow', exact: true }).click()
    await main.getByRole('button', { name: 'Following', exact: true }).waitFor()
    await page.goto('/following')
    await h1(page).filter({ hasText: 'Following' }).waitFor()
    const keep = main.getByRole('button', { name: 'Keep offline', exact: true })
    await keep.click()
    await expect.poll(() => keep.getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => tagKept(page), { timeout: 60_000 }).toBe(true)

    const tab = await offlineTab('/following')
    await h1(tab.page).filter({ hasText: 'Following' }).waitFor()
    await expect
      .poll(async () => (await listedHeadlines(tab.page)).sort(), { timeout: 15_000 })
      .toEqual(tagStories.map((s) => s.headline).sort())
    await tab.page.getByRole('link', { name: tagOnly.headline, exact: true }).first().click()
    await h1(tab.page).filter({ hasText: tagOnly.headline }).waitFor()
    await settled(tab.page)
    expect(await tab.page.locator('.article-body').innerText()).toContain(
      openingWords(tagOnly.slug),
    )
    await expect.poll(() => connectionStatus(tab.page).innerText()).toContain('You are offline')
  }, 150_000)
})

describe('the Offline reading panel', () => {
  const session = browserSession()
  const variants = [
    { name: 'light theme', theme: 'light', textZoom: false },
    { name: 'dark theme', theme: 'dark', textZoom: false },
    { name: '200 % text', theme: 'light', textZoom: true },
  ] as const

  it.each(variants)(
    'has no axe-core violations ($name)',
    async ({ theme, textZoom }) => {
      const { page } = await session.openFresh(undefined, { colorScheme: 'light' })
      await withTheme(page, theme)
      const topic = { kind: 'sections', slug: section.slug, name: section.name, keptAt: 1 }
      await page.addInitScript((kept) => {
        localStorage.setItem(
          'newsroom:kept-topics',
          JSON.stringify({ version: 1, stories: [kept] }),
        )
        // Following kept too: its entry is checked with the topic's.
        localStorage.setItem(
          'newsroom:keep-following',
          JSON.stringify({ version: 1, stories: [true] }),
        )
      }, topic)
      if (textZoom) await doubleTextSize(page)
      await page.goto('/saved')
      await frameReady(page)
      const panel = page.getByRole('region', { name: 'Offline reading' })
      await panel.getByRole('link', { name: section.name }).waitFor()
      await panel.getByRole('link', { name: 'Following', exact: true }).waitFor()
      // Measured once the first sync is done (the section's stories copied).
      await expect
        .poll(() => panel.getByRole('status').innerText(), { timeout: 30_000 })
        .toMatch(/^Using /)
      expect(describeViolations(await axe(page).analyze())).toEqual([])
    },
    60_000,
  )
})
