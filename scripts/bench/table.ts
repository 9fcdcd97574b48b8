/** How the bench prints its figures: units, pass/MISS marks and plain-text (Markdown) tables. */

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
export const ms = (value: number) => `${Math.round(value)} ms`
export const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`
export const mark = (ok: boolean) => (ok ? 'pass' : 'MISS')

/** The lowest and the highest of several runs' times, "27–40 ms"; empty for a single run. */
export function msRange(values: number[]): string {
  return values.length > 1
    ? `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} ms`
    : ''
}

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
