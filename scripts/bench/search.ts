import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { countsFlag, runsAlone, wholeNumberFlag } from './flags.ts'
import { sizeOf } from './folder-size.ts'
import { search, type SearchFiles } from '../../src/features/search/lib/engine.ts'
import {
  decodePostings,
  docChunkPath,
  manifestPath,
  recentPath,
  shardPath,
  type SearchManifest,
  type TermShard,
} from '../../src/features/search/lib/index-format.ts'
import { median } from './median.ts'
import { withNewsroomApi } from './newsroom-api.ts'
import { searchTable } from './search-table.ts'
import { timed } from './timing.ts'
import { measureSearchUpdates, type SearchUpdateRun } from './search-updates.ts'

/**
 * The search benchmark (issue 6): for a built API, the time from a query to its first page of results and
 * the bytes it transfers (gzip level 6, as nginx serves them), for a few queries picked from the index
 * itself: its commonest word, that word being typed (a three-letter prefix), two common words together, a
 * rare word, and a word filtered by the busiest section. Each run starts cold (no file read before), as a
 * reader's first search does. The engine is the app's own (src/features/search/lib/engine.ts), reading the
 * files from disk: the time is the engine's plus the file system's, without a network or a browser.
 *
 *   npx tsx scripts/bench/search.ts --api dist/api            one built API
 *   npx tsx scripts/bench/search.ts --counts 1000,10000       generated newsrooms (scripts/bench/corpus.ts)
 *   … --updates                                                also a sync's update of the index (below)
 *
 * Targets (scripts/bench/search-table.ts): first results within 300 ms after at most 300 KB transferred.
 */
export interface SearchRun {
  label: string
  query: string
  section: string | null
  /** Median over the runs, ms. */
  ms: number
  total: number
  shown: number
  files: number
  /** gzip level 6, bytes, summed over the files read. */
  bytes: number
}

export interface SearchBench {
  articles: number
  /** The index on disk: files and raw bytes under search/. */
  index: { files: number; bytes: number }
  runs: SearchRun[]
  /** With --updates: a sync's changes to the index (measureSearchUpdates). */
  updates?: SearchUpdateRun[]
}

/** Reads an API folder as the app's client does, counting what it reads. */
function diskFiles(apiDir: string, read: string[]): SearchFiles {
  const json = async <T>(file: string): Promise<T> => {
    read.push(file)
    return JSON.parse(await readFile(path.join(apiDir, decodeURIComponent(file)), 'utf8')) as T
  }
  return {
    manifest: () => json(manifestPath()),
    shard: (key) => json(shardPath(key)),
    docs: (chunk) => json(docChunkPath(chunk)),
    recent: () => json(recentPath()),
    ids: async (kind, slug) => {
      const { gaps } = await json<{ gaps: number[] }>(`ids/${kind}/${slug}.json`)
      const ids: number[] = []
      for (let i = 0; i < gaps.length; i++) ids.push(i === 0 ? gaps[0]! : ids[i - 1]! - gaps[i]!)
      return ids
    },
  }
}

/** Queries worth timing, from the index's own vocabulary, so they fit any corpus. */
export async function pickQueries(
  apiDir: string,
): Promise<{ label: string; query: string; section: string | null }[]> {
  const manifest = JSON.parse(
    await readFile(path.join(apiDir, manifestPath()), 'utf8'),
  ) as SearchManifest
  const terms: { term: string; df: number }[] = []
  for (const key of manifest.shards) {
    const shard = JSON.parse(
      await readFile(path.join(apiDir, 'search/terms', `${key}.json`), 'utf8'),
    ) as TermShard
    for (const [term, postings] of Object.entries(shard))
      if (/^[a-z]{4,}$/.test(term)) terms.push({ term, df: decodePostings(postings).df })
  }
  terms.sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1))
  const [first, second] = terms
  const rare = terms[Math.floor(terms.length * 0.9)] ?? first
  const site = JSON.parse(await readFile(path.join(apiDir, 'site.json'), 'utf8')) as {
    sections: { slug: string; count: number }[]
  }
  const section = [...site.sections].sort((a, b) => b.count - a.count)[0]?.slug ?? null
  if (!first || !second || !rare) throw new Error(`too few terms in ${apiDir}/search`)
  return [
    { label: 'commonest word', query: `${first.term} `, section: null },
    { label: 'typing it (prefix)', query: first.term.slice(0, 3), section: null },
    { label: 'two common words', query: `${first.term} ${second.term} `, section: null },
    { label: 'a rare word', query: `${rare.term} `, section: null },
    { label: 'filtered by section', query: `${second.term} `, section },
  ]
}

