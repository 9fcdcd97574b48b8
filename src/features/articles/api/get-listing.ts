import { queryOptions } from '@tanstack/react-query'
import type { ListingRef } from '@/config/paths'
import { loadForRequest } from '@/lib/api-client'
import { articleKeys } from './keys'

export function listingQueryOptions(ref: ListingRef, page: number, tags: readonly string[] = []) {
  return queryOptions({
    queryKey: articleKeys.list(ref, page, tags),
    queryFn: async ({ signal, client }) => {
      const { getFilteredPage, getListingPage } = await loadForRequest(
        () => import('./fetch-listing'),
        'lists/',
      )
      return tags.length
        ? getFilteredPage(ref, tags, page, signal, client)
        : getListingPage(ref, page, signal, client)
    },
  })
}
