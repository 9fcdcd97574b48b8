/**
 * The listing fetchers, loaded with a listing's first request (./get-listing.ts), not with the page.
 * A listing is a head (page 1 and a map of the rest) and chunks numbered from the oldest story
 * (./listing-layout.ts, docs/decisions/019-listing-chunks.md): page 1 is one request, any other page the
 * head and the one or two chunks it spans.
 */
import type { QueryClient } from '@tanstack/react-query'
import type { ListingRef } from '@/config/paths'
import { apiUrl, fetchJson } from '@/lib/api-client'
import { ApiError } from '@/lib/api-error'
import { chunkFile, chunkSpans, locate, type ChunkSpan } from './listing-layout'
import type { ListingHead, ListingPage, Summary } from './schemas'
import { LISTINGS_DISAGREE, PAGE_DOES_NOT_EXIST } from '@/i18n'

// Loaded with the first request, not with the page (src/lib/api-client.ts).
const ListingHeadSchema = () => import('./schemas').then((m) => m.ListingHeadSchema)
const ListingChunkSchema = () => import('./schemas').then((m) => m.ListingChunkSchema)
const IdIndexSchema = () => import('./schemas').then((m) => m.IdIndexSchema)

type Dimension = { kind: 'sections' | 'tags' | 'authors'; slug: string }

const listDir = (ref: ListingRef) =>
  ref.kind === 'latest' ? 'lists/latest' : `lists/${ref.kind}/${ref.slug}`

const getHead = (ref: ListingRef, signal?: AbortSignal, client?: QueryClient) =>
  fetchJson(`${listDir(ref)}/1.json`, ListingHeadSchema, signal, client)

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)

/**
 * The stories at these positions (0 = the newest) of a listing: from the head, and from the chunks that
 * hold the others, each fetched once and all at the same time. A chunk that is not what the head says
 * (another build's, say) is an error, never a page with a story missing or shown twice.
 */
async function readPositions(
  ref: ListingRef,
  head: ListingHead,
  positions: readonly number[],
  signal?: AbortSignal,
  client?: QueryClient,
): Promise<Summary[]> {
  const own = [...head.items, ...head.rest]
  const spans = chunkSpans(head, own.length)
  const places = positions.map((position) => locate(spans, own.length, position))
  const wanted = new Map<number, ChunkSpan>()
  for (const { span } of places) if (span) wanted.set(span.chunk, span)
  const chunks = new Map(
    await Promise.all(
      [...wanted.values()].map(async (span) => {
        const path = `${listDir(ref)}/${chunkFile(span.chunk, span.version)}`
        const chunk = await fetchJson(path, ListingChunkSchema, signal, client)
        if (chunk.chunk !== span.chunk || chunk.items.length !== span.count) {
          throw new ApiError('invalid', LISTINGS_DISAGREE, apiUrl(path))
        }
        return [span.chunk, chunk.items] as const
      }),
    ),
  )
  return places.map(({ span, index }) => (span ? chunks.get(span.chunk)! : own)[index]!)
}

/**
 * One page of a listing: latest stories, or a section's, a tag's or an author's. `client` is the
 * QueryClient it is fetched for, whose API transport it uses (src/lib/api-client.ts).
 */
export async function getListingPage(
  ref: ListingRef,
  page: number,
  signal?: AbortSignal,
  client?: QueryClient,
): Promise<ListingPage> {
  const head = await getHead(ref, signal, client)
  const { pageCount, pageSize, total } = head
  // The front page's marked lead, when older than page 1 (only the latest listing's head has one): the
  // page shows it first, and leadStory finds it there by its mark.
  if (page === 1) {
    const items = head.lead ? [head.lead, ...head.items] : head.items
    return { page, pageCount, pageSize, total, items }
  }
  if (page > pageCount) {
    throw new ApiError('not-found', PAGE_DOES_NOT_EXIST, apiUrl(`${listDir(ref)}/1.json`))
  }
  const positions = range((page - 1) * pageSize, Math.min(page * pageSize, total))
  return {
    page,
    pageCount,
    pageSize,
    total,
    items: await readPositions(ref, head, positions, signal, client),
  }
}

/**
 * One page of a listing narrowed to stories carrying every tag in `tags`, on the static API: fetch the
 * id index of each dimension and the head of the listing, intersect the indexes, then read the matching
 * stories from the smallest dimension's listing (every match is in it), from the head and only the chunks
 * this page of results needs.
 */
export async function getFilteredPage(
  ref: ListingRef,
  tags: readonly string[],
  page: number,
  signal?: AbortSignal,
  client?: QueryClient,
): Promise<ListingPage> {
  const dimensions: Dimension[] = tags.map((slug) => ({ kind: 'tags', slug }))
  if (
    ref.kind !== 'latest' &&
    !dimensions.some((d) => d.kind === ref.kind && d.slug === ref.slug)
  ) {
    dimensions.push(ref)
  }
  const indexes = await Promise.all(
    dimensions.map((d) => fetchJson(`ids/${d.kind}/${d.slug}.json`, IdIndexSchema, signal, client)),
  )
  const order = indexes.map((_, i) => i).sort((a, b) => indexes[a]!.total - indexes[b]!.total)
  const driver = dimensions[order[0]!]!
  const driverIndex = indexes[order[0]!]!
  const others = order.slice(1).map((i) => new Set(indexes[i]!.ids))

  const matches: { id: number; position: number }[] = []
  driverIndex.ids.forEach((id, position) => {
    if (others.every((set) => set.has(id))) matches.push({ id, position })
  })
  const pageSize = driverIndex.pageSize
  const pageCount = Math.max(1, Math.ceil(matches.length / pageSize))
  if (page > pageCount) {
    throw new ApiError('not-found', PAGE_DOES_NOT_EXIST, apiUrl(`${listDir(ref)}/1.json`))
  }

  const wanted = matches.slice((page - 1) * pageSize, page * pageSize)
  let items: Summary[] = []
  if (wanted.length) {
    const head = await getHead(driver, signal, client)
    if (head.total !== driverIndex.total) {
      throw new ApiError('invalid', LISTINGS_DISAGREE, apiUrl(`${listDir(driver)}/1.json`))
    }
    items = await readPositions(
      driver,
      head,
      wanted.map((m) => m.position),
      signal,
      client,
    )
  }
  items.forEach((item, i) => {
    if (item.id !== wanted[i]!.id) {
      throw new ApiError('invalid', LISTINGS_DISAGREE, apiUrl(`${listDir(driver)}/1.json`))
    }
  })
  return { page, pageCount, pageSize, total: matches.length, items }
}
