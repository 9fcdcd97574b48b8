import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/support/chromium.ts'
import { run } from './floor.ts'

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
