import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { STORAGE_KEY, type ReadStory } from '@/features/reading-history/api/reading-history'
import { browserSession } from './support/browser'
import { frameReady, textSizeControl } from './support/frame'
import { h1, listedSlugs, storyLinks } from '../../scripts/app-page'
import { data } from './support/site-data'

/**
 * Read state (issue 6, src/features/reading-history): stories opened on this device are marked on their
 * cards, and a long read left partway offers "Continue reading" at the place it was left.
 */
const browser = browserSession()

const cardOf = (page: Page, slug: string) =>
  page.locator('main article').filter({ has: page.locator(`h2 a[href="/articles/${slug}"]`) })
const readMark = (page: Page, slug: string) => cardOf(page, slug).getByText('Read', { exact: true })
const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue reading' })

/** This device's entry for a story in the reading history, as the page stored it. */
const stored = (page: Page, slug: string) =>
  page.evaluate(
    ([key, slug]) =>
      (
        JSON.parse(localStorage.getItem(key) ?? '{"stories":[]}') as { stories: ReadStory[] }
      ).stories.find((s) => s.slug === slug),
    [STORAGE_KEY, slug] as const,
  )

/** The longest long read in the demo content: enough body to be left halfway. */
function longRead() {
  const reads = [...data.articlesById().values()].filter((a) => a.kind === 'longread')
  const story = reads.sort((a, b) => b.body.length - a.body.length)[0]
  if (!story || story.body.length < 20) throw new Error('the demo content needs a long read')
  return story
}

/** The page of the latest stories that lists a story. */
function listingPageOf(slug: string) {
  for (let page = 1; page <= data.latest(1).pageCount; page++) {
    if (data.latest(page).items.some((s) => s.slug === slug))
      return page === 1 ? '/' : `/page/${page}`
  }
  throw new Error(`${slug} is in no page of the latest stories`)
}

/** The body block with focus, and where its top is on the screen. */
const focusedBlock = (page: Page) =>
  page.evaluate(() => {
    const body = document.querySelector('main .article-body')!
    const block = document.activeElement
    return {
      index: block?.parentElement === body ? [...body.children].indexOf(block) : -1,
      top: block?.getBoundingClientRect().top ?? NaN,
    }
  })

describe('read marks', () => {
  it('marks a story opened as Read on its card, and no other; after a reload too', async () => {
    const { page } = await browser.open('/')
    await frameReady(page)
    const slugs = await listedSlugs(page)
    const opened = slugs[1]!
    expect(await page.getByText('Read', { exact: true }).count()).toBe(0)

    await cardOf(page, opened).locator('h2 a').click()
    await h1(page)
      .filter({ hasText: data.article(opened).headline })
      .waitFor()
    await expect.poll(() => stored(page, opened)).toBeDefined()
    await page.goBack()
    await storyLinks(page).first().waitFor()

    await readMark(page, opened).waitFor()
    const headlineOpacity = (slug: string) =>
      cardOf(page, slug)
        .locator('h2')
        .evaluate((h2) => Number(getComputedStyle(h2).opacity))
    // A quieter headline, besides the words.
    expect(await headlineOpacity(opened)).toBeLessThan(1)
    expect(await headlineOpacity(slugs[0]!)).toBe(1)
    expect(await page.getByText('Read', { exact: true }).count()).toBe(1)
    // j and k still step through the cards, read or not, headline by headline.
    await page.keyboard.press('j')
    await page.keyboard.press('j')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('href')))
      .toBe(`/articles/${opened}`)

    await page.reload()
    await frameReady(page)
    await readMark(page, opened).waitFor()
    expect(await page.getByText('Read', { exact: true }).count()).toBe(1)
  })
})

describe('continue reading', () => {
  it('offers the place a long read was left, at any text size, and brings it back with focus', async () => {
    const story = longRead()
    const path = `/articles/${story.slug}`
    const { page } = await browser.open(path)
    await frameReady(page)
    expect(await continueButton(page).count()).toBe(0)

    // The reader scrolls halfway down the story.
    const halfway = Math.floor(story.body.length / 2)
    const block = page.locator('main .article-body > *').nth(halfway)
    const words = ((await block.textContent()) ?? '').slice(0, 60)
    expect(words).not.toBe('')
    await block.evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await expect.poll(async () => (await stored(page, story.slug))?.place?.block).toBe(halfway)

    // Leaves for the listing the story is on, where its card says how far along it is; picks a larger
    // text size on the way; and comes back.
    await page.goto(listingPageOf(story.slug))
    await frameReady(page)
    await cardOf(page, story.slug)
      .getByText(/^Continue reading: \d+ % read$/)
      .waitFor()
    await textSizeControl(page).selectOption({ label: 'Largest' })
    await page.goto(path)
    await frameReady(page)

    await continueButton(page).waitFor()
    // Offered, not done: the page has not moved by itself.
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    await continueButton(page).focus()
    await page.keyboard.press('Enter')

    await expect.poll(() => focusedBlock(page)).toMatchObject({ index: halfway })
    const { top } = await focusedBlock(page)
    expect(Math.abs(top)).toBeLessThan(2)
    expect(await page.locator('main .article-body > *').nth(halfway).textContent()).toContain(words)
    expect(await continueButton(page).count()).toBe(0)
  })

  it('forgets the place once the story is read to its end', async () => {
    const story = longRead()
    const path = `/articles/${story.slug}`
    const { page } = await browser.open(path)
    await frameReady(page)
    const halfway = Math.floor(story.body.length / 2)
    const body = page.locator('main .article-body')
    await body
      .locator('> *')
      .nth(halfway)
      .evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await expect.poll(async () => (await stored(page, story.slug))?.place?.block).toBe(halfway)
    await page.reload()
    await frameReady(page)
    await continueButton(page).waitFor()

    // The reader reads on to the end of the story.
    await body.evaluate((el) => el.scrollIntoView({ block: 'end' }))
    await expect.poll(async () => (await stored(page, story.slug))?.place).toBeUndefined()
    await continueButton(page).waitFor({ state: 'detached' })

    await page.reload()
    await frameReady(page)
    expect(await stored(page, story.slug)).toBeDefined()
    expect(await continueButton(page).count()).toBe(0)
  })
})
