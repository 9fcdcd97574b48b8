import path from 'node:path'

/*
 * How the bench's files read their command line. `npm run bench` (index.ts) is the entry; a file that can
 * also run alone (`npx tsx scripts/bench/scale.ts --counts 1000`) checks runsAlone and reads its flags with
 * node:util's parseArgs and these two readers, so `--runs 0` or `--counts 1k` fails the same way everywhere.
 */

/** True when this module is the script node was started with, not imported by another: its `main` runs. */
export function runsAlone(meta: ImportMeta): boolean {
  const started = process.argv[1]
  return started !== undefined && path.resolve(started) === meta.filename
}

/** A whole number ≥ 1 given as `--<flag> <n>` (`fallback` when absent); refuses anything else by name. */
export function wholeNumberFlag(flag: string, value: string | undefined, fallback: number): number {
  const number = value === undefined ? fallback : Number(value)
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(`--${flag} must be a whole number ≥ 1, not ${value}`)
  }
  return number
}

/** A comma-separated list of whole numbers ≥ 1, such as `--counts 1000,10000` (`fallback` when absent). */
export function countsFlag(flag: string, value: string | undefined, fallback: number[]): number[] {
  if (value === undefined) return fallback
  return value
    .split(',')
    .filter(Boolean)
    .map((count) => wholeNumberFlag(flag, count, NaN))
}
