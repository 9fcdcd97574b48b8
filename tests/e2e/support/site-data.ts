import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import * as v from 'valibot'
import { chunkFile, chunkSpans, locate } from '@/features/articles/api/listing-layout'
import {
  IdIndexSchema,
  ListingChunkSchema,
  ListingHeadSchema,
  type Article,
  type ListingPage,
} from '@/features/articles/api/schemas'
import type { Site, Tag } from '@/features/site/api/schemas'
import { DIST } from '../../../scripts/serve/nginx'

/**
 * The truth the browser tests compare the screen against: the static API the build wrote to dist/api.
 * Content is still being written, so tests discover slugs, names and counts here instead of
 * hard-coding them.
 */
const API = path.join(DIST, 'api')

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(API, file), 'utf8')) as T
}

export type Dimension = 'sections' | 'tags' | 'authors'

/**
 * Page `page` of the listing in `dir` (`lists/latest`), as the reader sees it: read from the listing's head
 * and the chunks below it (docs/api.md, "Listings").
 */
function readPage(dir: string, page: number): ListingPage {
  const head = v.parse(ListingHeadSchema, readJson<unknown>(`${dir}/1.json`))
  const { pageCount, pageSize, total } = head
  if (page === 1) return { page, pageCount, pageSize, total, items: head.items }
  const own = [...head.items, ...head.rest]
  const spans = chunkSpans(head, own.length)
  const items = []
  for (let p = (page - 1) * pageSize; p < Math.min(page * pageSize, total); p++) {
    const { span, index } = locate(spans, own.length, p)
    const from = span
      ? v.parse(
          ListingChunkSchema,
          readJson<unknown>(`${dir}/${chunkFile(span.chunk, span.version)}`),
        ).items
      : own
    items.push(from[index]!)
  }
  return { page, pageCount, pageSize, total, items }
}

/** The one story every test may name: the seed story, written before the demo content. */
export const SEED = {
  slug: 'un-medal-azerbaijani-peacekeeper-south-sudan',
  headline: 'UN Awards Azerbaijani Peacekeeper in South Sudan',
} as const

export const data = {
  site: () => readJson<Site>('site.json'),
  latest: (page = 1) => readPage('lists/latest', page),
  listing: (kind: Dimension, slug: string, page = 1) => readPage(`lists/${kind}/${slug}`, page),
  ids: (kind: Dimension, slug: string) =>
    v.parse(IdIndexSchema, readJson<unknown>(`ids/${kind}/${slug}.json`)),
  article: (slug: string) => readJson<Article>(`articles/${slug}.json`),
  /** Every article, by id. */
  articlesById(): Map<number, Article> {
    const files = readdirSync(path.join(API, 'articles')).filter((f) => f.endsWith('.json'))
    const articles = files.map((f) => readJson<Article>(`articles/${f}`))
    return new Map(articles.map((a) => [a.id, a]))
  },
}

export interface TagPair {
  first: Tag
  second: Tag
  /** Ids of the stories carrying both tags, newest first. */
  ids: number[]
}

/**
 * Two tags whose stories overlap, chosen so that each tag narrows the other (the intersection is
 * smaller than either tag alone) when the content allows: then a filter that ignored one tag fails.
 */
export function findTagPair(): TagPair {
  const tags = data.site().tags.filter((t) => t.count > 0)
  const idsOf = new Map(tags.map((t) => [t.slug, data.ids('tags', t.slug).ids]))
  let best: (TagPair & { score: number }) | undefined
  for (const [i, first] of tags.entries()) {
    for (const second of tags.slice(i + 1)) {
      const other = new Set(idsOf.get(second.slug))
      const firstIds = idsOf.get(first.slug) ?? []
      const ids = firstIds.filter((id) => other.has(id))
      if (ids.length === 0) continue
      const narrows = ids.length < Math.min(firstIds.length, other.size)
      const score = (narrows ? 1000 : 0) + ids.length
      if (!best || score > best.score) best = { first, second, ids, score }
    }
  }
  if (!best) throw new Error('No two tags share a story in dist/api: the filter cannot be tested.')
  return best
}

/** A section, tag or author with stories: the one with the most, so its page is a real listing. */
export function busiest(kind: Dimension): { slug: string; name: string; count: number } {
  const site = data.site()
  const all = kind === 'sections' ? site.sections : kind === 'tags' ? site.tags : site.authors
  const [top] = [...all].sort((a, b) => b.count - a.count)
  if (!top || top.count === 0) throw new Error(`No ${kind} with stories in dist/api/site.json`)
  return top
}

/** The first words of a story's first paragraph, as the reader sees them: proof that its body is there. */
export function openingWords(slug: string): string {
  const first = data.article(slug).body.find((b) => b.type === 'paragraph')
  const text = first?.content.map((c) => ('text' in c ? c.text : '')).join('') ?? ''
  return text.slice(0, 40)
}
