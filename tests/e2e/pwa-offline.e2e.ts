import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { WatchedPage } from './support/browser'
import { h1, listedHeadlines, settled, storyLinks } from '../../scripts/app-page'
import {
  allImagesLoaded,
  brokenImages,
  connectionStatus,
  onBrowserErrorPage,
  OFFLINE_ERRORS,
  untilControlled,
} from './support/pwa'
import { DIST } from '../../scripts/serve/nginx'
import { data, openingWords } from './support/site-data'
import { servedProfile } from './support/served-profile'
import { savedEntryWith } from './support/device-cache'

/**
 * A reader reads five stories, then the server goes away for real (nginx stopped, not a simulated
 * offline mode): everything they read must still open, from the service worker's caches and the
 * persisted query cache, and the app must say it is offline.
 */
const latest = data.latest(1)
// Stories with pictures first, so the images-from-cache check has something to check.
const stories = [
  ...latest.items.filter((s) => s.image),
  ...latest.items.filter((s) => !s.image),
].slice(0, 5)
const neverOpened = latest.items.find((s) => !stories.includes(s))!

async function expectStory(page: Page, slug: string, headline: string) {
  await h1(page).filter({ hasText: headline }).waitFor()
  await settled(page)
  expect(await page.locator('.article-body').innerText(), slug).toContain(openingWords(slug))
  const images = await allImagesLoaded(page).catch(async (error: Error) => {
    throw new Error(`${slug}: images not drawn: ${(await brokenImages(page)).join(', ')}`, {
      cause: error,
    })
  })
  return images
}

describe('offline, with the server stopped', () => {
  const served = servedProfile(DIST, { per: 'block' })
  let reader: WatchedPage

  it('reopens home and the five stories read, with their images, and says it is offline', async () => {
    expect(stories.filter((s) => s.image).length, 'stories with pictures').toBeGreaterThan(1)
    reader = await served.profile.open('/')
    const { page } = reader
    await untilControlled(page)
    await storyLinks(page).first().waitFor()
    await allImagesLoaded(page)

    // Two stories opened from the listing (in-app navigation)...
    expect(stories).toHaveLength(5)
    const [a, b, c, d, e] = stories.map((s) => ({ slug: s.slug, headline: s.headline }))
    for (const story of [a!, b!]) {
      await page.locator(`main a[href="/articles/${story.slug}"]`).first().click()
      await expectStory(page, story.slug, story.headline)
      await page.goBack()
      await storyLinks(page).first().waitFor()
    }
    // ...two loaded in full from their address (a shared link, a bookmark)...
    for (const story of [c!, d!]) {
      await page.goto(`/articles/${story.slug}`)
      await expectStory(page, story.slug, story.headline)
      // Reading takes a while: long enough for the app to save the story to its query cache on the
      // device (at most once a second). A prerendered story left sooner is readable offline from the page
      // cache, but missing from the "Available offline" list below.
      await savedEntryWith(page, story.slug)
    }
    // ...and one after going home through the masthead.
    await page.getByRole('banner').getByRole('link', { name: 'Newsroom', exact: true }).click()
    await h1(page).filter({ hasText: 'Latest stories' }).waitFor()
    await page.locator(`main a[href="/articles/${e!.slug}"]`).first().click()
    await expectStory(page, e!.slug, e!.headline)
    // The last story read is in the query cache on the device (written at most once a second).
    await savedEntryWith(page, e!.slug)

    await served.server.stop()
    await expect(fetch(served.server.url)).rejects.toThrow()
    reader.allowConsoleError(OFFLINE_ERRORS)

    for (const [i, story] of stories.entries()) {
      await page.goto(`/articles/${story.slug}`)
      // One of them by reloading, as a reader on a train does.
      if (i === 0) await page.reload()
      expect(onBrowserErrorPage(page), story.slug).toBe(false)
      await expectStory(page, story.slug, story.headline)
      await expect.poll(() => connectionStatus(page).innerText()).toContain('You are offline')
    }

    await page.goto('/')
    expect(onBrowserErrorPage(page)).toBe(false)
    await h1(page).filter({ hasText: 'Latest stories' }).waitFor()
    expect(await listedHeadlines(page)).toEqual(latest.items.map((s) => s.headline))
    await allImagesLoaded(page)
    await expect.poll(() => connectionStatus(page).innerText()).toContain('You are offline')
  }, 120_000)

  it('says a story never opened is not available offline, and lists those that are', async () => {
    const { page } = reader
    await page.goto(`/articles/${neverOpened.slug}`)
    expect(onBrowserErrorPage(page)).toBe(false)
    await page.getByText('This story is not available offline').waitFor()
    await page.getByRole('heading', { name: 'Available offline', exact: true }).waitFor()
    const offered = () => page.getByRole('main').getByRole('link').allTextContents()
    await expect
      .poll(offered)
      .toEqual(expect.arrayContaining(stories.map((story) => story.headline)))
    expect(await offered()).not.toContain(neverOpened.headline)
    await expect.poll(() => connectionStatus(page).innerText()).toContain('You are offline')

    // The list leads to the stories.
    await page.getByRole('link', { name: stories[1]!.headline, exact: true }).click()
    await expectStory(page, stories[1]!.slug, stories[1]!.headline)
  }, 60_000)

  it('starts cold with no network, in a new tab and after a browser restart, on the last listings', async () => {
    const expectLastListing = async (page: Page) => {
      await page.goto('/')
      expect(onBrowserErrorPage(page)).toBe(false)
      await h1(page).filter({ hasText: 'Latest stories' }).waitFor()
      await expect.poll(() => listedHeadlines(page)).toEqual(latest.items.map((s) => s.headline))
      await expect.poll(() => connectionStatus(page).innerText()).toContain('You are offline')
    }
    // Every tab closed, then a new one: the app starts from nothing but what the device keeps.
    await reader.page.close()
    const tab = await served.profile.open()
    tab.allowConsoleError(OFFLINE_ERRORS)
    await expectLastListing(tab.page)

    await served.profile.restart()
    const cold = await served.profile.open()
    cold.allowConsoleError(OFFLINE_ERRORS)
    await expectLastListing(cold.page)
  }, 60_000)
})
