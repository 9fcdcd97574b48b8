import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { frameReady, themeControl } from './support/frame'

/**
 * The theme reaching what the page's own colours do not paint (issue 14, docs/decisions/011-reading-comfort.md):
 * the root's color-scheme, which native controls and scrollbars follow, and the page's own background.
 */
const session = browserSession()

/** The root's computed color-scheme, the body's background, and a native select's color-scheme. */
const schemes = (page: Page) =>
  page.evaluate(() => {
    const select = document.querySelector('select')!
    return {
      root: getComputedStyle(document.documentElement).colorScheme,
      select: getComputedStyle(select).colorScheme,
      body: getComputedStyle(document.body).backgroundColor,
    }
  })

/**
 * How light a CSS colour is, from 0 (black) to 1 (white): an `rgb()` colour's mean channel, or the
 * lightness of an `oklch()` or `lab()` one (Tailwind's palette is oklch; Chromium may give it as lab).
 */
function lightness(colour: string): number {
  const rgb = /^rgba?\(([^)]+)\)$/
    .exec(colour)?.[1]
    ?.split(/[\s,]+/)
    .slice(0, 3)
    .map(Number)
  if (rgb?.length === 3 && !rgb.some(Number.isNaN))
    return rgb.reduce((sum, c) => sum + c, 0) / 3 / 255
  const oklch = /^oklch\(([\d.]+)(%?)/.exec(colour)
  if (oklch) return Number(oklch[1]) / (oklch[2] ? 100 : 1)
  const lab = /^lab\(([\d.]+)/.exec(colour)
  if (lab) return Number(lab[1]) / 100
  throw new Error(`cannot read the colour ${colour}`)
}

describe('the theme reaches the page itself', () => {
  it.each([
    ['Dark', 'dark'],
    ['Light', 'light'],
  ] as const)(
    '%s: color-scheme %s on the root and the selects, and a page background to match',
    async (label, scheme) => {
      // The system asks for the other scheme: the reader's choice must win.
      const { page } = await session.openFresh('/', {
        colorScheme: scheme === 'dark' ? 'light' : 'dark',
      })
      await frameReady(page)
      await themeControl(page).selectOption({ label })
      const chosen = await schemes(page)
      expect(chosen.root).toBe(scheme)
      expect(chosen.select).toBe(scheme)
      // The body paints a background of its own (transparent, the browser's canvas shows through).
      expect(chosen.body).not.toMatch(/^(transparent|rgba\(.*,\s*0\))$/)
      if (scheme === 'dark') expect(lightness(chosen.body)).toBeLessThan(0.25)
      else expect(lightness(chosen.body)).toBeGreaterThan(0.9)

      // Applied before the first paint on the next load too (src/boot.ts).
      await page.reload()
      await frameReady(page)
      expect(await schemes(page)).toEqual(chosen)
    },
  )
})
