import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts'
import { run } from '../run-command.ts'
import type { NoJsHtml } from './no-js.ts'
import { medians } from './median.ts'

/** One Lighthouse run's figures: scores 0–100, times in ms, CLS unitless. */
export interface LighthouseRun {
  performance: number
  accessibility: number
  bestPractices: number
  seo: number
  lcp: number
  fcp: number
  tbt: number
  cls: number
}

interface Report {
  runtimeError?: { code: string; message: string }
  categories: Record<string, { score: number | null }>
  audits: Record<string, { numericValue?: number }>
}

/**
 * Lighthouse 12 through its CLI, one process per run: default mobile settings and simulated throttling,
 * Debian's Chromium with the flags the browser tests use, and a fresh profile every run (no cache, no
 * service worker from the run before). A separate process keeps a hung Chrome from hanging the bench.
 */
export async function runLighthouse(root: string, url: string): Promise<LighthouseRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-bench-lh-'))
  try {
    const profile = path.join(dir, 'profile')
    const out = path.join(dir, 'report.json')
    const flags = ['--headless', ...CHROMIUM_ARGS, `--user-data-dir=${profile}`].join(' ')
    await run(
      process.execPath,
      [
        path.join(root, 'node_modules/lighthouse/cli/index.js'),
        url,
        '--output=json',
        `--output-path=${out}`,
        '--quiet',
        `--chrome-flags=${flags}`,
      ],
      root,
      { ...process.env, CHROME_PATH: CHROMIUM_PATH },
    )
    const report = JSON.parse(await readFile(out, 'utf8')) as Report
    if (report.runtimeError) {
      throw new Error(
        `Lighthouse on ${url}: ${report.runtimeError.code} ${report.runtimeError.message}`,
      )
    }
    const score = (id: string) => {
      const value = report.categories[id]?.score
      if (value == null) throw new Error(`Lighthouse on ${url}: no ${id} score`)
      return Math.round(value * 100)
    }
    const metric = (id: string) => {
      const value = report.audits[id]?.numericValue
      if (value === undefined) throw new Error(`Lighthouse on ${url}: no ${id}`)
      return value
    }
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
      lcp: metric('largest-contentful-paint'),
      fcp: metric('first-contentful-paint'),
      tbt: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'),
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Issue 10's targets for every page the bench audits, judged on medians. LCP is held to the same page
 * without JavaScript (scripts/bench/no-js.ts) audited in the same series, not to a fixed time: the
 * machine's speed then cancels out, and the target says how close the page comes to what its design allows.
 */
export const LIGHTHOUSE_TARGETS = {
  performance: 98,
  tbtMs: 150,
  /** The page's median LCP at most this many times its no-JS copy's median LCP. */
  lcpRatio: 1.15,
  cls: 0,
  /** Accessibility, best practices and SEO. */
  otherScores: 100,
} as const

export interface LighthousePage {
  /** The URL path audited. */
  path: string
  median: LighthouseRun
  runs: LighthouseRun[]
  /** The same page without JavaScript, audited right after it in each round. */
  noJs: { median: LighthouseRun; runs: LighthouseRun[]; removed: NoJsHtml['removed'] }
  /** Median LCP ÷ the no-JS copy's median LCP: the figure the target judges. */
  lcpRatio: number
  /** LCP ÷ the no-JS copy's LCP in each round, to show the spread. */
  lcpRatioRuns: number[]
  /** The targets missed, by name: empty when the page meets all. */
  missed: string[]
}

/**
 * A page's rounds, and its no-JS copy's, summed up as medians and judged against LIGHTHOUSE_TARGETS: what
 * the bench records and prints for the page.
 */
export function summarizePage(
  urlPath: string,
  runs: LighthouseRun[],
  noJsRuns: LighthouseRun[],
  removed: NoJsHtml['removed'],
): LighthousePage {
  const m = medians(runs)
  const noJs = medians(noJsRuns)
  const lcpRatio = m.lcp / noJs.lcp
  const t = LIGHTHOUSE_TARGETS
  const missed = [
    m.performance < t.performance && 'performance',
    m.tbt > t.tbtMs && 'TBT',
    lcpRatio > t.lcpRatio && 'LCP ÷ no-JS',
    m.cls > t.cls && 'CLS',
    m.accessibility < t.otherScores && 'accessibility',
    m.bestPractices < t.otherScores && 'best practices',
    m.seo < t.otherScores && 'SEO',
  ].filter((name): name is string => !!name)
  return {
    path: urlPath,
    median: m,
    runs,
    noJs: { median: noJs, runs: noJsRuns, removed },
    lcpRatio,
    lcpRatioRuns: runs.map((run, i) => run.lcp / noJsRuns[i]!.lcp),
    missed,
  }
}
