import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ROOT } from '../serve/nginx.ts'
import { sync, type SyncResult } from '../sync.ts'
import { wordpressConfig } from '../wordpress/config.ts'
import { countsFlag, runsAlone, wholeNumberFlag } from './flags.ts'
import { BENCH_NEWSROOMS, ensureCorpus } from './corpus.ts'
import { buildProduction } from './production-build.ts'
import { startFakeWordPress } from './fake-wordpress.ts'
import { seconds } from './table.ts'
import { syncTable } from './sync-table.ts'
import { timed } from './timing.ts'

/**
 * The sync benchmark (issue 11): a generated newsroom served as a WordPress REST API
 * (scripts/bench/fake-wordpress.ts), built once from it (`vite build`, as `NEWSROOM_WORDPRESS_URL=… npm run
 * build` does), then synced after one new story, one edit and one withdrawal, and once with nothing new.
 * Each sync's time, from the first request to the last file published, and the files it wrote.
 *
 *   npx tsx scripts/bench/sync.ts [--counts 1000,10000] [--prerender-limit 200] [--work <dir>]
 *
 * `--work <dir>` keeps the built site and the copy in <dir>/<count> and reuses them next time (a
 * 100,000-story first build takes many minutes): each run ends with the site as it began.
 */

export interface SyncRow {
  stories: number
  buildMs: number
  nothing: SyncFigures
  added: SyncFigures
  edited: SyncFigures
  withdrawn: SyncFigures
}

export interface SyncFigures {
  ms: number
  written: number
  removed: number
}

/** Builds a site from a generated WordPress of each size and times its syncs: one row a size. */
export async function measureSync(
  counts: number[],
  options: {
    dir: string
    prerenderLimit?: number
    work?: string
    log?: (message: string) => void
  },
): Promise<SyncRow[]> {
  const rows: SyncRow[] = []
  for (const count of counts) rows.push(await measureOne(count, options))
  return rows
}

async function measureOne(
  count: number,
  {
    dir,
    prerenderLimit,
    work: kept,
    log = () => {},
  }: { dir: string; prerenderLimit?: number; work?: string; log?: (message: string) => void },
): Promise<SyncRow> {
  const contentDir = await ensureCorpus(dir, count, 1, log)
  const work = kept
    ? path.join(kept, String(count))
    : await mkdtemp(path.join(tmpdir(), 'newsroom-bench-sync-'))
  // A kept site names its WordPress's address in every page: the fake is started on the same port again.
  const portFile = path.join(work, 'port')
  const port = kept ? Number(await readFile(portFile, 'utf8').catch(() => '0')) : 0
  const wp = await startFakeWordPress(contentDir, { port })
  if (kept) {
    await mkdir(work, { recursive: true })
    await writeFile(portFile, new URL(wp.url).port)
  }
  const env = {
    ...process.env,
    NEWSROOM_WORDPRESS_URL: wp.url,
    NEWSROOM_WORDPRESS_MIRROR: path.join(work, 'mirror'),
    ...(prerenderLimit !== undefined ? { NEWSROOM_PRERENDER_LIMIT: String(prerenderLimit) } : {}),
  }
  const live = path.join(work, 'dist')
  try {
    let buildMs = NaN
    if (kept && existsSync(path.join(live, 'index.html'))) log(`${count}: reusing ${live}`)
    else {
      log(`${count}: building from the fake WordPress`)
      buildMs = (await timed(() => buildProduction(live, { env }))).ms
    }
    const config = wordpressConfig(env, ROOT)!
    const once = async (what: string, change: () => void): Promise<SyncFigures> => {
      change()
      const saved = process.env
      // The sync's own build reads these from the environment.
      process.env = env
      let result: SyncResult
      try {
        result = await sync({ root: ROOT, config, live, log })
      } finally {
        process.env = saved
      }
      log(
        `${count}: ${what}: ${seconds(result.ms)}, ${result.written} files written, ${result.deleted} removed` +
          (result.rebuilt ? ` (whole site rebuilt: ${result.rebuilt})` : ' (applied alone)'),
      )
      return { ms: result.ms, written: result.written, removed: result.deleted }
    }
    const nothing = await once('nothing new', () => {})
    const id = wp.add('A story added for the sync benchmark')
    const added = await once('one new story', () => {})
    const edited = await once('one edit', () =>
      wp.edit(id, 'A story edited for the sync benchmark'),
    )
    const withdrawn = await once('one withdrawal', () => wp.withdraw(id))
    return { stories: count, buildMs, nothing, added, edited, withdrawn }
  } finally {
    await wp.close()
    if (!kept) await rm(work, { recursive: true, force: true })
  }
}

if (runsAlone(import.meta)) {
  const { values } = parseArgs({
    options: {
      counts: { type: 'string' },
      'prerender-limit': { type: 'string' },
      work: { type: 'string' },
    },
  })
  const counts = countsFlag('counts', values.counts, [1_000, 10_000])
  const limit = values['prerender-limit']
  const rows = await measureSync(counts, {
    dir: BENCH_NEWSROOMS,
    prerenderLimit:
      limit === undefined ? undefined : wholeNumberFlag('prerender-limit', limit, NaN),
    work: values.work === undefined ? undefined : path.resolve(values.work),
    log: (message) => console.error(`[sync] ${message}`),
  })
  console.log(syncTable(rows))
}
