/**
 * The search index's files, as written by scripts/api/search-index.ts and read by ./engine.ts
 * (docs/api.md, "Search index"; docs/decisions/012-search.md). All under `search/`:
 *
 * - `manifest.json`: the index's version, how many stories, the document chunk size, and every term
 *   shard's key.
 * - `terms/<key>.json`: the postings of every term whose longest shard key is `<key>` (a prefix of two
 *   or more characters; crowded prefixes are split into longer ones).
 * - `docs/<n>.json`: what a result shows, for stories n × chunk … n × chunk + chunk - 1, by id.
 * - `recent.json`, only when the manifest says so: what syncs changed since the build and have not yet
 *   folded into the shards (docs/decisions/020-search-updates.md), merged into each term as it is read.
 */

export const SEARCH_INDEX_VERSION = 1

export interface SearchManifest {
  version: number
  /** Stories in the index; ids run from 0 to count - 1, as in the article API. */
  count: number
  /** Stories per `docs/<n>.json` file. */
  docChunk: number
  /** Every term shard's key, sorted. */
  shards: string[]
  /** True when `recent.json` holds changes not yet in the shards; absent as built. */
  recent?: true
}

/**
 * One term's postings: `[df, gap, score, gap, score, …]`. df is how many stories contain the term (the
 * list itself may keep only the best-scoring of them, see MAX_POSTINGS), then story ids in ascending
 * order as gaps from the previous id (the first from 0), each with the term's score in that story.
 */
export type Postings = number[]

/** A term shard: postings by term. */
export type TermShard = Record<string, Postings>

/**
 * The recent segment: by term, `[df change, gap, score, gap, score, …]`, the stories whose score for the
 * term changed since the shards were written (ids ascending as gaps), and how the term's df changed. A
 * score of 0 means the story no longer has the term (withdrawn, or edited without it).
 */
export type RecentSegment = Record<string, Postings>

/** What a search result shows of one story. */
export interface SearchDoc {
  slug: string
  headline: string
  summary: string
  /** [slug, name] */
  section: [string, string]
  /** [slug, name] of each tag */
  tags: [string, string][]
  author: string
  /** ISO 8601 */
  published: string
  /** The story's language and direction, when not the site's: as the article API's summary (docs/api.md). */
  lang?: string
  dir?: 'ltr' | 'rtl'
}

/** A document chunk: stories by position (id - n × docChunk); null for an id with no story. */
export type DocChunk = (SearchDoc | null)[]

/** The longest postings list kept for one term: its best-scoring stories, newest first among equals. */
export const MAX_POSTINGS = 2000

/** The shard holding a term: the longest key that starts it, or null if none does (no story has it). */
export function shardFor(term: string, keys: ReadonlySet<string>): string | null {
  for (let length = term.length; length >= 2; length--) {
    const key = term.slice(0, length)
    if (keys.has(key)) return key
  }
  return null
}

export const manifestPath = () => 'search/manifest.json'
export const shardPath = (key: string) => `search/terms/${encodeURIComponent(key)}.json`
export const docChunkPath = (chunk: number) => `search/docs/${chunk}.json`
export const recentPath = () => 'search/recent.json'

/** Decodes a postings list into ids (ascending) and their scores. */
export function decodePostings(postings: Postings): {
  df: number
  ids: number[]
  scores: number[]
} {
  const ids: number[] = []
  const scores: number[] = []
  let id = 0
  for (let i = 1; i + 1 < postings.length; i += 2) {
    id += postings[i]!
    ids.push(id)
    scores.push(postings[i + 1]!)
  }
  return { df: postings[0] ?? ids.length, ids, scores }
}

/** The better of two postings entries [id, score]: the higher score, the newer story among equals. */
const better = (a: readonly [number, number], b: readonly [number, number]) =>
  b[1] - a[1] || b[0] - a[0]

/**
 * A term's postings with its recent changes applied: what a shard would hold had it been written after
 * them (the recent segment's scores replace the shard's, a 0 removes the story, df moves by the change),
 * kept to the best MAX_POSTINGS. The reader applies it to every term it reads, and a sync writing a shard
 * applies the same, so a change reads the same before and after it is folded in. Undefined when no story
 * has the term any more.
 */
export function mergePostings(
  shard: Postings | undefined,
  recent: Postings | undefined,
): Postings | undefined {
  if (!recent) return shard
  const base = shard ? decodePostings(shard) : { df: 0, ids: [], scores: [] }
  const scores = new Map<number, number>()
  base.ids.forEach((id, i) => scores.set(id, base.scores[i]!))
  const change = decodePostings(recent)
  change.ids.forEach((id, i) => {
    const score = change.scores[i]!
    if (score === 0) scores.delete(id)
    else scores.set(id, score)
  })
  const df = Math.max(base.df + change.df, scores.size)
  if (df === 0) return undefined
  let entries = [...scores]
  if (entries.length > MAX_POSTINGS) entries = entries.sort(better).slice(0, MAX_POSTINGS)
  return encodeEntries(df, entries)
}

/** `[df, gap, score, …]` of entries [id, score], in any order. */
export function encodeEntries(df: number, entries: (readonly [number, number])[]): Postings {
  const out: Postings = [df]
  let previous = 0
  for (const [id, score] of [...entries].sort((a, b) => a[0] - b[0])) {
    out.push(id - previous, score)
    previous = id
  }
  return out
}
