import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { parseHtml } from '../utils/parse-html'
import { browserSession } from './support/browser'
import { settled } from '../../scripts/app-page'
import { data } from './support/site-data'

/**
 * Languages (docs/api.md, `lang` and `dir`): a story in a right-to-left language reads right to left, in
 * its page and on its card, inside a page that stays English and left to right; and dates are in the
 * reader's language once the page is live.
 */
const baseURL = inject('baseURL')
const browser = browserSession()

/** The demo's story in a right-to-left language, found in the built API (on the home page's first page). */
function rtlStory() {
  const story = data.latest().items.find((item) => item.dir === 'rtl')
  if (!story) throw new Error('no right-to-left story on the first page of lists/latest')
  return story
}

const direction = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).direction)

/** Waits until every date on the page is in its live form (the reader's language, with a title). */
const hydratedDates = (page: Page) =>
  page.waitForFunction(() => {
    const times = [...document.querySelectorAll('main time')]
    return times.length > 0 && times.every((time) => time.hasAttribute('title'))
  })

describe('a story in a right-to-left language', () => {
  const story = rtlStory()
  const path = `/articles/${story.slug}`

  it('has its language and direction in the API, and in the prerendered page', async () => {
    expect(story).toMatchObject({ lang: 'ar', dir: 'rtl' })
    const response = await fetch(baseURL + path, { headers: { Accept: 'text/html' } })
    const document = parseHtml(await response.text())
    const article = document.querySelector('main article')
    expect(article?.getAttribute('lang')).toBe('ar')
    expect(article?.getAttribute('dir')).toBe('rtl')
    expect(document.documentElement.getAttribute('lang')).toBe('en')
    // Search engines read the story's language from its structured data.
    const ld = document.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}'
    expect(JSON.parse(ld)).toMatchObject({ '@type': 'NewsArticle', inLanguage: 'ar' })
  })

  it('reads right to left inside an English page that stays left to right', async () => {
    const { page } = await browser.open(path)
    await settled(page)
    const article = page.locator('main > article')
    expect(await article.getAttribute('lang')).toBe('ar')
    expect(await article.getAttribute('dir')).toBe('rtl')
    expect(await direction(page, 'main > article')).toBe('rtl')
    expect(await direction(page, 'main > article h1')).toBe('rtl')
    // The page around it: the frame, its header and navigation.
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await direction(page, 'body')).toBe('ltr')
    expect(await direction(page, 'body > * header, body header')).toBe('ltr')
    expect(await direction(page, 'main')).toBe('ltr')

    // Its layout mirrors: lists indent on the right, quotes are ruled on the right, the text starts there.
    const box = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const style = getComputedStyle(el)
          return {
            paddingLeft: style.paddingLeft,
            paddingRight: style.paddingRight,
            borderLeft: style.borderLeftWidth,
            borderRight: style.borderRightWidth,
            fontStyle: style.fontStyle,
          }
        })
    const list = await box('.article-body ul')
    expect(list.paddingLeft).toBe('0px')
    expect(list.paddingRight).not.toBe('0px')
    const quote = await box('.article-body .quote')
    expect(quote.borderLeft).toBe('0px')
    expect(quote.borderRight).toBe('4px')
    expect((await box('.article-body blockquote')).fontStyle).toBe('normal')
    const [paragraph, column] = await Promise.all(
      ['.article-body p', 'main > article'].map((selector) =>
        page
          .locator(selector)
          .first()
          .evaluate((el) => el.getBoundingClientRect().right),
      ),
    )
    expect(Math.abs(paragraph! - column!)).toBeLessThan(1)

    // The site's own labels inside it say they are English, for screen readers, and read in their own
    // order: "5 min read", not "min read 5".
    expect(await page.locator('main > article footer').getAttribute('lang')).toBe('en')
    const readingTime = page.locator('main > article header').getByText(/min read$/)
    expect(await readingTime.evaluate((el) => el.closest('[lang]')?.getAttribute('lang'))).toBe(
      'en',
    )
    const [numberLeft, wordsLeft] = await readingTime.evaluate((el) => {
      // By character, not by text node: the number and the words may be one text node or two.
      const left = (pattern: RegExp) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const index = (node as Text).data.search(pattern)
          if (index < 0) continue
          const range = document.createRange()
          range.setStart(node, index)
          range.setEnd(node, index + 1)
          return range.getBoundingClientRect().left
        }
        return Number.NaN
      }
      return [left(/\d/), left(/\p{L}/u)]
    })
    expect(numberLeft).toBeLessThan(wordsLeft!)
  })

  it('has its language and direction on its card on the home page, and only there', async () => {
    const { page } = await browser.open('/')
    await settled(page)
    const card = page.locator('main article', {
      has: page.locator(`h2 a[href="/articles/${story.slug}"]`),
    })
    const headline = card.locator('h2')
    const summary = card.getByText(story.summary)
    for (const part of [headline, summary]) {
      expect(await part.getAttribute('lang')).toBe('ar')
      expect(await part.getAttribute('dir')).toBe('rtl')
      expect(await part.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl')
    }
    // The card's own frame (section, byline) and the other, English cards stay left to right.
    expect(await card.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr')
    const english = page.locator('main article h2:not([lang])')
    expect(await english.count()).toBeGreaterThan(0)
    expect(await english.first().evaluate((el) => getComputedStyle(el).direction)).toBe('ltr')
  })
})

describe("dates in the reader's language", () => {
  it('are German for a German browser once the page is live, English (UTC) before', async () => {
    const { page } = await browser.openFresh('/', { locale: 'de-DE', timezoneId: 'Europe/Berlin' })
    const story = data.latest().items[0]!
    const time = page.locator(`main time[datetime="${story.published}"]`).first()
    await hydratedDates(page)
    const absolute = new Intl.DateTimeFormat('de-DE', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Berlin',
    }).format(new Date(story.published))
    expect(await time.getAttribute('title')).toBe(absolute)
    // Relative times in German too: "vor 3 Tagen", "gestern", "letzten Monat" …
    const relative = await page.locator('main time').allTextContents()
    expect(relative.join(' | ')).not.toMatch(/\bago\b|yesterday|last (week|month|year)/)
    expect(relative.some((text) => /^vor |gestern|letzte[nrs]? /.test(text))).toBe(true)
    // The prerendered page, for the same reader, had the fixed English UTC form.
    const response = await fetch(baseURL + '/', { headers: { Accept: 'text/html' } })
    const prerendered = parseHtml(await response.text()).querySelector(
      `main time[datetime="${story.published}"]`,
    )
    expect(prerendered?.textContent).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC$/)
  })

  it("follow the reader's preferred languages (navigator.languages), not the browser's own", async () => {
    // A browser in American English whose reader asked for Austrian German first: Intl's default is en-US.
    const context = { locale: 'en-US', timezoneId: 'UTC' }
    const { page } = await browser.openFresh(undefined, context)
    await page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'languages', { get: () => ['de-AT', 'en-US'] }),
    )
    await page.goto('/')
    await hydratedDates(page)
    const story = data.latest().items[0]!
    const title = await page
      .locator(`main time[datetime="${story.published}"]`)
      .first()
      .getAttribute('title')
    expect(title).toBe(
      new Intl.DateTimeFormat('de-AT', {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'UTC',
      }).format(new Date(story.published)),
    )
  })
})
