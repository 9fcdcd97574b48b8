import type { Page } from 'playwright-core'

/** One layout shift as CLS counts it, with what moved. */
export interface LayoutShift {
  value: number
  sources: {
    /** The moved element, as `tag.class.class`; "(gone)" when it has left the page. */
    name: string
    /** Its top before and after, in CSS pixels of the viewport. */
    from: number
    to: number
    /** Whether it is inside the page's header (the banner). */
    inHeader: boolean
  }[]
}

/**
 * Records, from the page's first paint on, every layout shift the reader did not cause (none within
 * 500 ms of input, as CLS counts them), with what moved. Call before the page loads; read with
 * `layoutShifts`.
 */
export const recordLayoutShifts = (page: Page) =>
  page.addInitScript(() => {
    const shifts: LayoutShift[] = []
    ;(window as unknown as { layoutShifts: LayoutShift[] }).layoutShifts = shifts
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
        const header = document.querySelector('body header')
        shifts.push({
          value: entry.value,
          sources: entry.sources.map((source) => {
            const node = source.node instanceof Element ? source.node : null
            const classes = (node?.getAttribute('class') ?? '').split(/\s+/).slice(0, 3)
            return {
              name: node ? [node.nodeName.toLowerCase(), ...classes].join('.') : '(gone)',
              from: Math.round(source.previousRect.y),
              to: Math.round(source.currentRect.y),
              inHeader: !!(source.node && header?.contains(source.node)),
            }
          }),
        })
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })

/** The shifts recorded since the page loaded. */
export const layoutShifts = (page: Page) =>
  page.evaluate(() => (window as unknown as { layoutShifts: LayoutShift[] }).layoutShifts)

/** What moved, in one line for an assertion's message. */
export const describeShifts = (shifts: LayoutShift[]) =>
  shifts
    .map(
      (shift) =>
        `${shift.value.toFixed(4)} (${shift.sources.map((s) => `${s.name} ${s.from}→${s.to} px`).join(', ')})`,
    )
    .join('; ')
