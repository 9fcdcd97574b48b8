import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildApiInChild, settleDisk } from './api-build-child.ts'
import { ensureCorpus } from './corpus.ts'
import { countsFlag, runsAlone, wholeNumberFlag } from './flags.ts'
import { sizeOf } from './folder-size.ts'
import { median } from './median.ts'
import { scaleNote, scaleTable } from './scale-table.ts'
import { loadFilterClient, measureViews, type ViewBytes } from './view-bytes.ts'

/**
 * The archive-size benchmark (issue 4): for generated newsrooms of each size, the API build's time and peak
 * memory, its output, and the JSON bytes a reader's views fetch (scripts/bench/view-bytes.ts).
 *
 *   npx tsx scripts/bench/scale.ts [--runs 5] [--counts 1000,10000,100000] [--seed 1] [--dir /tmp/x] [--json f]
 *
 * Each build runs in a child process (scripts/bench/api-build-child.ts), so its peak RSS is the build's
 * own. buildMs is the build alone, timed inside the child: the median of `runs` builds.
 */
export interface ScaleOptions {
  /** Builds per size; the time reported is their median. Default 5. */
  runs?: number
  /** Corpus seed. Default 1. */
  seed?: number
  /** Where corpora and builds go (a generated corpus is reused). Default <tmpdir>/newsroom-scale. */
  dir?: string
  /** Progress lines; default none. */
  log?: (line: string) => void
}

export interface ScaleRow extends ViewBytes {
  articles: number
  /** Median build time, ms. */
  buildMs: number
  /** The highest peak RSS of the builds, MB (2^20 bytes). */
  peakRssMb: number
  /** Every file the build wrote (JSON and images), bytes. */
  outputBytes: number
  files: number
}

/** Builds each size's API `runs` times and weighs the last build: one row a size. */
export async function measureScale(
  counts: number[] = [1000, 10000, 100000],
  options: ScaleOptions = {},
): Promise<ScaleRow[]> {
  const { runs = 5, seed = 1, dir = path.join(tmpdir(), 'newsroom-scale'), log } = options
  const client = await loadFilterClient()
  const rows: ScaleRow[] = []
  try {
    for (const count of counts) rows.push(await measureSize(count))
  } finally {
    await client.close()
  }
  return rows

  async function measureSize(count: number): Promise<ScaleRow> {
    const contentDir = await ensureCorpus(dir, count, seed, log)
    // Each run builds into a folder of its own that never existed, as on a fresh checkout; all are removed
    // at the end (1.3 GB each at 100,000 stories). Deleting the last run's 150,000 files just before a build
    // slowed this file system's file creation for minutes: 101-109 s against 50-61 s into a new folder, even
    // with `sync` between the two.
    const outDirs: string[] = []
    const times: number[] = []
    let peak = 0
    try {
      for (let run = 1; run <= runs; run++) {
        const outDir = path.join(dir, `api-${count}-${seed}-${process.pid}-${run}`)
        outDirs.push(outDir)
        await rm(outDir, { recursive: true, force: true })
        await settleDisk()
        const { ms, maxRssKb } = await buildApiInChild(contentDir, outDir)
        times.push(ms)
        peak = Math.max(peak, maxRssKb)
        log?.(
          `${count}: build ${run}/${runs} ${(ms / 1000).toFixed(1)} s, ${Math.round(maxRssKb / 1024)} MB`,
        )
      }
      const output = await sizeOf(outDirs.at(-1)!)
      const { bytes, views } = await measureViews(outDirs.at(-1)!, client)
      return {
        articles: count,
        buildMs: Math.round(median(times)),
        peakRssMb: Math.round(peak / 1024),
        outputBytes: output.bytes,
        files: output.files,
        bytes,
        views,
      }
    } finally {
      for (const outDir of outDirs) await rm(outDir, { recursive: true, force: true })
    }
  }
}

if (runsAlone(import.meta)) {
  const { values } = parseArgs({
    options: Object.fromEntries(
      ['counts', 'runs', 'seed', 'dir', 'json'].map((name) => [name, { type: 'string' }] as const),
    ),
  })
  const args = new Map(Object.entries(values as Record<string, string | undefined>))
  const runs = wholeNumberFlag('runs', args.get('runs'), 5)
  const rows = await measureScale(
    countsFlag('counts', args.get('counts'), [1_000, 10_000, 100_000]),
    {
      runs,
      seed: Number(args.get('seed') ?? 1),
      dir: args.get('dir'),
      log: (line) => console.error(line),
    },
  )
  console.log(`${scaleNote(runs)}\n\n${scaleTable(rows)}`)
  if (args.get('json')) await writeFile(args.get('json')!, `${JSON.stringify(rows, null, 2)}\n`)
}
