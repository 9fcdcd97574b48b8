import * as v from 'valibot'
import { chunkFile, sealedChunks } from '../../src/features/articles/api/listing-layout.ts'
import {
  FrontSchema,
  IdIndexSchema,
  ListingChunkSchema,
  ListingHeadSchema,
  gapsFromIds,
  type IdIndexJson,
  type Summary,
} from '../../src/features/articles/api/schemas.ts'
import { SiteSchema, type Site } from '../../src/features/site/api/schemas.ts'
import type { SourceArticle, Taxonomy } from './content.ts'
import { frontText } from './front.ts'
import type { SearchIndexBuilder } from './search-index.ts'
import { check, type Validate } from './stories.ts'
import type { TextStore } from './text-store.ts'
import type { Writer } from './writer.ts'

export type Facet = 'sections' | 'tags' | 'authors'

/** What the listings, the id indexes and site.json are made of, once every story is written. */
export interface ListingsInput {
  /** How many stories there are. */
  count: number
  /** Each story's summary as JSON text, by id. */
  summaries: TextStore
  /** The ids of each section's, tag's and author's stories (in taxonomy order), newest first. */
  groups: Record<Facet, number[][]>
  taxonomy: Taxonomy
  site: { name: string; description: string }
  pageSize: number
  /** The newest publication or update, in ms. */
  newest: number
  /** The id of the newest story the newsroom marks (`featured`), or -1: the front page's lead. */
  lead: number
  validate: Validate
}

/** What the worker is sent to write the listings: it holds the summaries, taxonomy and checks already. */
export type ListingsJob = Omit<ListingsInput, 'summaries' | 'taxonomy' | 'validate'>

/** The ids of each section's, tag's and author's stories (in taxonomy order), newest first. */
export function groupStories(
  sources: readonly SourceArticle[],
  taxonomy: Taxonomy,
): Record<Facet, number[][]> {
  const facets = [
    ['sections', (s: SourceArticle) => [s.section]],
    ['tags', (s: SourceArticle) => s.tags],
    ['authors', (s: SourceArticle) => [s.author]],
  ] as const
  const groups = {} as Record<Facet, number[][]>
  for (const [facet, keysOf] of facets) {
    const place = new Map(taxonomy[facet].map((entry, i) => [entry.slug, i]))
    const byKey: number[][] = taxonomy[facet].map(() => [])
    for (let id = sources.length - 1; id >= 0; id--)
      for (const key of keysOf(sources[id]!)) byKey[place.get(key)!]!.push(id)
    groups[facet] = byKey
  }
  return groups
}

/**
 * Writes everything made of all the stories at once: the listings, the id indexes, site.json and the
 * search index.
 */
export async function writeIndexes(
  writer: Writer,
  input: ListingsInput,
  searchIndex: SearchIndexBuilder,
): Promise<void> {
  await writeListings(writer, input)
  for (const { file, text } of searchIndex.files()) await writer.json(file, text)
}

/**
 * Writes every page of every listing (latest, and each section, tag and author), the id indexes beside
 * them, site.json and front.json.
 */
