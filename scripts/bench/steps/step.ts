import type { RunningServer } from '../../serve/nginx.ts'
import type { BenchOptions } from '../options.ts'
import type { Report } from '../report.ts'

/** What every step of `npm run bench` is given: the options, the build under test and where to report. */
export interface BenchContext {
  options: BenchOptions
  /** The production build measured. */
  dist: string
  /** nginx serving `dist` with the shipped configuration. */
  server: RunningServer
  /** A folder of this run's, removed at the end. */
  temp: string
  /** Where the generated newsrooms are kept from run to run (scripts/bench/corpus.ts). */
  newsrooms: string
  report: Report
  /** Progress lines, on stderr. */
  log: (message: string) => void
}

/**
 * One group of the bench: it measures, records its figures and prints its section(s). A step that throws
 * is reported under its title as not measured, and the bench goes on with the next.
 */
export interface Step {
  title: string
  /** Whether the options ask for this group. */
  wanted(options: BenchOptions): boolean
  run(context: BenchContext): Promise<void>
}
