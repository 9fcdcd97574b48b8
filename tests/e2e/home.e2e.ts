import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { h1, listedHeadlines, listedSlugs, settled, storyLinks } from '../../scripts/app-page'
import { data } from './support/site-data'

const browser = browserSession()

describe('home', () => {
  it('lists the latest stories, each with a heading link and a machine-readable date', async () => {
    const latest = data.latest(1)
    const { page } = await browser.open('/')

    await h1(page).filter({ hasText: 'Latest stories' }).waitFor()
    await settled(page)
    expect(await h1(page).textContent()).toBe('Latest stories')
    expect(await page.title()).toBe(data.site().name)

    expect(await listedSlugs(page)).toEqual(latest.items.map((s) => s.slug))
    expect(await listedHeadlines(page)).toEqual(latest.items.map((s) => s.headline))
    const cards = page.locator('main article')
    expect(await cards.count()).toBe(latest.items.length)
    for (const [i, story] of latest.items.entries()) {
      const card = cards.nth(i)
      expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe(story.headline)
      expect(await card.locator('time').first().getAttribute('datetime')).toBe(story.published)
    }
  })

  it('pages through the listing: page 2 has its own URL and title, and opens directly', async () => {
    const first = data.latest(1)
    expect(first.pageCount, 'the demo content fills more than one page').toBeGreaterThan(1)
    const second = data.latest(2)
    const { page } = await browser.open('/')
    await storyLinks(page).first().waitFor()
    const homeTitle = await page.title()

    const older = page.getByRole('navigation', { name: 'Pages' }).getByRole('link', {
      name: /Older stories/,
    })
    expect(await older.getAttribute('href')).toBe('/page/2')
    await older.click()

    await page.waitForURL('/page/2')
    await expect.poll(() => listedSlugs(page)).toEqual(second.items.map((s) => s.slug))
    expect(await h1(page).textContent()).toBe('Latest stories')
    await expect.poll(() => page.title()).toMatch(/page 2/)
    expect(await page.title()).not.toBe(homeTitle)
    expect(await page.getByText(`Page 2 of ${first.pageCount}`).count()).toBe(1)
    // Back to page 1 through the "newer" link.
    expect(await page.getByRole('link', { name: /Newer stories/ }).getAttribute('href')).toBe('/')
    const title = await page.title()

    // The page's URL is an address of its own: a new visitor landing on it sees the same page.
    const fresh = await browser.openFresh('/page/2')
    await storyLinks(fresh.page).first().waitFor()
    expect(await listedSlugs(fresh.page)).toEqual(second.items.map((s) => s.slug))
    await expect.poll(() => fresh.page.title()).toBe(title)
  })

  it('opens a story by clicking its heading link', async () => {
    const { page } = await browser.open('/')
    const link = storyLinks(page).first()
    await link.waitFor()
    const headline = (await link.textContent()) ?? ''
    const href = (await link.getAttribute('href')) ?? ''
    expect(href).toMatch(/^\/articles\/[a-z0-9-]+$/)
    const article = data.article(href.replace('/articles/', ''))
    expect(headline).toBe(article.headline)

    await link.click()

    await page.waitForURL(href)
    // The URL changes a moment before the new page renders: wait for the page, not the address.
    await h1(page).filter({ hasText: headline }).waitFor()
    expect(await h1(page).textContent()).toBe(headline)
    await settled(page)
    await expect.poll(() => page.title()).toContain(headline)
    // The body arrived, not only the listing's summary.
    const firstParagraph = article.body.find((b) => b.type === 'paragraph')
    if (firstParagraph?.content[0]?.type === 'text') {
      const words = firstParagraph.content[0].text.slice(0, 40)
      expect(await page.locator('.article-body p').first().textContent()).toContain(words)
    } else {
      expect(await page.locator('.article-body > *').count()).toBeGreaterThan(0)
    }
  })
})
