import type { Page } from 'playwright-core'

/**
 * The one sleep the browser tests allow: a window of time in which something must NOT happen (a retry the
 * app must not make, a script that must not run). There is no event for "nothing happened", so the only
 * honest check waits a while and then looks. Every other wait is on a condition. `why` names what the
 * window proves; keep the windows few (the closing note of issue 13 counts them) and short.
 */
export async function quietPeriod(page: Page, ms: number, why: string): Promise<void> {
  if (!why.trim()) throw new Error('quietPeriod needs the reason it waits')
  await page.waitForTimeout(ms)
}
