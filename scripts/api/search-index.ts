import type { Article } from '../../src/features/articles/api/schemas.ts'
import {
  MAX_POSTINGS,
  SEARCH_INDEX_VERSION,
  type SearchDoc,
  type SearchManifest,
} from '../../src/features/search/lib/index-format.ts'
import { isTerm, normalize, WORD } from '../../src/features/search/lib/tokenize.ts'
import { blocksToText } from './markdown.ts'
import { TextStore, type TextStoreData } from './text-store.ts'

/**
 * Builds the sharded search index (docs/api.md, "Search index"; docs/decisions/012-search.md) as the API
 * build reads each story: `add` keeps, per term, a packed list of (story id, score), and `write` ranks,
 * caps, delta-encodes and shards them by term prefix.
 *
 * What a term is worth in a story: in the headline 12, a tag or the author's name 8, the summary 5, the
 * body once per occurrence up to 8; added up, at most 63 (six bits, so id and score pack into one small
 * integer while building). Of the body only each story's BODY_TERMS most frequent terms are indexed: it
 * keeps the index (and the build's memory) in proportion at 100,000 stories, and a word used once deep in
 * a long read is a poor reason to find it.
 */
export const BODY_TERMS = 60
/** Stories per document chunk. */
export const DOC_CHUNK = 50
/** A shard larger than this (JSON characters) is split by one more character of prefix. */
export const SHARD_LIMIT = 48_000

const WEIGHTS = { headline: 12, names: 8, summary: 5, bodyMax: 8 } as const
const SCORE_BITS = 64

export interface SearchIndexFile {
  file: string
  text: string
}

/** What a builder gathered from its stories, for another builder to merge (each thread indexes its own). */
export interface SearchIndexPart {
  postings: Map<string, Int32Array>
  /** Each story's document as JSON text, by id. */
  docs: TextStoreData
  /** One more than the highest id. */
  count: number
}

/**
 * A term's postings, each id × 64 + score, in an Int32Array that doubles when full: at 100,000 stories
 * there are about 8 million, and as numbers in arrays they took twice the memory and were gone through by
 * every garbage collection.
 */
class Postings {
  packed = new Int32Array(4)
  count = 0

  push(packed: number) {
    if (this.count === this.packed.length) this.grow(this.count)
    this.packed[this.count++] = packed
  }

  pushAll(list: Int32Array) {
    if (this.count + list.length > this.packed.length) this.grow(this.count + list.length)
    this.packed.set(list, this.count)
    this.count += list.length
  }

  /** The postings, without the room left to grow. */
  list(): Int32Array {
    return this.packed.subarray(0, this.count)
  }

  private grow(atLeast: number) {
    const grown = new Int32Array(Math.max(atLeast, this.packed.length * 2))
    grown.set(this.list())
    this.packed = grown
  }
}

export class SearchIndexBuilder {
  private readonly tokenizer = new Tokenizer()
  private readonly postings = new Map<string, Postings>()
  private readonly docs = new TextStore()
  private count = 0

  add(article: Article) {
    for (const [term, score] of weightedTerms(article, this.tokenizer)) {
      let list = this.postings.get(term)
      if (!list) this.postings.set(term, (list = new Postings()))
      list.push(article.id * SCORE_BITS + score)
    }
    this.docs.set(article.id, JSON.stringify(searchDoc(article)))
    this.count = Math.max(this.count, article.id + 1)
  }

  /** What this builder gathered, to hand to the builder that writes the files. */
  part(): SearchIndexPart {
    const postings = new Map<string, Int32Array>()
    for (const [term, list] of this.postings) postings.set(term, list.list())
    return { postings, docs: this.docs.data(), count: this.count }
  }

  /**
   * Adds what another builder gathered from other stories. The order of a term's postings does not
   * matter: files() sorts them.
   */
  merge(part: SearchIndexPart) {
    for (const [term, list] of part.postings) {
      let own = this.postings.get(term)
      if (!own) this.postings.set(term, (own = new Postings()))
      own.pushAll(list)
    }
    this.docs.merge(part.docs)
    this.count = Math.max(this.count, part.count)
  }

  /** Every file of the index, paths relative to the API root. */
  *files(): Generator<SearchIndexFile> {
    // Sizes first, strings later: holding every shard's text at once would be the build's largest
    // allocation at 100,000 stories; each term is encoded again as its shard is written, then dropped.
    const sizes = new Map<string, number>()
    for (const [term, list] of this.postings) sizes.set(term, encodePostings(list.list()).length)

    const sizeOf = (term: string) => sizes.get(term)!
    const shards = [...groupBy([...sizes.keys()], (t) => t.slice(0, 2))].flatMap(([key, terms]) =>
      layOutShard(key, terms, sizeOf),
    )
    shards.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))

    for (const { key, terms } of shards) {
      terms.sort()
      const text = shardText(
        terms.map((t) => {
          const entry = [t, encodePostings(this.postings.get(t)!.list())] as const
          this.postings.delete(t)
          return entry
        }),
      )
      yield { file: shardFile(key), text }
    }
    for (let chunk = 0; chunk * DOC_CHUNK < this.count; chunk++) {
      const items: string[] = []
      for (let id = chunk * DOC_CHUNK; id < Math.min(this.count, (chunk + 1) * DOC_CHUNK); id++)
        items.push(this.docs.get(id) ?? 'null')
      yield { file: docsFile(chunk), text: `[${items.join(',')}]` }
    }
    const manifest: SearchManifest = {
      version: SEARCH_INDEX_VERSION,
      count: this.count,
      docChunk: DOC_CHUNK,
      shards: shards.map((s) => s.key),
    }
    yield { file: MANIFEST_FILE, text: JSON.stringify(manifest) }
  }
}

