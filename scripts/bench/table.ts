/** Helpers for the bench's figures and its plain-text tables. */

export function median(values: number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

type Numeric<T> = { [K in keyof T as T[K] extends number ? K : never]: number }

/** Medians of every numeric field of a list of like records (other fields are left out). */
export function medians<T extends object>(runs: T[]): Numeric<T> {
  const first = runs[0]
  if (!first) throw new Error('no runs')
  return Object.fromEntries(
    Object.entries(first)
      .filter(([, value]) => typeof value === 'number')
      .map(([key]) => [key, median(runs.map((run) => (run as Record<string, number>)[key]!))]),
  ) as Numeric<T>
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
export const ms = (value: number) => `${Math.round(value)} ms`
export const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`
export const mark = (ok: boolean) => (ok ? 'pass' : 'MISS')

/** A table of strings with a header row, columns padded; Markdown-compatible. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [
    line(header),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n')
}