async function writeListings(writer: Writer, input: ListingsInput): Promise<void> {
  const { count, summaries, groups, taxonomy, pageSize, validate } = input
  // The marked lead, in the latest listing's head only when its first page does not hold it (docs/api.md).
  const lead = input.lead >= 0 && input.lead < count - pageSize ? input.lead : -1
  const listing = async (dir: string, ids: ArrayLike<number>, leadId = -1) => {
    const text = (from: number, to: number) => {
      const items: string[] = []
      for (let p = from; p < to; p++) items.push(summaries.get(ids[p]!)!)
      return items.join(',')
    }
    const { total, headCount, chunkCount, chunkSize } = listingLayout(ids.length, pageSize)
    const head =
      `{"page":1,"pageCount":${Math.max(1, Math.ceil(total / pageSize))},"pageSize":${pageSize},` +
      `"total":${total},"items":[${text(0, Math.min(pageSize, total))}],` +
      (leadId >= 0 ? `"lead":${summaries.get(leadId)!},` : '') +
      `"rest":[${text(Math.min(pageSize, total), headCount)}],"chunkSize":${chunkSize},` +
      `"chunkCount":${chunkCount},"version":0,"changed":[]}`
    if (validate !== false) v.parse(ListingHeadSchema, JSON.parse(head))
    await writer.json(`${dir}/1.json`, head)
    // Chunk k holds positions [total - (k + 1)·size, total - k·size) counted from the newest.
    for (let chunk = 0; chunk < chunkCount; chunk++) {
      const to = total - chunk * chunkSize
      const body = `{"chunk":${chunk},"items":[${text(to - chunkSize, to)}]}`
      if (validate === true) v.parse(ListingChunkSchema, JSON.parse(body))
      await writer.json(`${dir}/${chunkFile(chunk, 0)}`, body)
    }
  }

  // Every listing is newest first: ids descending.
  const latest = Array.from({ length: count }, (_, i) => count - 1 - i)
  await listing('lists/latest', latest, lead)
  const counts = new Map<string, number>()
  for (const facet of ['sections', 'tags', 'authors'] as const) {
    for (const [i, { slug }] of taxonomy[facet].entries()) {
      const ids = groups[facet][i]!
      await listing(`lists/${facet}/${slug}`, ids)
      const index = encodeIdIndex(ids, pageSize)
      check(validate, IdIndexSchema, index, true)
      await writer.json(`ids/${facet}/${slug}.json`, JSON.stringify(index))
      counts.set(`${facet}/${slug}`, ids.length)
    }
  }

  const site: Site = {
    name: input.site.name,
    description: input.site.description,
    pageSize,
    totalArticles: count,
    generatedAt: new Date(input.newest).toISOString(),
    sections: taxonomy.sections.map((s) => ({
      ...s,
      count: counts.get(`sections/${s.slug}`) ?? 0,
    })),
    tags: taxonomy.tags.map((t) => ({ ...t, count: counts.get(`tags/${t.slug}`) ?? 0 })),
    authors: taxonomy.authors.map((a) => ({ ...a, count: counts.get(`authors/${a.slug}`) ?? 0 })),
  }
  check(validate, SiteSchema, site, true)
  await writer.json('site.json', JSON.stringify(site))

  // front.json: each section's newest stories that home does not show above them, for its rows.
  const firstPage = (ids: readonly number[]) =>
    ids.slice(0, pageSize).map((id) => JSON.parse(summaries.get(id)!) as Summary)
  const sectionIds = new Map(taxonomy.sections.map((s, i) => [s.slug, groups.sections[i]!]))
  const front = frontText(
    taxonomy.sections,
    (slug) => firstPage(sectionIds.get(slug)!),
    firstPage(latest),
    lead >= 0 ? (JSON.parse(summaries.get(lead)!) as Summary) : undefined,
  )
  check(validate, FrontSchema, JSON.parse(front), true)
  await writer.json('front.json', front)
}

/**
 * How a build lays out a listing of `total` stories (docs/decisions/019-listing-chunks.md): chunks of a
 * page each, numbered from the oldest, and the newest page to page and a chunk in the head. A sync starts
 * from this and keeps its shape (scripts/api/listing-update.ts).
 */
export function listingLayout(total: number, pageSize: number) {
  const chunkSize = pageSize
  const chunkCount = sealedChunks(total, pageSize, chunkSize)
  return { total, chunkSize, chunkCount, headCount: total - chunkCount * chunkSize }
}

/** An id index as written (docs/api.md): ids newest first, delta-encoded. */
export function encodeIdIndex(ids: readonly number[], pageSize: number): IdIndexJson {
  return { total: ids.length, pageSize, gaps: gapsFromIds(ids) }
}
