import type { QueryClient } from '@tanstack/react-query'
import { redirect, type LoaderFunctionArgs } from 'react-router'
import { isSlug, paths, readTags, type ListingRef } from '@/config/paths'
import { frontQueryOptions } from '@/features/articles/api/get-front'
import { listingQueryOptions } from '@/features/articles/api/get-listing'
import { siteQueryOptions } from '@/features/site/api/get-site'
import { notFoundResponse, rethrowNotFound } from './not-found-response'

export interface ListingParams {
  ref: ListingRef
  page: number
  tags: string[]
}

/**
 * Reads a listing's state from its URL (`/sections/x/page/2?tags=a,b`), sends a non-canonical URL to
 * its canonical form, and starts the data (listing and site taxonomy) in parallel with the route's code.
 */
export function listingLoader(queryClient: QueryClient, kind: ListingRef['kind']) {
  return async ({ params, request }: LoaderFunctionArgs): Promise<ListingParams> => {
    const url = new URL(request.url)
    if (kind !== 'latest' && !isSlug(params.slug ?? '')) throw notFoundResponse()
    const ref: ListingRef = kind === 'latest' ? { kind } : { kind, slug: params.slug! }

    let page = 1
    if (params.page !== undefined) {
      if (!/^[1-9][0-9]{0,5}$/.test(params.page)) throw notFoundResponse()
      page = Number(params.page)
    }
    // A tag page's own tag is implied, so it never appears in its filter.
    const own = ref.kind === 'tags' ? ref.slug : null
    const tags = readTags(url.searchParams.get('tags')).filter((tag) => tag !== own)
    const canonical = paths.listing(ref, page, tags)
    if (canonical !== url.pathname + url.search) throw redirect(canonical)

    const site = queryClient.ensureQueryData(siteQueryOptions()).catch(() => {
      // The listing can show without the taxonomy; the navigation offers its own retry.
    })
    // The front page's section rows (home, page 1, unfiltered): a part of their own, with their own retry.
    const front =
      ref.kind === 'latest' && page === 1 && !tags.length
        ? queryClient.ensureQueryData(frontQueryOptions()).catch(() => {})
        : undefined
    await queryClient.ensureQueryData(listingQueryOptions(ref, page, tags)).catch(rethrowNotFound)
    await site
    await front
    return { ref, page, tags }
  }
}
