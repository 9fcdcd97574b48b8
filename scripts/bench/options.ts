import { parseArgs } from 'node:util'
import { countsFlag, wholeNumberFlag } from './flags.ts'

/**
 * What `npm run bench` is asked to do, read from its command line:
 *
 *   npm run bench                      everything, medians of 5 runs, newsrooms of 1k, 10k and 100k stories
 *   npm run bench -- --quick           1 run each, 1k and 10k stories, no Lighthouse, no sync: a smoke run
 *   npm run bench -- --skip-scale      no generated newsrooms
 *   npm run bench -- --skip-lighthouse no Lighthouse
 *   npm run bench -- --skip-sync       no sync from a generated WordPress
 *   npm run bench -- --sync-counts 1000,10000  the newsroom sizes the sync group measures (default 1000)
 *   npm run bench -- --restart-counts 10000   the sizes of the interrupted first pull (default 100000)
 *   npm run bench -- --runs 7          more runs per timing
 *   npm run bench -- --dist <folder>   measure a build made already instead of building one
 */
export interface BenchOptions {
  quick: boolean
  /** Runs per timing; each figure is their median. */
  runs: number
  /** Sizes of the generated newsrooms (scale and search groups). */
  counts: number[]
  withLighthouse: boolean
  withScale: boolean
  withSync: boolean
  /** Sizes of the sync group's newsrooms. */
  syncCounts: number[]
  /** Sizes of the interrupted first pull's newsrooms. */
  restartCounts: number[]
  /** A build made already, to measure instead of building one. */
  dist?: string
}

/** Reads the bench's flags (`args`: the command line after the script), refusing unknown ones by name. */
export function readBenchOptions(args: string[] = process.argv.slice(2)): BenchOptions {
  const { values: flags } = parseArgs({
    args,
    options: {
      quick: { type: 'boolean', default: false },
      'skip-scale': { type: 'boolean', default: false },
      'skip-lighthouse': { type: 'boolean', default: false },
      'skip-sync': { type: 'boolean', default: false },
      'sync-counts': { type: 'string' },
      'restart-counts': { type: 'string' },
      runs: { type: 'string' },
      dist: { type: 'string' },
    },
  })
  const quick = flags.quick
  return {
    quick,
    runs: wholeNumberFlag('runs', flags.runs, quick ? 1 : 5),
    counts: quick ? [1_000, 10_000] : [1_000, 10_000, 100_000],
    withLighthouse: !quick && !flags['skip-lighthouse'],
    withScale: !flags['skip-scale'],
    withSync: !flags['skip-sync'] && !quick,
    // The sync rebuilds the whole site for now (docs/decisions/018-sources.md): a few minutes at 10,000
    // stories, most of an hour at 100,000, so by default only the smallest newsroom.
    syncCounts: countsFlag('sync-counts', flags['sync-counts'], [1_000]),
    // The first pull of a WordPress cut off half-way and started again: cheap enough for 100,000 stories.
    restartCounts: countsFlag('restart-counts', flags['restart-counts'], [100_000]),
    dist: flags.dist,
  }
}
