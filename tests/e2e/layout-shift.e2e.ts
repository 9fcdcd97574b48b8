import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { frameReady } from './support/frame'
import { busiest, SEED } from './support/site-data'

/**
 * Nothing moves while the app starts: on a fresh visit, from the first paint until the page is live (its
 * frame's extras loaded, the network quiet), the layout shifts a reader did not cause add up to under
 * 0.01 (Lighthouse counts 0.1 as the line between good and poor; the target here is none). On a desk's
 * screen and Lighthouse's phone, because a line that wraps at one width stays whole at the other:
 * the live time ("2 hours ago · …") beside a card's byline wrapped it once, on the front page's lead
 * at 1280 px (0.037) and on a section's cards at 412 px (0.027); a client-only page growing under the
 * footer moved it (0.037 on /saved).
 */
const session = browserSession()

const viewports = [
  { name: 'a desk (1280 × 800)', viewport: { width: 1280, height: 800 } },
  { name: 'a phone (412 × 823)', viewport: { width: 412, height: 823 } },
]

const pages = [
  { name: 'home', path: '/' },
  { name: 'a section', path: `/sections/${busiest('sections').slug}` },
  { name: 'a tag', path: `/tags/${busiest('tags').slug}` },
  { name: 'the seed story', path: `/articles/${SEED.slug}` },
  { name: 'Saved', path: '/saved' },
  { name: 'Following', path: '/following' },
]

interface Shift {
  value: number
  sources: string[]
}

/** Records every layout shift the reader did not cause, with what moved, from the first paint on. */
const recordShifts = (page: Page) =>
  page.addInitScript(() => {
    const shifts: Shift[] = ((window as unknown as { layoutShifts: Shift[] }).layoutShifts = [])
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number
        hadRecentInput: boolean
        sources: {
          node: Node | null
          previousRect: DOMRectReadOnly
          currentRect: DOMRectReadOnly
        }[]
      })[]) {
        if (entry.hadRecentInput) continue
        shifts.push({
          value: entry.value,
          sources: entry.sources.map((source) => {
            const node = source.node as Element | null
            const name = node
              ? `${node.nodeName.toLowerCase()}.${(node.getAttribute?.('class') ?? '').split(/\s+/).slice(0, 3).join('.')}`
              : '(gone)'
            return `${name} ${Math.round(source.previousRect.y)}→${Math.round(source.currentRect.y)} px`
          }),
        })
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })

const shiftsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { layoutShifts: Shift[] }).layoutShifts)

describe.each(viewports)('nothing moves as the app starts, on $name', ({ viewport }) => {
  it.each(pages)('$name', async ({ path }) => {
    const { page } = await session.openFresh(undefined, { viewport })
    await recordShifts(page)
    await page.goto(path)
    await frameReady(page)
    await page.waitForLoadState('networkidle')
    // One more idle turn: what the app does when idle (the frame's extras, their effects) has run.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2_000 })),
    )
    const shifts = await shiftsOf(page)
    const total = shifts.reduce((sum, shift) => sum + shift.value, 0)
    console.log(`${path} at ${viewport.width} px: layout shift ${total.toFixed(4)}`)
    expect(
      total,
      `what moved: ${shifts.map((s) => `${s.value.toFixed(4)} (${s.sources.join(', ')})`).join('; ')}`,
    ).toBeLessThan(0.01)
  })
})
