import { queryOptions, type QueryClient } from '@tanstack/react-query'
import { fetchJson } from '@/lib/api-client'
import type { StableSite } from './schemas'

// Loaded with the first request, not with the page (src/lib/api-client.ts). The stable part of site.json
// only: its counts change with every story and would change every page that embeds this query (./schemas).
const SiteSchema = () => import('./schemas').then((m) => m.StableSiteSchema)

export const siteKeys = {
  all: ['site'] as const,
  index: () => [...siteKeys.all, 'index'] as const,
}

/** The site's sections, tags and authors; `client` as for fetchJson (its API transport). */
export function getSite(signal?: AbortSignal, client?: QueryClient): Promise<StableSite> {
  return fetchJson('site.json', SiteSchema, signal, client)
}

export function siteQueryOptions() {
  return queryOptions({
    queryKey: siteKeys.index(),
    queryFn: ({ signal, client }) => getSite(signal, client),
    // Sections, tags and authors change rarely: a few minutes late harms no one.
    staleTime: 5 * 60_000,
  })
}
