/**
 * The median of a list of figures (the mean of the middle two for an even count; NaN for none): the one
 * statistic every group of the bench reports, so a spike on a busy machine does not move the figure.
 */
export function median(values: number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

type Numeric<T> = { [K in keyof T as T[K] extends number ? K : never]: number }

/** Medians of every numeric field of a list of like records (other fields are left out): one run's shape, summarised. */
export function medians<T extends object>(runs: T[]): Numeric<T> {
  const first = runs[0]
  if (!first) throw new Error('no runs')
  return Object.fromEntries(
    Object.entries(first)
      .filter(([, value]) => typeof value === 'number')
      .map(([key]) => [key, median(runs.map((run) => (run as Record<string, number>)[key]!))]),
  ) as Numeric<T>
}
