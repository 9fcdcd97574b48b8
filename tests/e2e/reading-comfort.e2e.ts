import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { frameReady, themeControl, textSizeControl } from './support/frame'
import { h1 } from '../../scripts/app-page'
import { SEED } from './support/site-data'

/**
 * Reading comfort (issue 6, docs/decisions/011-reading-comfort.md): the theme and text-size controls in
 * the header, remembered on the device; the reading-progress bar on a story; the printed story.
 */
const session = browserSession()

const story = `/articles/${SEED.slug}`
// A story whose body links out, for the printed URLs.
const linkingStory = '/articles/ai-tool-speeds-up-chest-scan-reading'
const LINK_URL = 'https://example.org/easterby/ai-xray-trial'

/** The page's background and text colours, as the frame around <main> paints them. */
const colours = (page: Page) =>
  page.locator('#main').evaluate((main) => {
    const style = getComputedStyle(main.parentElement!)
    return `${style.backgroundColor} / ${style.color}`
  })

const rootFontSize = (page: Page) =>
  page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))

/** Chooses a theme, sees it painted at once and again after a reload, the choice kept in the control. */
async function chooseTheme(page: Page, label: 'Dark' | 'Light', painted: string) {
  await themeControl(page).selectOption({ label })
  expect(await colours(page)).toBe(painted)
  await page.reload()
  await frameReady(page)
  expect(await colours(page)).toBe(painted)
  expect(await themeControl(page).inputValue()).toBe(label.toLowerCase())
}

describe('theme', () => {
  it('follows the system by default, switches on choice, and keeps the choice across a reload', async () => {
    const { page } = await session.openFresh('/', { colorScheme: 'light' })
    await frameReady(page)
    expect(await themeControl(page).inputValue()).toBe('system')
    const light = await colours(page)
    await page.emulateMedia({ colorScheme: 'dark' })
    const dark = await colours(page)
    expect(dark).not.toBe(light)
    await page.emulateMedia({ colorScheme: 'light' })

    await chooseTheme(page, 'Dark', dark)

    // An explicit choice wins over the system's, both ways.
    await page.emulateMedia({ colorScheme: 'dark' })
    await chooseTheme(page, 'Light', light)

    // Back to System: the system's scheme again, and nothing left in storage.
    await themeControl(page).selectOption({ label: 'System' })
    expect(await colours(page)).toBe(dark)
    expect(await page.evaluate(() => Object.keys(localStorage))).not.toContain('newsroom:reading')
  })

  it('works with storage blocked: the choice holds for the page', async () => {
    const { page } = await session.openFresh(undefined, { colorScheme: 'light' })
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('Access is denied for this document.', 'SecurityError')
        },
      })
    })
    await page.goto('/')
    await frameReady(page)
    const light = await colours(page)
    await themeControl(page).selectOption({ label: 'Dark' })
    expect(await colours(page)).not.toBe(light)
    expect(await themeControl(page).inputValue()).toBe('dark')
  })
})

