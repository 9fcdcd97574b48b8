/**
 * npm run bench: builds the production app into a temp folder and measures it (issue 4). The flags are
 * read by options.ts (`npm run bench -- --quick`, `--skip-scale`, `--skip-lighthouse`, `--skip-sync`,
 * `--sync-counts`, `--restart-counts`, `--runs`, `--dist`; see there and docs/benchmarks.md).
 *
 * This file only runs the steps in order: the build (production-build.ts), its first route
 * (steps/first-route.ts), then, with the build served by nginx as users get it (scripts/serve/nginx.ts),
 * each group in steps/: Lighthouse, navigations in the browser, generated newsrooms, the sync and the
 * interrupted pull, search in Node and in the browser. Each step measures with the module of its name in
 * this folder and prints its section as it goes; report.ts keeps the sections and the figures and writes
 * them to bench-results/<time>.json, latest.json and latest.md, so two runs compare. A group that fails is
 * reported in its place and the exit code is 1. Needs Chromium (CHROME_PATH, default /usr/bin/chromium)
 * and nginx (NGINX_PATH), as the browser tests do. Not part of npm test: timings on a shared machine
 * flake; the budgets in the tests are the deterministic half, and tests/e2e/lighthouse.e2e.ts a coarse
 * Lighthouse guard with this runner.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ROOT, startServer } from '../serve/nginx.ts'
import { BENCH_NEWSROOMS } from './corpus.ts'
import { readBenchOptions } from './options.ts'
import { appToMeasure } from './production-build.ts'
import { createReport } from './report.ts'
import { firstRouteStep } from './steps/first-route.ts'
import { lighthouseStep } from './steps/lighthouse.ts'
import { navigationStep } from './steps/navigation.ts'
import { scaleStep } from './steps/scale.ts'
import { searchStep } from './steps/search.ts'
import type { Step } from './steps/step.ts'
import { pullRestartStep, syncStep } from './steps/sync.ts'

/** The groups measured on the served build, in the order they run and print. */
const STEPS: Step[] = [
  lighthouseStep,
  navigationStep,
  scaleStep,
  syncStep,
  pullRestartStep,
  searchStep,
]

const options = readBenchOptions()
const report = createReport(new Date(), {
  quick: options.quick,
  runs: options.runs,
  counts: options.withScale ? options.counts : [],
  lighthouse: options.withLighthouse,
})
const log = (message: string) => console.error(`[bench] ${message}`)
const temp = await mkdtemp(path.join(os.tmpdir(), 'newsroom-bench-'))
try {
  const { dist, buildMs } = await appToMeasure(options.dist, temp, log)
  if (buildMs !== undefined) report.record('buildMs', buildMs)
  await firstRouteStep({ dist, report, log })
  const server = await startServer(dist)
  try {
    const context = { options, dist, server, temp, newsrooms: BENCH_NEWSROOMS, report, log }
    for (const step of STEPS.filter((step) => step.wanted(options))) {
      try {
        await step.run(context)
      } catch (error) {
        report.failed(step.title, error)
      }
    }
  } finally {
    await server.stop()
  }
} finally {
  await rm(temp, { recursive: true, force: true })
}
const written = await report.write(path.join(ROOT, 'bench-results'))
log(`figures in ${path.relative(ROOT, written)} and bench-results/latest.json`)
