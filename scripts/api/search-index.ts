import type { Article } from '../../src/features/articles/api/schemas.ts'
import {
  MAX_POSTINGS,
  SEARCH_INDEX_VERSION,
  type SearchDoc,
  type SearchManifest,
} from '../../src/features/search/lib/index-format.ts'
import { tokenize } from '../../src/features/search/lib/tokenize.ts'
import { blocksToText } from './markdown.ts'

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

export class SearchIndexBuilder {
  /** Postings by term, each entry id × 64 + score. */
  private readonly postings = new Map<string, number[]>()
  private readonly docs: string[] = []
  private count = 0

  add(article: Article) {
    const scores = new Map<string, number>()
    const give = (terms: Iterable<string>, points: number) => {
      for (const term of new Set(terms)) scores.set(term, (scores.get(term) ?? 0) + points)
    }
    give(tokenize(article.headline), WEIGHTS.headline)
    give(
      tokenize([article.author.name, ...article.tags.map((t) => t.name)].join(' ')),
      WEIGHTS.names,
    )
    give(tokenize(article.summary), WEIGHTS.summary)
    const frequency = new Map<string, number>()
    for (const term of tokenize(blocksToText(article.body)))
      frequency.set(term, (frequency.get(term) ?? 0) + 1)
    const body = [...frequency].sort((a, b) => b[1] - a[1]).slice(0, BODY_TERMS)
    for (const [term, count] of body)
      scores.set(term, (scores.get(term) ?? 0) + Math.min(count, WEIGHTS.bodyMax))

    for (const [term, score] of scores) {
      let list = this.postings.get(term)
      if (!list) this.postings.set(term, (list = []))
      list.push(article.id * SCORE_BITS + Math.min(score, SCORE_BITS - 1))
    }
    const doc: SearchDoc = {
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
    this.docs[article.id] = JSON.stringify(doc)
    this.count = Math.max(this.count, article.id + 1)
  }

  /** Every file of the index, paths relative to the API root. */
  *files(): Generator<SearchIndexFile> {
    // Sizes first, strings later: holding every shard's text at once would be the build's largest
    // allocation at 100,000 stories; each term is encoded again as its shard is written, then dropped.
    const sizes = new Map<string, number>()
    for (const [term, list] of this.postings) sizes.set(term, encodePostings(list).length)

    const shards: { key: string; terms: string[] }[] = []
    const place = (key: string, terms: string[]) => {
      const size = terms.reduce((sum, t) => sum + t.length + sizes.get(t)! + 4, 2)
      if (size <= SHARD_LIMIT || terms.every((t) => t.length <= key.length)) {
        shards.push({ key, terms })
        return
      }
      // Too big: terms exactly as long as the key stay; the rest go one character deeper.
      const own = terms.filter((t) => t.length === key.length)
      if (own.length) shards.push({ key, terms: own })
      for (const [child, group] of groupBy(
        terms.filter((t) => t.length > key.length),
        (t) => t.slice(0, key.length + 1),
      ))
        place(child, group)
    }
    for (const [key, terms] of groupBy([...sizes.keys()], (t) => t.slice(0, 2))) place(key, terms)
    shards.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))

    for (const { key, terms } of shards) {
      terms.sort()
      const body = terms
        .map((t) => {
          const text = `${JSON.stringify(t)}:${encodePostings(this.postings.get(t)!)}`
          this.postings.delete(t)
          return text
        })
        .join(',')
      yield { file: `search/terms/${key}.json`, text: `{${body}}` }
    }
    for (let chunk = 0; chunk * DOC_CHUNK < this.count; chunk++) {
      const items: string[] = []
      for (let id = chunk * DOC_CHUNK; id < Math.min(this.count, (chunk + 1) * DOC_CHUNK); id++)
        items.push(this.docs[id] ?? 'null')
      yield { file: `search/docs/${chunk}.json`, text: `[${items.join(',')}]` }
    }
    const manifest: SearchManifest = {
      version: SEARCH_INDEX_VERSION,
      count: this.count,
      docChunk: DOC_CHUNK,
      shards: shards.map((s) => s.key),
    }
    yield { file: 'search/manifest.json', text: JSON.stringify(manifest) }
  }
}

/** `[df, gap, score, …]` of the best MAX_POSTINGS entries (newest first among equals), ids ascending. */
function encodePostings(list: number[]): string {
  const df = list.length
  let kept = list
  if (list.length > MAX_POSTINGS) {
    kept = [...list]
      .sort((a, b) => (b % SCORE_BITS) - (a % SCORE_BITS) || b - a)
      .slice(0, MAX_POSTINGS)
  }
  kept.sort((a, b) => a - b)
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
