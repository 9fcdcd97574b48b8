import {
  decodePostings,
  docChunkPath,
  manifestPath,
  mergePostings,
  recentPath,
  shardFor,
  shardPath,
  type DocChunk,
  type Postings,
  type RecentSegment,
  type SearchDoc,
  type SearchManifest,
  type TermShard,
} from './index-format'
import { parseQuery } from './tokenize'

/**
 * Runs a query against the static, sharded index (./index-format.ts) with no server: it fetches the
 * manifest, the one shard of each term, the recent segment when the manifest names one, the id indexes of
 * the filters, and the document chunks of the results it shows, nothing else. Plain TypeScript with no app imports, so the bench runs it in Node.
 */

/** Reads one API file (a path under the API root, as `search/manifest.json`) as parsed JSON. */
export interface SearchFiles {
  manifest: () => Promise<SearchManifest>
  shard: (key: string) => Promise<TermShard>
  docs: (chunk: number) => Promise<DocChunk>
  /** The changes a sync made since the build (read only when the manifest says there are some). */
  recent: () => Promise<RecentSegment>
  /** The ids of every story in a section or carrying a tag (the article API's id index). */
  ids: (kind: 'sections' | 'tags', slug: string) => Promise<number[]>
}

export interface SearchParams {
  q: string
  section?: string | null
  tags?: readonly string[]
  /** How many results to show (the rest are counted). */
  limit: number
}

export interface SearchHit {
  id: number
  score: number
  doc: SearchDoc
}

export interface SearchResults {
  /** The words to highlight: whole terms, and the word being typed as a prefix. */
  terms: string[]
  prefix: string | null
  total: number
  /**
   * False when a term's postings were capped (MAX_POSTINGS, a very common word): `total` is then a lower
   * bound, and stories mentioning the word only in passing may be missing.
   */
  complete: boolean
  hits: SearchHit[]
}

/** The most index terms one prefix stands for: the commonest, so "s" of "st…" does not fetch half the index. */
export const MAX_EXPANSIONS = 40
/** A prefix's own shard was split; its longer shards are fetched too, if there are at most this many. */
const MAX_PREFIX_SHARDS = 3

/** A term's postings in a shard or the recent segment: an own property only ("constructor" is a word). */
const ownPostings = (record: Record<string, Postings>, term: string): Postings | undefined =>
  Object.hasOwn(record, term) ? record[term] : undefined

const empty = (terms: string[] = [], prefix: string | null = null): SearchResults => ({
  terms,
  prefix,
  total: 0,
  complete: true,
  hits: [],
})