describe('text size', () => {
  it('has at least four steps, each larger than the last, and keeps the choice across a reload', async () => {
    const { page } = await session.open(story)
    await frameReady(page)
    const labels = await textSizeControl(page).locator('option').allTextContents()
    expect(labels).toEqual(['Standard', 'Small', 'Large', 'Larger', 'Largest'])

    const sizes: number[] = []
    for (const label of ['Small', 'Standard', 'Large', 'Larger', 'Largest']) {
      await textSizeControl(page).selectOption({ label })
      const body = await page
        .locator('.article-body p')
        .first()
        .evaluate((p) => parseFloat(getComputedStyle(p).fontSize))
      sizes.push(body)
    }
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b))
    expect(new Set(sizes).size).toBe(5)
    expect(sizes[4]! / sizes[1]!).toBeCloseTo(1.5, 1)

    await page.reload()
    await frameReady(page)
    expect(await textSizeControl(page).inputValue()).toBe('largest')
    expect(await rootFontSize(page)).toBe(24)
  })

  it('fits a phone at the largest size: nothing wider than the screen', async () => {
    const { page } = await session.openFresh(undefined, { viewport: { width: 390, height: 800 } })
    await page.goto(story)
    await frameReady(page)
    await textSizeControl(page).selectOption({ label: 'Largest' })
    expect(await rootFontSize(page)).toBe(24)
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      ),
    ).toBe(true)
  })

  it('the controls work from the keyboard', async () => {
    const { page } = await session.open('/')
    await frameReady(page)
    await textSizeControl(page).focus()
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => textSizeControl(page).inputValue()).toBe('small')
    expect(await rootFontSize(page)).toBe(14)
  })

  it('does not move the page when the controls appear', async () => {
    const positions = async (javaScriptEnabled: boolean, width: number) => {
      const { page } = await session.openFresh(undefined, {
        javaScriptEnabled,
        viewport: { width, height: 800 },
      })
      await page.goto('/')
      if (javaScriptEnabled) await frameReady(page)
      return page.evaluate(() =>
        [document.querySelector('main')!, document.querySelector('header a[href="/saved"]')!].map(
          (el) => {
            const box = el.getBoundingClientRect()
            return `${Math.round(box.left)},${Math.round(box.top)}`
          },
        ),
      )
    }
    for (const width of [1280, 390]) {
      expect(await positions(true, width), `${width}px wide`).toEqual(await positions(false, width))
    }
  })
})

describe('reading progress', () => {
  const progress = (page: Page) =>
    page.locator('main > article').evaluate((article) => {
      const transform = getComputedStyle(article, '::before').transform
      const match = /^matrix\(([-\d.e]+)/.exec(transform)
      return match ? Number(match[1]) : NaN
    })

  it('advances as the reader scrolls through the story', async () => {
    const { page } = await session.open(story)
    await frameReady(page)
    expect(await progress(page)).toBe(0)
    const end = await page
      .locator('main > article')
      .evaluate((a) => a.getBoundingClientRect().bottom + window.scrollY - window.innerHeight)
    await page.evaluate((y) => window.scrollTo(0, y), end / 2)
    await expect.poll(() => progress(page)).toBeGreaterThan(0.2)
    expect(await progress(page)).toBeLessThan(0.9)
    await page.evaluate((y) => window.scrollTo(0, y), end)
    await expect.poll(() => progress(page)).toBe(1)
    // Decorative: nothing announced, and nothing a loading check takes for a loading bar.
    expect(await page.locator('[role="progressbar"]').count()).toBe(0)
  })
})

describe('printing a story', () => {
  it('prints the story alone, in serif type, dark on white, with the URLs of its links', async () => {
    const { page } = await session.openFresh(linkingStory, { colorScheme: 'dark' })
    await frameReady(page)
    // The related stories under the story.
    const related = page.locator('main aside').first()
    await related.waitFor()
    await page.emulateMedia({ media: 'print' })

    for (const chrome of [
      page.getByRole('banner'),
      page.getByRole('contentinfo').last(),
      page.getByRole('link', { name: 'Skip to content' }),
      page.getByRole('button', { name: 'Save' }),
      related,
      page.locator('main > article > footer'),
    ]) {
      expect(await chrome.isVisible(), String(chrome)).toBe(false)
    }
    expect(await h1(page).isVisible()).toBe(true)
    const body = page.locator('.article-body p').first()
    const style = await body.evaluate((p) => {
      const s = getComputedStyle(p)
      return { font: s.fontFamily, color: s.color }
    })
    expect(style.font).toMatch(/Georgia/)
    expect(style.color).toMatch(/^rgb\(0, 0, 0\)$/)
    const after = await page
      .locator(`.article-body a[href="${LINK_URL}"]`)
      .evaluate((a) => getComputedStyle(a, '::after').content)
    expect(after).toBe(`" (${LINK_URL})"`)
    // The story's photo fits the page.
    const img = await page
      .locator('main > article img')
      .first()
      .evaluate((i) => i.getBoundingClientRect().width <= document.documentElement.clientWidth)
    expect(img).toBe(true)
  })
})
