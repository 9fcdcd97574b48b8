import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/**
 * axe-core as the accessibility tests run it (tests/e2e/accessibility.e2e.ts): every rule it has, none
 * disabled; only the violations reported in full (passes and incomplete results cut to one example).
 */
export const axe = (page: Page) => new AxeBuilder({ page }).options({ resultTypes: ['violations'] })

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
 * 200 % text the way a reader sets it: Chromium's own font-size setting, doubled from 16 px to 32 px
 * (why this and not zoom: tests/e2e/accessibility.e2e.ts, doubleTextSize).
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
