import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import type { WatchedPage } from './support/browser'
import { h1, settled, storyLinks } from '../../scripts/app-page'
import {
  allImagesLoaded,
  brokenImages,
  checkForUpdate,
  connectionStatus,
  untilControlled,
  updatePrompt,
  versionLine,
} from './support/pwa'
import { data, openingWords } from './support/site-data'
import { evictCopies } from './support/evict'
import { servedProfile } from './support/served-profile'
import { backOnline, offlineTab as offlineTabAfter } from './support/offline-tab'

/**
 * A saved story stays readable offline, with its images, until it is unsaved, whatever happens to the
 * service worker's bounded caches and across a new release. "Evicted" here means what a long time and a
 * busy reader do: the runtime caches of articles, images and pages, and the device's query cache, are
 * emptied; only the saved cache (newsroom-saved) is left.
 */
const releases = inject('releases')

// The story on the first page with the most pictures (its photo and its figures), not the one release
// two revises.
const imagesOf = (slug: string) => {
  const article = data.article(slug)
  return (article.hero ? 1 : 0) + article.body.filter((b) => b.type === 'figure').length
}
const story = data
  .latest(1)
  .items.filter((s) => s.slug !== releases.revised.slug)
  .sort((a, b) => imagesOf(b.slug) - imagesOf(a.slug))[0]!

/** The URLs the saved cache holds for `slug` once its copy is complete, or null. */
function savedCopy(page: Page, slug: string): Promise<string[] | null> {
  return page.evaluate(async (slug) => {
    const cache = await caches.open('newsroom-saved')
    const manifest = await cache.match(`/__saved-story__/${slug}`)
    if (!manifest) return null
    const { urls, schema } = (await manifest.json()) as { urls: string[]; schema: string | null }
    if (schema === null) return null
    const held = await Promise.all(urls.map(async (url) => (await cache.match(url)) !== undefined))
    return held.every(Boolean) ? urls.map((url) => new URL(url).pathname) : null
  }, slug)
}

/** Empties every copy but the saved cache: runtime caches of articles, images, pages, and the query cache. */
const evictAllButSaved = (page: Page) => evictCopies(page, /^newsroom-(articles|images|pages)-/)

describe('a saved story, offline', () => {
  const served = servedProfile(releases.one, { per: 'block' })

  const offlineTab = (path: string) => offlineTabAfter(served, evictAllButSaved, path)
  const online = () => backOnline(served)

  async function expectReadableFromSaved(tab: WatchedPage) {
    const { page } = tab
    await h1(page).filter({ hasText: 'Saved stories' }).waitFor()
    await page.getByRole('link', { name: story.headline, exact: true }).click()
    await h1(page).filter({ hasText: story.headline }).waitFor()
    await settled(page)
    expect(await page.locator('.article-body').innerText()).toContain(openingWords(story.slug))
    const images = await allImagesLoaded(page).catch(async (error: Error) => {
      throw new Error(`images not drawn: ${(await brokenImages(page)).join(', ')}`, {
        cause: error,
      })
    })
    expect(images).toBeGreaterThanOrEqual(imagesOf(story.slug))
    await expect.poll(() => connectionStatus(page).innerText()).toContain('You are offline')
  }

  it('opens from the Saved page with its text and every image, all else evicted', async () => {
    expect(imagesOf(story.slug), 'the story has pictures').toBeGreaterThan(0)
    const { page } = await served.profile.open('/')
    await untilControlled(page)
    await storyLinks(page).first().waitFor()
    const card = page
      .locator('main article')
      .filter({ has: page.locator(`h2 a[href="/articles/${story.slug}"]`) })
    await card.getByRole('button', { name: 'Save', exact: true }).click()
    await card.getByRole('button', { name: 'Saved', exact: true }).waitFor()

    // The article and its images, every size, are in the saved cache.
    await expect.poll(() => savedCopy(page, story.slug), { timeout: 15_000 }).not.toBeNull()
    const held = (await savedCopy(page, story.slug))!
    expect(held).toContain(`/api/articles/${story.slug}.json`)
    const article = data.article(story.slug)
    const images = [
      ...(article.hero ? [article.hero] : []),
      ...article.body.flatMap((b) => (b.type === 'figure' ? [b.figure] : [])),
    ].flatMap((image) => [image.src, ...image.srcset.map((s) => s.src)])
    for (const image of images)
      expect(held).toContain(new URL(image, `${served.server.url}/api/`).pathname)

    const tab = await offlineTab('/saved')
    await expectReadableFromSaved(tab)
  }, 90_000)

  it('is still readable offline after a new release', async () => {
    await online()
    await served.server.deploy(releases.two)
    const tab = await served.profile.open('/')
    await untilControlled(tab.page)
    await checkForUpdate(tab.page)
    await updatePrompt(tab.page).message.waitFor({ timeout: 15_000 })
    await updatePrompt(tab.page).update.click()
    await expect
      .poll(() => versionLine(tab.page).textContent(), { timeout: 15_000 })
      .toBe('Version two')
    await settled(tab.page)
    expect(await savedCopy(tab.page, story.slug)).not.toBeNull()

    const offline = await offlineTab('/saved')
    await expect.poll(() => versionLine(offline.page).textContent()).toBe('Version two')
    await expectReadableFromSaved(offline)
  }, 90_000)

  it('is no longer kept once unsaved', async () => {
    await online()
    const { page } = await served.profile.open('/saved')
    await untilControlled(page)
    await page.getByRole('button', { name: 'Unsave' }).click()
    await page.getByText('You have no saved stories yet.').waitFor()
    await expect
      .poll(() =>
        page.evaluate(async () =>
          (await (await caches.open('newsroom-saved')).keys()).map((request) => request.url),
        ),
      )
      .toEqual([])

    const tab = await offlineTab(`/articles/${story.slug}`)
    await tab.page.getByText('This story is not available offline').waitFor()
  }, 60_000)
})
