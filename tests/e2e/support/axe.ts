import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/**
 * How the browser tests check accessibility (tests/e2e/accessibility.e2e.ts, following.e2e.ts): axe-core
 * with every rule it runs by default, none disabled, and WCAG 2.2's target size (2.5.8, level AA), which
 * axe leaves off by default and Lighthouse checks: two small links side by side cost the accessibility
 * score once, unseen by these tests. In each of three looks of the page. Only the violations are
 * reported in full (passes and incomplete results are cut to one example each): the same checks, in about
 * half the time.
 */
export const axe = (page: Page) =>
  new AxeBuilder({ page }).options({
    resultTypes: ['violations'],
    rules: { 'target-size': { enabled: true } },
  })

/** One readable line per element that fails a rule. */
export function describeViolations(results: Awaited<ReturnType<AxeBuilder['analyze']>>): string[] {
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'no impact given'}) at ${node.target.join(' ')}: ` +
        `${violation.help}. ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
    ),
  )
}

/**
 * 200 % text the way a reader sets it: Chromium's own font-size setting (Settings > Appearance > Font
 * size, the `webkit.webprefs.default_font_size` preference), doubled from 16 px to 32 px. Everything
 * sized in rem or em grows with it, the app's own Text size steps stack on top, and the layout reflows
 * at the same viewport, which is what WCAG 1.4.4 asks of "resize text". Browser zoom would change the
 * viewport's CSS width instead (a narrower layout, tested by the breakpoints), and a style injected into
 * the page would have to get past the CSP and could be outranked by the app's own rule on <html>.
 */
export async function doubleTextSize(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Page.enable')
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } })
}

/** The theme as the Theme control stores the reader's choice: the app reads it before its first paint. */
export const withTheme = (page: Page, theme: 'light' | 'dark') =>
  page.addInitScript((chosen) => {
    localStorage.setItem('newsroom:reading', JSON.stringify({ theme: chosen }))
  }, theme)

/** A look of the page under check: a theme, and the reader's text at 200 % or not. */
export interface Variant {
  name: string
  theme: 'light' | 'dark'
  textZoom: boolean
}

export const variants: Variant[] = [
  { name: 'light theme', theme: 'light', textZoom: false },
  { name: 'dark theme', theme: 'dark', textZoom: false },
  { name: '200 % text', theme: 'light', textZoom: true },
]
