import type { Page, Request } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { settled } from '../../scripts/app-page'
import { data, SEED } from './support/site-data'

const browser = browserSession()

/** The ceiling for what one search may transfer. */
const MAX_SEARCH_BYTES = 300 * 1024

/** Counts the bytes (headers and body, as sent, compressed) of every finished request under /api/. */
function countApiBytes(page: Page) {
  const finished: Promise<number>[] = []
  const paths: string[] = []
  page.on('requestfinished', (request: Request) => {
    const { pathname } = new URL(request.url())
    if (!pathname.startsWith('/api/')) return
    paths.push(pathname)
    finished.push(request.sizes().then((s) => s.responseHeadersSize + s.responseBodySize))
  })
  return {
    paths,
    total: async () => (await Promise.all(finished)).reduce((a, b) => a + b, 0),
  }
}

const resultHeadlines = (page: Page) =>
  page.getByRole('main').getByRole('article').getByRole('heading', { level: 2 })

describe('search', () => {
  it('finds stories as the reader types, marks the matches, and keeps the query and filters in the URL', async () => {
    const seed = data.article(SEED.slug)
    const { page } = await browser.open('/search')
    await page.getByText('Type a word or two to find stories.').waitFor()
    const bytes = countApiBytes(page)

    await page.getByRole('searchbox', { name: 'Search stories' }).pressSequentially('peacekeep')
    await page.waitForURL('/search?q=peacekeep')
    const hit = resultHeadlines(page).filter({ hasText: SEED.headline })
    await hit.waitFor()
    expect(await hit.locator('mark').allTextContents()).toEqual(['Peacekeeper'])
    // Typing replaced the URL: Back leaves the search page instead of stepping through letters.
    expect(await page.evaluate(() => history.length)).toBe(2)

    const searchBytes = await bytes.total()
    expect(bytes.paths.some((p) => p.startsWith('/api/search/terms/'))).toBe(true)
    expect(bytes.paths.some((p) => p.startsWith('/api/search/docs/'))).toBe(true)
    expect(searchBytes).toBeGreaterThan(0)
    expect(searchBytes).toBeLessThanOrEqual(MAX_SEARCH_BYTES)

    await page.getByRole('combobox', { name: 'Section' }).selectOption(seed.section.slug)
    await page.waitForURL(`/search?q=peacekeep&section=${seed.section.slug}`)
    const tag = seed.tags[0]!
    await page.getByRole('combobox', { name: 'Tag' }).selectOption(tag.slug)
    await page.getByRole('button', { name: 'Add tag' }).click()
    await page.waitForURL(`/search?q=peacekeep&section=${seed.section.slug}&tags=${tag.slug}`)
    await page.getByRole('button', { name: `Remove tag ${tag.name}` }).waitFor()
    await hit.waitFor()
    // Every result carries the filters, by the stories' own data.
    await expect.poll(() => resultHeadlines(page).count()).toBeGreaterThan(0)
    for (const href of await page
      .getByRole('main')
      .getByRole('article')
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) {
      const story = data.article(decodeURIComponent(href.replace('/articles/', '')))
      expect(story.section.slug).toBe(seed.section.slug)
      expect(story.tags.map((t) => t.slug)).toContain(tag.slug)
    }

    await hit.getByRole('link').click()
    await page.waitForURL(`/articles/${SEED.slug}`)
    await page.getByRole('heading', { level: 1, name: SEED.headline }).waitFor()
  })

  it('says when nothing matches', async () => {
    const { page } = await browser.open('/search?q=xylophonequartz')
    await page.getByText('No stories match “xylophonequartz”.', { exact: false }).waitFor()
    expect(await resultHeadlines(page).count()).toBe(0)
  })

  it('the header search box is a plain form: it works without JavaScript', async () => {
    const { page } = await browser.openFresh('/', { javaScriptEnabled: false })
    const box = page.getByRole('search').getByRole('searchbox', { name: 'Search' })
    await box.fill('peacekeeper')
    await box.press('Enter')
    await page.waitForURL('/search?q=peacekeeper')

    // With the app running, the same form leads to results, in the same document (no page load).
    const live = await browser.open('/')
    await settled(live.page)
    await live.page.evaluate(() => Object.assign(window, { samePage: true }))
    const header = live.page
      .getByRole('search')
      .getByRole('searchbox', { name: 'Search', exact: true })
    await header.fill('peace keeper')
    await header.press('Enter')
    await live.page.waitForURL('/search?q=peace+keeper')
    expect(await live.page.evaluate(() => 'samePage' in window)).toBe(true)
    await header.fill('peacekeeper')
    await header.press('Enter')
    await live.page.waitForURL('/search?q=peacekeeper')
    expect(await live.page.evaluate(() => 'samePage' in window)).toBe(true)
    await resultHeadlines(live.page).filter({ hasText: SEED.headline }).waitFor()
    expect(await live.page.title()).toBe('Search: peacekeeper – Newsroom')
    expect(await live.page.getByRole('searchbox', { name: 'Search stories' }).inputValue()).toBe(
      'peacekeeper',
    )
  })
})

describe('search results in another language', () => {
  it('carry the story’s lang and dir on its headline and summary', async () => {
    const story = data.latest().items.find((item) => item.dir === 'rtl')!
    const word = story.headline.split(' ')[0]!
    const { page } = await browser.open(`/search?q=${encodeURIComponent(word)}+`)
    const heading = page
      .getByRole('main')
      .getByRole('article')
      .getByRole('heading', { level: 2, name: story.headline })
    await heading.waitFor()
    expect(await heading.getAttribute('lang')).toBe('ar')
    expect(await heading.getAttribute('dir')).toBe('rtl')
    expect(await heading.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl')
    const summary = page.getByText(story.summary)
    expect(await summary.getAttribute('lang')).toBe('ar')
  })
})
