/**
 * The search index's files, as written by scripts/api/search-index.ts and read by ./engine.ts
 * (docs/api.md, "Search index"; docs/decisions/012-search.md). All under `search/`:
 *
 * - `manifest.json`: the index's version, how many stories, the document chunk size, and every term
 *   shard's key.
 * - `terms/<key>.json`: the postings of every term whose longest shard key is `<key>` (a prefix of two
 *   or more characters; crowded prefixes are split into longer ones).
 * - `docs/<n>.json`: what a result shows, for stories n × chunk … n × chunk + chunk - 1, by id.
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
}

/**
 * One term's postings: `[df, gap, score, gap, score, …]`. df is how many stories contain the term (the
 * list itself may keep only the best-scoring of them, see MAX_POSTINGS), then story ids in ascending
 * order as gaps from the previous id (the first from 0), each with the term's score in that story.
 */
export type Postings = number[]

/** A term shard: postings by term. */
export type TermShard = Record<string, Postings>

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
