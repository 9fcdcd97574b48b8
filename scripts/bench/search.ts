import { readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { buildApi } from '../api/build-api.ts'
import { countsFlag, runsAlone, wholeNumberFlag } from './flags.ts'
import { sizeOf } from './scale.ts'
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
import { ensureCorpus } from './corpus.ts'
import type { Article } from '../../src/features/articles/api/schemas.ts'
import {
  indexedStory,
  RECENT_FILE,
  updateSearchIndex,
  type SearchChange,
} from '../api/search-update.ts'
import { median } from './median.ts'

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
 * Targets: first results within 300 ms after at most 300 KB transferred.
 */
export const SEARCH_TARGET_MS = 300
export const SEARCH_TARGET_BYTES = 300 * 1024

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
      const started = performance.now()
      const found = await search(diskFiles(apiDir, read), { q: query, section, limit: 10 })
      times.push(performance.now() - started)
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

export interface SearchUpdateRun {
  change: SearchChange['type']
  ms: number
  files: number
  /** The recent segment after the change, raw and gzip level 6 (0 when there is none). */
  recent: number
  recentGz: number
}

/**
 * A sync's update of the index (scripts/api/search-update.ts) on a built API, read from disk: one new story,
 * one edit and one withdrawal, each applied after the one before, then 30 more edits in a row to show
 * where the recent segment settles: the time to work out the files, how many, and the segment's size.
 * Nothing is written to the API folder; the files each change would write are kept in memory.
 */
export async function measureSearchUpdates(apiDir: string): Promise<SearchUpdateRun[]> {
  const written = new Map<string, string | null>()
  const read = async (file: string) => {
    if (written.has(file)) return written.get(file)!
    return readFile(path.join(apiDir, file), 'utf8').catch(() => null)
  }
  const manifest = JSON.parse((await read(manifestPath()))!) as SearchManifest
  /** The story with this id, or the next one up when it was withdrawn. */
  const article = async (id: number): Promise<Article> => {
    const chunk = Math.floor(id / manifest.docChunk)
    const docs = JSON.parse((await read(docChunkPath(chunk)))!) as ({ slug: string } | null)[]
    const doc = docs[id % manifest.docChunk]
    if (!doc) return article(id + 1)
    const file = path.join(apiDir, 'articles', `${doc.slug}.json`)
    return JSON.parse(await readFile(file, 'utf8')) as Article
  }
  const runs: SearchUpdateRun[] = []
  const apply = async (change: SearchChange) => {
    const started = performance.now()
    const update = await updateSearchIndex(read, change)
    const ms = performance.now() - started
    for (const { path: file, text } of update.files) written.set(file, text)
    for (const file of update.deletes) written.set(file, null)
    const recent = (await read(RECENT_FILE)) ?? ''
    runs.push({
      change: change.type,
      ms: Math.round(ms),
      files: update.files.length + update.deletes.length,
      recent: recent.length,
      recentGz: recent ? gzipSync(recent, { level: 6 }).length : 0,
    })
  }
  const newest = await article(manifest.count - 1)
  const added = {
    ...newest,
    id: manifest.count,
    slug: `${newest.slug}-again`,
    headline: `Update: ${newest.headline}`,
  }
  await apply({ type: 'add', story: indexedStory(added) })
  const middle = await article(Math.floor(manifest.count / 2))
  const donor = await article(Math.floor(manifest.count / 3))
  await apply({
    type: 'update',
    story: indexedStory({ ...middle, headline: donor.headline, body: donor.body }),
    previous: indexedStory(middle).terms,
  })
  const old = await article(Math.floor(manifest.count / 4))
  await apply({ type: 'remove', id: old.id, previous: indexedStory(old).terms })
  for (let i = 0; i < 30; i++) {
    const story = await article(Math.floor((manifest.count * (i + 5)) / 40))
    const other = await article(Math.floor((manifest.count * (i + 6)) / 41))
    await apply({
      type: 'update',
      story: indexedStory({ ...story, headline: other.headline, body: other.body }),
      previous: indexedStory(story).terms,
    })
  }
  return runs
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
    const contentDir = await ensureCorpus(dir, count, seed, log)
    const apiDir = path.join(dir, `api-${count}-${seed}-${process.pid}`)
    log?.(`search ${count}: building the API`)
    await buildApi({ contentDir, outDir: apiDir })
    try {
      const bench = await measureSearch(apiDir, runs)
      if (updates) bench.updates = await measureSearchUpdates(apiDir)
      out.push(bench)
    } finally {
      await rm(apiDir, { recursive: true, force: true })
    }
  }
  return out
}

export function searchTableRows(bench: SearchBench, label: string): string[][] {
  return bench.runs.map((r) => [
    label,
    `${r.label}: \`${r.query.trim()}\`${r.section ? ` in ${r.section}` : ''}`,
    `${r.ms} ms`,
    `${(r.bytes / 1024).toFixed(1)} KB`,
    String(r.files),
    r.total.toLocaleString('en'),
    r.ms <= SEARCH_TARGET_MS && r.bytes <= SEARCH_TARGET_BYTES ? 'pass' : 'MISS',
  ])
}

export const SEARCH_TABLE_HEADER = [
  'newsroom',
  'query',
  'first results',
  'transferred (gz)',
  'files',
  'matches',
  'target',
]

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
  const rows = benches.flatMap(([label, bench]) => searchTableRows(bench, label))
  console.log([SEARCH_TABLE_HEADER, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n'))
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
