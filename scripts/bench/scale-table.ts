import { budgets } from '../budgets.ts'
import type { ScaleRow } from './scale.ts'
import { kb, mark, seconds, table } from './table.ts'

const MiB = 1024 * 1024

/** What the generated-newsrooms table shows and the targets it judges, for `runs` runs a size. */
export function scaleNote(runs: number): string {
  return `The API build (\`npm run corpus\` stories, medians of ${runs} runs): time, peak memory, total output; and the JSON a reader transfers (gzip, level 6) to show home, a tag page, a two-tag filter and an article. Targets: 100,000 stories built in < 60 s and < 1 GiB; a two-tag filter ≤ 200 KB; one page's JSON ≤ ${kb(budgets.pageJsonGzip)} (budget).`
}

/**
 * One row a newsroom size, with issue 4's verdict: the table `npm run bench` and
 * `npx tsx scripts/bench/scale.ts` both print.
 */
export function scaleTable(rows: ScaleRow[]): string {
  return table(
    [
      'stories',
      'API build',
      'peak RSS',
      'output',
      'files',
      'home',
      'tag page',
      'two-tag filter',
      'article',
      'target',
    ],
    rows.map((r) => {
      const buildOk = r.articles < 100_000 || (r.buildMs < 60_000 && r.peakRssMb < 1024)
      const filterOk = r.bytes.twoTagFilter.gzip <= 200 * 1024
      return [
        r.articles.toLocaleString('en'),
        seconds(r.buildMs),
        `${Math.round(r.peakRssMb)} MB`,
        `${(r.outputBytes / MiB).toFixed(1)} MB`,
        r.files.toLocaleString('en'),
        kb(r.bytes.home.gzip),
        kb(r.bytes.tagPage.gzip),
        kb(r.bytes.twoTagFilter.gzip),
        kb(r.bytes.article.gzip),
        mark(buildOk && filterOk),
      ]
    }),
  )
}