export async function search(files: SearchFiles, params: SearchParams): Promise<SearchResults> {
  const { exact, prefix } = parseQuery(params.q)
  if (exact.length === 0 && prefix === null) return empty()
  const tags = params.tags ?? []
  // The filters' id indexes load while the terms do.
  const filters = Promise.all([
    ...(params.section ? [files.ids('sections', params.section)] : []),
    ...tags.map((slug) => files.ids('tags', slug)),
  ])
  filters.catch(() => {}) // reported below, if the terms get that far
  const manifest = await files.manifest()
  const keys = new Set(manifest.shards)
  // Read beside the shards, not before them: one round trip either way.
  const recent: Promise<RecentSegment> = manifest.recent ? files.recent() : Promise.resolve({})
  recent.catch(() => {}) // reported where it is awaited
  const idf = (df: number) => Math.log(1 + manifest.count / Math.max(1, df))
  let complete = true

  /** One whole term's scores by story id. */
  const termScores = async (term: string): Promise<Map<number, number>> => {
    const key = shardFor(term, keys)
    const [shard, changes] = await Promise.all([
      key === null ? undefined : files.shard(key),
      recent,
    ])
    const postings = mergePostings(shard && ownPostings(shard, term), ownPostings(changes, term))
    const scores = new Map<number, number>()
    if (!postings) return scores
    const { df, ids, scores: values } = decodePostings(postings)
    if (df > ids.length) complete = false
    const weight = idf(df)
    ids.forEach((id, i) => scores.set(id, values[i]! * weight))
    return scores
  }

  /** The best score of any term starting with `start`, by story id. */
  const prefixScores = async (start: string): Promise<Map<number, number>> => {
    const own = shardFor(start, keys)
    const longer = manifest.shards.filter((k) => k.length > start.length && k.startsWith(start))
    const wanted = [
      ...(own === null ? [] : [own]),
      ...(longer.length <= MAX_PREFIX_SHARDS ? longer : []),
    ]
    const [changes, ...shards] = await Promise.all([recent, ...wanted.map((k) => files.shard(k))])
    const merged = new Map<string, Postings | undefined>()
    for (const shard of shards)
      for (const [term, postings] of Object.entries(shard))
        if (term.startsWith(start)) merged.set(term, postings)
    // A term a sync added or changed counts where its shard would be read: in one of those read.
    const read = new Set(wanted)
    for (const term of Object.keys(changes)) {
      if (!term.startsWith(start)) continue
      const key = shardFor(term, keys)
      if (key === null || read.has(key)) merged.set(term, merged.get(term))
    }
    const candidates = [...merged]
      .flatMap(([term, postings]) => {
        const now = mergePostings(postings, ownPostings(changes, term))
        return now ? [[term, now] as const] : []
      })
      // The whole word first, then the commonest completions, then in order (so ties do not depend on
      // which file a term was read from).
      .sort(
        ([a, pa], [b, pb]) =>
          Number(b === start) - Number(a === start) ||
          pb[0]! - pa[0]! ||
          (a < b ? -1 : a > b ? 1 : 0),
      )
      .slice(0, MAX_EXPANSIONS)
    const scores = new Map<number, number>()
    for (const [term, postings] of candidates) {
      const { df, ids, scores: values } = decodePostings(postings)
      if (df > ids.length) complete = false
      // A completion counts a little less than the word typed in full.
      const weight = idf(df) * (term === start ? 1 : 0.8)
      ids.forEach((id, i) => {
        const score = values[i]! * weight
        if (score > (scores.get(id) ?? 0)) scores.set(id, score)
      })
    }
    return scores
  }

  const perTerm = await Promise.all([
    ...exact.map(termScores),
    ...(prefix === null ? [] : [prefixScores(prefix)]),
  ])
  // Every term must match: start from the rarest and keep what the others also have.
  perTerm.sort((a, b) => a.size - b.size)
  const [first, ...rest] = perTerm
  const totals = new Map<number, number>()
  for (const [id, score] of first!) {
    let sum = score
    let all = true
    for (const other of rest) {
      const s = other.get(id)
      if (s === undefined) {
        all = false
        break
      }
      sum += s
    }
    if (all) totals.set(id, sum)
  }

  const allowed = (await filters).map((ids) => new Set(ids))
  const ranked = [...totals]
    .filter(([id]) => allowed.every((set) => set.has(id)))
    // Best match first; among equals, the newest story (ids follow publication order).
    .sort(([a, sa], [b, sb]) => sb - sa || b - a)
  const shown = ranked.slice(0, params.limit)
  const chunks = [...new Set(shown.map(([id]) => Math.floor(id / manifest.docChunk)))]
  const loaded = new Map(
    await Promise.all(chunks.map(async (n) => [n, await files.docs(n)] as const)),
  )
  const hits: SearchHit[] = []
  for (const [id, score] of shown) {
    const doc = loaded.get(Math.floor(id / manifest.docChunk))?.[id % manifest.docChunk]
    if (doc) hits.push({ id, score, doc })
  }
  return { terms: exact, prefix, total: ranked.length, complete, hits }
}

/**
 * Wraps a set of readers so each file is fetched once: typing "parl", "parli", "parlia" reads the same
 * shard. A failed read is forgotten, so Retry asks again.
 */
export function cachedFiles(files: SearchFiles, limit = 300): SearchFiles {
  const cache = new Map<string, Promise<unknown>>()
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = cache.get(key)
    if (hit) {
      // Most recently used last, so the oldest goes first when the cache is full.
      cache.delete(key)
      cache.set(key, hit)
      return hit as Promise<T>
    }
    const promise = load()
    cache.set(key, promise)
    promise.catch(() => cache.delete(key))
    if (cache.size > limit) cache.delete(cache.keys().next().value!)
    return promise
  }
  return {
    manifest: () => once(manifestPath(), files.manifest),
    shard: (key) => once(shardPath(key), () => files.shard(key)),
    docs: (chunk) => once(docChunkPath(chunk), () => files.docs(chunk)),
    recent: () => once(recentPath(), files.recent),
    ids: (kind, slug) => once(`ids/${kind}/${slug}`, () => files.ids(kind, slug)),
  }
}
