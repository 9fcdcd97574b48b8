import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { pull } from '../wordpress/mirror.ts'
import { createClient } from '../wordpress/rest.ts'
import { countsFlag, runsAlone } from './flags.ts'
import { BENCH_NEWSROOMS, ensureCorpus } from './corpus.ts'
import { startFakeWordPress } from './fake-wordpress.ts'
import { seconds } from './table.ts'
import { restartTable } from './sync-table.ts'
import { timed } from './timing.ts'

/**
 * The first pull of a large WordPress, interrupted and started again (issue 11: "a full build from 100,000
 * posts restartable after an interruption without fetching again what it already has"). A generated
 * newsroom is served as a WordPress (scripts/bench/fake-wordpress.ts); the pull is cut off (its connection
 * refused) once half the posts are fetched, then run again: how many posts the second pull asks for, and how
 * long each took.
 *
 *   npx tsx scripts/bench/pull-restart.ts [--counts 10000,100000]
 */

export interface RestartRow {
  stories: number
  /** A full pull, uninterrupted, into an empty copy. */
  fullMs: number
  /** Posts held when the first pull was cut off. */
  heldAtCut: number
  /** Posts the second pull fetched: those missing, no more. */
  refetched: number
  restartMs: number
}

/** A full first pull, then one cut off half-way and started again, for each size: one row a size. */
export async function measurePullRestart(
  counts: number[],
  options: { dir: string; log?: (message: string) => void },
): Promise<RestartRow[]> {
  const rows: RestartRow[] = []
  for (const count of counts) {
    const contentDir = await ensureCorpus(options.dir, count, 1, options.log)
    const wp = await startFakeWordPress(contentDir)
    const work = await mkdtemp(path.join(tmpdir(), 'newsroom-bench-pull-'))
    try {
      const full = path.join(work, 'full')
      const { ms: fullMs } = await timed(() => pull(createClient({ siteUrl: wp.url }), full))

      const cut = path.join(work, 'cut')
      let fetched = 0
      const cutting = (async (input: string | URL | Request, init?: RequestInit) => {
        const include = new URL(String(input)).searchParams.get('include')
        if (include) {
          if (fetched >= count / 2)
            throw new TypeError('fetch failed (the bench cut the connection)')
          fetched += include.split(',').length
        }
        return fetch(input, init)
      }) as typeof fetch
      await pull(createClient({ siteUrl: wp.url, fetch: cutting, attempts: 1 }), cut).catch(
        () => undefined,
      )
      const heldAtCut = (await readdir(path.join(cut, 'posts'))).length
      const { value: again, ms: restartMs } = await timed(() =>
        pull(createClient({ siteUrl: wp.url }), cut),
      )
      const row = { stories: count, fullMs, heldAtCut, refetched: again.added.length, restartMs }
      options.log?.(
        `${count}: full pull ${seconds(fullMs)}; cut at ${heldAtCut} posts; ` +
          `restart fetched ${row.refetched} in ${seconds(restartMs)}`,
      )
      rows.push(row)
    } finally {
      await wp.close()
      await rm(work, { recursive: true, force: true })
    }
  }
  return rows
}

if (runsAlone(import.meta)) {
  const { values } = parseArgs({ options: { counts: { type: 'string' } } })
  const counts = countsFlag('counts', values.counts, [10_000])
  const rows = await measurePullRestart(counts, {
    dir: BENCH_NEWSROOMS,
    log: (message) => console.error(`[pull] ${message}`),
  })
  console.log(restartTable(rows))
}
