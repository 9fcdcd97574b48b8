/**
 * The listing fetchers, loaded with a listing's first request (./get-listing.ts), not with the page.
 */
import type { ListingRef } from '@/config/paths'
import { ApiError, fetchJson } from '@/lib/api-client'
import type { ListingPage } from './schemas'
import { LISTINGS_DISAGREE, PAGE_DOES_NOT_EXIST } from '@/i18n'

// Loaded with the first request, not with the page (src/lib/api-client.ts).
const ListingPageSchema = () => import('./schemas').then((m) => m.ListingPageSchema)
const IdIndexSchema = () => import('./schemas').then((m) => m.IdIndexSchema)

const listPath = (ref: ListingRef, page: number) =>
  ref.kind === 'latest' ? `lists/latest/${page}.json` : `lists/${ref.kind}/${ref.slug}/${page}.json`

/** One page of a listing: latest stories, or a section's, a tag's or an author's. */
export function getListingPage(
  ref: ListingRef,
  page: number,
  signal?: AbortSignal,
): Promise<ListingPage> {
  return fetchJson(listPath(ref, page), ListingPageSchema, signal)
}

type Dimension = { kind: 'sections' | 'tags' | 'authors'; slug: string }

/**
 * One page of a listing narrowed to stories carrying every tag in `tags`, on the static API: fetch the
 * id index of each dimension, intersect them, then read the matching stories from the listing pages of
 * the smallest dimension (every match is in it), fetching only the pages this page of results needs.
 */
export async function getFilteredPage(
  ref: ListingRef,
  tags: readonly string[],
  page: number,
  signal?: AbortSignal,
): Promise<ListingPage> {
  const dimensions: Dimension[] = tags.map((slug) => ({ kind: 'tags', slug }))
  if (
    ref.kind !== 'latest' &&
    !dimensions.some((d) => d.kind === ref.kind && d.slug === ref.slug)
  ) {
    dimensions.push(ref)
  }
  const indexes = await Promise.all(
    dimensions.map((d) => fetchJson(`ids/${d.kind}/${d.slug}.json`, IdIndexSchema, signal)),
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
  if (page > pageCount) throw new ApiError('not-found', PAGE_DOES_NOT_EXIST, listPath(ref, page))

  const wanted = matches.slice((page - 1) * pageSize, page * pageSize)
  const sourcePages = [...new Set(wanted.map((m) => Math.floor(m.position / pageSize) + 1))]
  const fetched = new Map(
    await Promise.all(
      sourcePages.map(async (n) => [n, await getListingPage(driver, n, signal)] as const),
    ),
  )
  const items = wanted.map(({ id, position }) => {
    const item = fetched.get(Math.floor(position / pageSize) + 1)?.items[position % pageSize]
    if (item?.id !== id) {
      throw new ApiError('invalid', LISTINGS_DISAGREE, listPath(driver, 1))
    }
    return item
  })
  return { page, pageCount, pageSize, total: matches.length, items }
}