/**
 * Times each picked query on the built API in `apiDir`, cold every run (nothing read before), and
 * weighs the files it read as nginx would send them: the figures of the Node search table.
 */
export async function measureSearch(apiDir: string, runs = 5): Promise<SearchBench> {
  const manifest = JSON.parse(
    await readFile(path.join(apiDir, manifestPath()), 'utf8'),
  ) as SearchManifest
  const gzipSizes = new Map<string, number>()
  const gzipOf = async (file: string) => {
    if (!gzipSizes.has(file)) {
      const body = await readFile(path.join(apiDir, decodeURIComponent(file)))
      gzipSizes.set(file, gzipSync(body, { level: 6 }).length)
    }
    return gzipSizes.get(file)!
  }
  const results: SearchRun[] = []
  for (const { label, query, section } of await pickQueries(apiDir)) {
    const times: number[] = []
    let read: string[] = []
    let total = 0
    let shown = 0
    for (let run = 0; run < runs; run++) {
      read = []
      const { value: found, ms } = await timed(() =>
        search(diskFiles(apiDir, read), { q: query, section, limit: 10 }),
      )
      times.push(ms)
      total = found.total
      shown = found.hits.length
    }
    let bytes = 0
    for (const file of read) bytes += await gzipOf(file)
    results.push({
      label,
      query,
      section,
      ms: Math.round(median(times) * 10) / 10,
      total,
      shown,
      files: read.length,
      bytes,
    })
  }
  return {
    articles: manifest.count,
    index: await sizeOf(path.join(apiDir, 'search')),
    runs: results,
  }
}

/** Builds (or reuses) a generated newsroom of each size and measures search on it. */
export async function measureSearchScale(
  counts: number[],
  options: {
    runs?: number
    seed?: number
    dir?: string
    log?: (line: string) => void
    updates?: boolean
  } = {},
): Promise<SearchBench[]> {
  const {
    runs = 5,
    seed = 1,
    dir = path.join(tmpdir(), 'newsroom-search-bench'),
    log,
    updates = false,
  } = options
  const out: SearchBench[] = []
  for (const count of counts) {
    const bench = await withNewsroomApi(count, { dir, seed, log }, async (apiDir) => {
      const bench = await measureSearch(apiDir, runs)
      if (updates) bench.updates = await measureSearchUpdates(apiDir)
      return bench
    })
    out.push(bench)
  }
  return out
}

if (runsAlone(import.meta)) {
  const { values } = parseArgs({
    options: {
      api: { type: 'string' },
      counts: { type: 'string' },
      runs: { type: 'string' },
      updates: { type: 'boolean', default: false },
    },
  })
  const runs = wholeNumberFlag('runs', values.runs, 5)
  const benches: [string, SearchBench][] = []
  if (values.api) {
    const bench = await measureSearch(path.resolve(values.api), runs)
    if (values.updates) bench.updates = await measureSearchUpdates(path.resolve(values.api))
    benches.push(['given API', bench])
  }
  if (values.counts) {
    const counts = countsFlag('counts', values.counts, [])
    const options = { runs, log: console.error, updates: values.updates }
    for (const bench of await measureSearchScale(counts, options))
      benches.push([bench.articles.toLocaleString('en'), bench])
  }
  console.log(searchTable(benches))
  for (const [label, bench] of benches)
    console.log(
      `${label}: index ${bench.index.files} files, ${(bench.index.bytes / 1024 / 1024).toFixed(1)} MB`,
    )
  for (const [label, bench] of benches) {
    if (!bench.updates) continue
    const [add, edit, remove, ...more] = bench.updates
    const line = (r: SearchUpdateRun) =>
      `${r.change} ${r.files} files in ${r.ms} ms (recent ${(r.recentGz / 1024).toFixed(1)} KB gz)`
    console.log(`${label}: sync of the index: ${[add!, edit!, remove!].map(line).join('; ')}`)
    const last = more.at(-1)!
    console.log(
      `${label}: after ${bench.updates.length} changes: at most ${Math.max(...bench.updates.map((r) => r.files))} files ` +
        `and ${Math.max(...bench.updates.map((r) => r.ms))} ms a change; recent segment ` +
        `${(last.recent / 1024).toFixed(1)} KB (${(last.recentGz / 1024).toFixed(1)} KB gz)`,
    )
  }
}
