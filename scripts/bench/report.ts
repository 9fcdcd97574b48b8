import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/**
 * The bench's report: one section a group, printed as it is measured, and the figures behind them. At the
 * end the same sections go to bench-results/latest.md and the figures to bench-results/<time>.json and
 * latest.json (git-ignored), so two runs compare. A group that fails is said in its place, in the JSON's
 * `errors` and by the exit code.
 */
export interface Report {
  /** Records a group's figures under `key` in the JSON. */
  record(key: string, value: unknown): void
  /** Prints a section: its title, a note saying what was measured and how, and its table. */
  print(title: string, note: string, body: string): void
  /** A group that could not be measured: reported in its place, in the JSON and by the exit code. */
  failed(title: string, error: unknown): void
  /** Writes the sections and the figures into `outDir`; returns the dated JSON file's path. */
  write(outDir: string): Promise<string>
}

/** Starts a report dated `started`, with the machine and the options the run was given. */
export function createReport(started: Date, options: Record<string, unknown>): Report {
  const sections: string[] = []
  const errors: Record<string, string> = {}
  const results: Record<string, unknown> = {
    date: started.toISOString(),
    machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model },
    options,
    errors,
  }
  const print = (title: string, note: string, body: string) => {
    const text = `## ${title}\n\n${note ? `${note}\n\n` : ''}${body}\n`
    sections.push(text)
    console.log(`\n${text}`)
  }
  return {
    record(key, value) {
      results[key] = value
    },
    print,
    failed(title, error) {
      process.exitCode = 1
      const message = error instanceof Error ? error.message : String(error)
      errors[title] = message
      console.error(error)
      print(title, '', `Not measured: ${message.split('\n')[0]}`)
    },
    async write(outDir) {
      await mkdir(outDir, { recursive: true })
      const stamp = started.toISOString().replace(/[:.]/g, '-')
      const json = `${JSON.stringify(results, null, 2)}\n`
      const dated = path.join(outDir, `${stamp}.json`)
      await writeFile(dated, json)
      await writeFile(path.join(outDir, 'latest.json'), json)
      await writeFile(
        path.join(outDir, 'latest.md'),
        `# Bench ${started.toISOString()}\n\n${sections.join('\n')}`,
      )
      return dated
    },
  }
}
