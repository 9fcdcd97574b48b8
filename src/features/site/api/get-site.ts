import { queryOptions } from '@tanstack/react-query'
import { fetchJson } from '@/lib/api-client'
import type { Site } from './schemas'

// Loaded with the first request, not with the page (src/lib/api-client.ts).
const SiteSchema = () => import('./schemas').then((m) => m.SiteSchema)

export const siteKeys = {
  all: ['site'] as const,
  index: () => [...siteKeys.all, 'index'] as const,
}

export function getSite(signal?: AbortSignal): Promise<Site> {
  return fetchJson('site.json', SiteSchema, signal)
}

export function siteQueryOptions() {
  return queryOptions({
    queryKey: siteKeys.index(),
    queryFn: ({ signal }) => getSite(signal),
    // Sections, tags and authors change rarely; their counts lagging a few minutes harms no one.
    staleTime: 5 * 60_000,
  })
}
