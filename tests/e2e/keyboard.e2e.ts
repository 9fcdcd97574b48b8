import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { h1, listedSlugs, settled, storyLinks } from '../../scripts/app-page'
import { afterNextPaint } from './support/paint'
import { SEED } from './support/site-data'

const browser = browserSession()

/** The page's polite live region (src/features/keyboard/components/keyboard-support.tsx). */
const announcer = (page: Page) => page.locator('#page-announcer')

/** The listing at `path`, settled, with the keyboard support (loaded after the first render) in. */
async function openListing(path = '/') {
  const watched = await browser.open(path)
  await storyLinks(watched.page).first().waitFor()
  await settled(watched.page)
  await announcer(watched.page).waitFor({ state: 'attached' })
  return watched
}

/** What has focus: an element's tag, and a link's href or an element's text, to compare. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement
    if (!el) return null
    return {
      tag: el.tagName.toLowerCase(),
      href: el.getAttribute('href'),
      text: el.textContent?.trim() ?? '',
      visible: el.matches(':focus-visible'),
    }
  })

const linkOf = async (page: Page, n: number) => storyLinks(page).nth(n).getAttribute('href')

describe('keyboard shortcuts', () => {
  it('j and k move between stories, o opens the selected one', async () => {
    const { page } = await openListing()
    const slugs = await listedSlugs(page)
    expect(slugs.length).toBeGreaterThan(2)

    await page.keyboard.press('j')
    await expect.poll(async () => (await focused(page))?.href).toBe(await linkOf(page, 0))
    await page.keyboard.press('j')
    await page.keyboard.press('j')
    await expect.poll(async () => (await focused(page))?.href).toBe(await linkOf(page, 2))
    // The selection is plain to see: the headline link has a keyboard focus ring.
    expect((await focused(page))?.visible).toBe(true)
    await page.keyboard.press('k')
    await expect.poll(async () => (await focused(page))?.href).toBe(await linkOf(page, 1))

    const headline = (await storyLinks(page).nth(1).textContent()) ?? ''
    await page.keyboard.press('o')

    await page.waitForURL(`/articles/${slugs[1]}`)
    await h1(page).filter({ hasText: headline }).waitFor()
    await expect.poll(async () => (await focused(page))?.tag).toBe('h1')
  })

  it('scrolls the selected story into view', async () => {
    const { page } = await openListing()
    const count = await storyLinks(page).count()
    for (let i = 0; i < count; i++) await page.keyboard.press('j')
    const last = storyLinks(page).last()
    await expect.poll(async () => (await focused(page))?.href).toBe(await last.getAttribute('href'))
    await expect
      .poll(() =>
        last.evaluate((link) => {
          const box = link.closest('article')!.getBoundingClientRect()
          return box.top >= 0 && box.bottom <= window.innerHeight
        }),
      )
      .toBe(true)
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0)
  })

  it('Enter opens the selected story', async () => {
    const { page } = await openListing()
    const slugs = await listedSlugs(page)
    await page.keyboard.press('j')
    await expect.poll(async () => (await focused(page))?.href).toBe(await linkOf(page, 0))
    await page.keyboard.press('Enter')
    await page.waitForURL(`/articles/${slugs[0]}`)
  })

  it('s saves and unsaves the selected story, and the story on its own page', async () => {
    const { page } = await openListing()
    await page.keyboard.press('j')
    const card = storyLinks(page).first().locator('xpath=ancestor::article[1]')
    const save = card.getByRole('button', { name: /^Saved?$/ })
    await expect.poll(async () => (await focused(page))?.href).toBe(await linkOf(page, 0))
    expect(await save.getAttribute('aria-pressed')).toBe('false')

    await page.keyboard.press('s')
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true')
    const headline = (await storyLinks(page).first().textContent()) ?? ''
    expect(await announcer(page).textContent()).toBe(`Saved: ${headline}`)
    await page.keyboard.press('s')
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('false')

    await page.goto(`/articles/${SEED.slug}`)
    await h1(page).filter({ hasText: SEED.headline }).waitFor()
    await announcer(page).waitFor({ state: 'attached' })
    const articleSave = page
      .locator('main article')
      .first()
      .getByRole('button', { name: /^Saved?$/ })
    await page.keyboard.press('s')
    await expect.poll(() => articleSave.getAttribute('aria-pressed')).toBe('true')
    await page.getByRole('link', { name: 'Saved stories' }).click()
    await page.waitForURL('/saved')
    await page.getByRole('heading', { level: 2, name: SEED.headline }).waitFor()
  })

  it('/ focuses the search box', async () => {
    const { page } = await openListing()
    await page.keyboard.press('/')
    await expect.poll(async () => (await focused(page))?.tag).toBe('input')
    const box = page.getByRole('searchbox', { name: 'Search' })
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true)
    // The slash itself is not typed into it.
    expect(await box.inputValue()).toBe('')
  })

  it('? shows the shortcuts in a dialog that Escape closes, giving focus back', async () => {
    const { page } = await openListing()
    await page.keyboard.press('j')
    await expect.poll(async () => (await focused(page))?.href).toBe(await linkOf(page, 0))

    await page.keyboard.press('?')
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await dialog.waitFor()
    expect(await dialog.getByRole('term').allTextContents()).toEqual([
      'j',
      'k',
      'o or Enter',
      's',
      '/',
      '?',
      'Esc',
    ])
    // Modal: focus is inside it, and keys are not shortcuts while it is open.
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true)
    await page.keyboard.press('j')
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true)

    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect((await focused(page))?.href).toBe(await linkOf(page, 0))

    // And again, closed with its button this time.
    await page.keyboard.press('?')
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Close' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect((await focused(page))?.href).toBe(await linkOf(page, 0))
  })

  it('a "Keyboard shortcuts" button in the footer shows the list too', async () => {
    const { page } = await openListing()
    const button = page.getByRole('contentinfo').getByRole('button', { name: 'Keyboard shortcuts' })
    await button.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await dialog.waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true)
  })

  it('typing in a field, or with Ctrl or Alt held, triggers nothing', async () => {
    const { page } = await openListing()
    const box = page.getByRole('searchbox', { name: 'Search' })
    await box.focus()
    await page.keyboard.type('jks?o')
    expect(await box.inputValue()).toBe('jks?o')
    await box.evaluate((el) => (el as HTMLInputElement).blur())

    await page.keyboard.press('Control+j')
    await page.keyboard.press('Alt+j')
    await page.keyboard.press('Alt+Shift+?')
    // The shortcuts act at once (focus, a dialog) or start a navigation: painted, or under way, by now.
    await afterNextPaint(page)
    await settled(page)
    expect((await focused(page))?.tag).toBe('body')
    expect(await page.getByRole('dialog').count()).toBe(0)
    expect(new URL(page.url()).pathname).toBe('/')
  })
})

describe('focus and announcement on every change of page', () => {
  it('the first load leaves focus alone; after a click, the heading has focus (no ring) and the title is announced', async () => {
    const { page } = await openListing()
    expect((await focused(page))?.tag).toBe('body')
    expect(await announcer(page).textContent()).toBe('')

    const headline = (await storyLinks(page).first().textContent()) ?? ''
    await storyLinks(page).first().click()
    await h1(page).filter({ hasText: headline }).waitFor()

    await expect.poll(async () => (await focused(page))?.text).toBe(headline)
    const heading = await focused(page)
    expect(heading?.tag).toBe('h1')
    // A mouse reader sees no focus ring jump onto the heading.
    expect(heading?.visible).toBe(false)
    await expect.poll(() => announcer(page).textContent()).toBe(await page.title())
    expect(await page.title()).toContain(headline)
  })

  it('after a keyboard navigation, the heading shows its focus ring', async () => {
    const { page } = await openListing()
    await page.keyboard.press('j')
    await expect.poll(async () => (await focused(page))?.href).toBe(await linkOf(page, 0))
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/articles\//)
    await expect.poll(async () => (await focused(page))?.tag).toBe('h1')
    expect((await focused(page))?.visible).toBe(true)
    await expect.poll(() => announcer(page).textContent()).toBe(await page.title())
  })

  it('Back keeps the scroll position, focuses the heading and announces the title', async () => {
    const { page } = await openListing()
    const links = storyLinks(page)
    const count = await links.count()
    const target = links.nth(count - 2)
    await target.scrollIntoViewIfNeeded()
    await page.evaluate(() => window.scrollBy(0, 40))
    const scrollY = await page.evaluate(() => window.scrollY)
    expect(scrollY).toBeGreaterThan(300)
    const href = (await target.getAttribute('href')) ?? ''
    await target.click()
    await page.waitForURL(href)
    await expect.poll(async () => (await focused(page))?.tag).toBe('h1')
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    await settled(page)
    await page.mouse.move(0, 0)

    await page.goBack()

    await page.waitForURL('/')
    await h1(page).filter({ hasText: 'Latest stories' }).waitFor()
    await expect.poll(async () => (await focused(page))?.text).toBe('Latest stories')
    await expect.poll(() => announcer(page).textContent()).toBe(await page.title())
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThanOrEqual(scrollY - 2)
    expect(await page.evaluate(() => window.scrollY)).toBeLessThanOrEqual(scrollY + 2)
    // j continues from the stories on screen, not from the top of the page.
    await page.keyboard.press('j')
    await expect
      .poll(async () => {
        const { href: focusedHref } = (await focused(page)) ?? {}
        const index = (await listedSlugs(page)).findIndex((s) => `/articles/${s}` === focusedHref)
        return index
      })
      .toBeGreaterThan(0)
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300)
  })
})
