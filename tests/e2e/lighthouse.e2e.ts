import { describe, expect, inject, it } from 'vitest'
import { runLighthouse, type LighthouseRun } from '../../scripts/bench/lighthouse'
import { median } from '../../scripts/bench/median'
import { ms, seconds } from '../../scripts/bench/table'
import { SEED_ARTICLE_SLUG } from '../../scripts/budgets'
import { ROOT } from '../../scripts/serve/nginx'

/**
 * A coarse Lighthouse guard (issue 10): home and the seed story, audited in turn, three times each, with
 * the bench's runner (scripts/bench/lighthouse.ts: Lighthouse 12.2.3's CLI, mobile defaults, simulated
 * throttling, a fresh profile every run) on the build the other browser tests use. It catches a page
 * that starts doing far more work at start-up, as home did before issue 10 (performance 77, TBT 607 ms),
 * not a slip of a few points: `npm run bench` holds the real targets (performance ≥ 98, TBT ≤ 150 ms),
 * with five runs and the no-JavaScript yardstick.
 */

/**
 * Wide on purpose: Lighthouse swings on this shared 2-core machine. Three runs of one build of the seed
 * story scored 81, 99 and 86 with TBT 507, 104 and 551 ms; a healthier build's story scored 88 to 100
 * with TBT 0 to 464 ms. A median of three damps that but still moves by several points, so the guard
 * only catches a page that does far more at start-up (home at issue 10: performance 77, TBT 607 ms);
 * `npm run bench` holds the real targets.
 */
const MIN_PERFORMANCE = 90
const MAX_TBT_MS = 300
const RUNS = 3

const PAGES = {
  home: '/',
  'the seed story': `/articles/${SEED_ARTICLE_SLUG}`,
}

/** A run takes about 15 s here; four times that for each of the six leaves room for a loaded machine. */
const TIMEOUT_MS = RUNS * Object.keys(PAGES).length * 60_000

const describeRun = (run: LighthouseRun) =>
  `performance ${run.performance}, TBT ${ms(run.tbt)}, LCP ${seconds(run.lcp)}, FCP ${seconds(run.fcp)}, CLS ${run.cls === 0 ? '0' : run.cls.toPrecision(2)}`

describe('Lighthouse', () => {
  it(
    `home and the seed story: median performance ≥ ${MIN_PERFORMANCE} and median TBT ≤ ${MAX_TBT_MS} ms over ${RUNS} runs`,
    async () => {
      const baseURL = inject('baseURL')
      const runs = Object.fromEntries(
        Object.keys(PAGES).map((name) => [name, [] as LighthouseRun[]]),
      )
      // Interleaved, so a slow minute on the machine hits both pages alike.
      for (let i = 1; i <= RUNS; i++) {
        for (const [name, urlPath] of Object.entries(PAGES)) {
          const run = await runLighthouse(ROOT, baseURL + urlPath)
          // Every run, so the CI log shows the spread.
          console.log(`Lighthouse ${name} ${urlPath}, run ${i}/${RUNS}: ${describeRun(run)}`)
          runs[name]!.push(run)
        }
      }

      const failures: string[] = []
      for (const [name, list] of Object.entries(runs)) {
        const performance = median(list.map((r) => r.performance))
        const tbt = median(list.map((r) => r.tbt))
        console.log(
          `Lighthouse ${name}: median performance ${performance} (${list.map((r) => r.performance).join(', ')}; at least ${MIN_PERFORMANCE}), median TBT ${ms(tbt)} (${list.map((r) => ms(r.tbt)).join(', ')}; at most ${MAX_TBT_MS} ms)`,
        )
        if (performance < MIN_PERFORMANCE) {
          failures.push(`${name}: median performance ${performance} < ${MIN_PERFORMANCE}`)
        }
        if (tbt > MAX_TBT_MS) failures.push(`${name}: median TBT ${ms(tbt)} > ${MAX_TBT_MS} ms`)
      }
      expect(failures).toEqual([])
    },
    TIMEOUT_MS,
  )
})
