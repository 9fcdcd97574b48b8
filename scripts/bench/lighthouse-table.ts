import { LIGHTHOUSE_TARGETS, type LighthousePage, type LighthouseRun } from './lighthouse.ts'
import { mark, ms, seconds, table } from './table.ts'

/** What the Lighthouse table shows and issue 10's targets, for `runs` rounds. */
export function lighthouseNote(runs: number): string {
  const t = LIGHTHOUSE_TARGETS
  return `Lighthouse 12, mobile, default simulated throttling, Debian Chromium, a fresh profile each run. Each page is followed by the same page without JavaScript (its HTML with every module script and modulepreload removed; the same CSS and images, served by a second nginx with the shipped configuration at the same path), page after page, round after round; medians of ${runs} runs (performance of every run in brackets). Targets (issue 10, on medians): performance ≥ ${t.performance}, TBT ≤ ${t.tbtMs} ms, LCP ≤ ${t.lcpRatio} × the no-JS copy's (ratio of medians), CLS ${t.cls}, accessibility, best practices and SEO ${t.otherScores}.`
}

const cls = (value: number) => (value === 0 ? '0' : value.toPrecision(2))

const LIGHTHOUSE_TABLE_HEADER = [
  'page',
  'performance',
  'a11y',
  'BP',
  'SEO',
  'LCP',
  'FCP',
  'TBT',
  'CLS',
  'LCP ÷ no-JS',
  'target',
]

/** Two rows per page: the page, with the ratio and the verdict, then its no-JS copy. */
export function lighthouseTable(pages: Record<string, LighthousePage>): string {
  const cells = (m: LighthouseRun, list: LighthouseRun[]) => [
    `${m.performance} (${list.map((r) => r.performance).join(', ')})`,
    String(m.accessibility),
    String(m.bestPractices),
    String(m.seo),
    seconds(m.lcp),
    seconds(m.fcp),
    ms(m.tbt),
    cls(m.cls),
  ]
  return table(
    LIGHTHOUSE_TABLE_HEADER,
    Object.entries(pages).flatMap(([name, page]) => {
      const spread = page.lcpRatioRuns.length > 1 ? ` (${ratioRange(page.lcpRatioRuns)})` : ''
      return [
        [
          `${name} \`${page.path}\``,
          ...cells(page.median, page.runs),
          `${page.lcpRatio.toFixed(2)}×${spread}`,
          page.missed.length ? `${mark(false)}: ${page.missed.join(', ')}` : mark(true),
        ],
        [`${name} without JS`, ...cells(page.noJs.median, page.noJs.runs), '', ''],
      ]
    }),
  )
}

/** The lowest and highest of the rounds' own ratios: "rounds 1.02–1.31". */
function ratioRange(values: number[]): string {
  return `rounds ${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`
}