/**
 * A story's terms and what each is worth in it (1–63), as the index holds them: the one scoring rule,
 * shared by the build and by a sync's update of one story (scripts/api/search-update.ts), so the two
 * cannot disagree.
 */
export function weightedTerms(
  article: Article,
  tokenizer: Pick<Tokenizer, 'tokenize'> = new Tokenizer(),
): Map<string, number> {
  const tokenize = (text: string) => tokenizer.tokenize(text)
  const scores = new Map<string, number>()
  const give = (terms: Iterable<string>, points: number) => {
    for (const term of new Set(terms)) scores.set(term, (scores.get(term) ?? 0) + points)
  }
  give(tokenize(article.headline), WEIGHTS.headline)
  give(tokenize([article.author.name, ...article.tags.map((t) => t.name)].join(' ')), WEIGHTS.names)
  give(tokenize(article.summary), WEIGHTS.summary)
  const frequency = new Map<string, number>()
  for (const term of tokenize(blocksToText(article.body)))
    frequency.set(term, (frequency.get(term) ?? 0) + 1)
  const body = [...frequency].sort((a, b) => b[1] - a[1]).slice(0, BODY_TERMS)
  for (const [term, count] of body)
    scores.set(term, (scores.get(term) ?? 0) + Math.min(count, WEIGHTS.bodyMax))
  for (const [term, score] of scores) scores.set(term, Math.min(score, SCORE_BITS - 1))
  return scores
}

/** What a search result shows of a story: the build's and a sync's document for it. */
export function searchDoc(article: Article): SearchDoc {
  return {
    slug: article.slug,
    headline: article.headline,
    summary: article.summary,
    section: [article.section.slug, article.section.name],
    tags: article.tags.map((t) => [t.slug, t.name]),
    author: article.author.name,
    published: article.published,
    // A story in another language than the site's: as its summary in the article API (docs/api.md).
    ...(article.lang ? { lang: article.lang, dir: article.dir } : {}),
  }
}

/** The index's files, relative to the API root: the names a build writes and a sync rewrites. */
export const MANIFEST_FILE = 'search/manifest.json'
export const shardFile = (key: string) => `search/terms/${key}.json`
export const docsFile = (chunk: number) => `search/docs/${chunk}.json`

/**
 * How the terms starting with `key` are laid out in shards: in one, or, when that would be over
 * SHARD_LIMIT, the terms exactly as long as the key in it and the rest one character deeper, again and
 * again. `sizeOf` is a term's postings as JSON text, in characters. Used by the build for every prefix and
 * by a sync for a shard it grew.
 */
export function layOutShard(
  key: string,
  terms: readonly string[],
  sizeOf: (term: string) => number,
): { key: string; terms: string[] }[] {
  const size = terms.reduce((sum, t) => sum + t.length + sizeOf(t) + 4, 2)
  if (size <= SHARD_LIMIT || terms.every((t) => t.length <= key.length))
    return [{ key, terms: [...terms] }]
  const own = terms.filter((t) => t.length === key.length)
  return [
    ...(own.length ? [{ key, terms: own }] : []),
    ...[
      ...groupBy(
        terms.filter((t) => t.length > key.length),
        (t) => t.slice(0, key.length + 1),
      ),
    ].flatMap(([child, group]) => layOutShard(child, group, sizeOf)),
  ]
}

/** A shard's text: its terms (sorted by the caller) with their postings as JSON text. */
export function shardText(entries: Iterable<readonly [string, string]>): string {
  const body: string[] = []
  for (const [term, postings] of entries) body.push(`${JSON.stringify(term)}:${postings}`)
  return `{${body.join(',')}}`
}

/** Words remembered by a Tokenizer at most; it starts again when full. */
const TOKENIZER_WORDS = 50_000

/**
 * tokenize() (src/features/search/lib/tokenize.ts, which the reader's queries use) with each word's term
 * remembered: stories use the same words again and again, and normalizing a word (NFKD, marks removed,
 * lower case) was most of tokenizing, itself a quarter of the build's time. The same terms come out in the
 * same order; a unit test compares the two.
 */
export class Tokenizer {
  /** A word as it appears, and its term, or null when it is not one (too short, a stop word). */
  private readonly terms = new Map<string, string | null>()

  tokenize(text: string): string[] {
    const terms: string[] = []
    for (const [word] of text.matchAll(WORD)) {
      let term = this.terms.get(word)
      if (term === undefined) {
        const normal = normalize(word)
        term = isTerm(normal) ? flat(normal) : null
        if (this.terms.size === TOKENIZER_WORDS) this.terms.clear()
        this.terms.set(flat(word), term)
      }
      if (term !== null) terms.push(term)
    }
    return terms
  }
}

/**
 * A copy of a string that holds no reference to a larger one: a word matched in a story's text can be a
 * slice of that text, and kept as a key, would keep the whole story in memory.
 */
const flat = (text: string) => Buffer.from(text).toString()

/** `[df, gap, score, …]` of the best MAX_POSTINGS entries (newest first among equals), ids ascending. */
function encodePostings(list: Int32Array): string {
  const df = list.length
  let kept = list.slice()
  if (kept.length > MAX_POSTINGS)
    kept = kept
      .sort((a, b) => (b % SCORE_BITS) - (a % SCORE_BITS) || b - a)
      .subarray(0, MAX_POSTINGS)
  kept.sort() // a typed array sorts by value: ids ascending
  const out: number[] = [df]
  let previous = 0
  for (const packed of kept) {
    const id = Math.floor(packed / SCORE_BITS)
    out.push(id - previous, packed % SCORE_BITS)
    previous = id
  }
  return JSON.stringify(out)
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    let group = groups.get(key)
    if (!group) groups.set(key, (group = []))
    group.push(item)
  }
  return groups
}
