import { queryOptions, type QueryClient } from '@tanstack/react-query'
import { fetchJson } from '@/lib/api-client'
import { articleKeys } from './keys'
import type { Front } from './schemas'

// Loaded with the first request, not with the page (src/lib/api-client.ts).
const FrontSchema = () => import('./schemas').then((m) => m.FrontSchema)

/**
 * Each section's newest stories (`front.json`, docs/api.md), for the front page's section rows: one file,
 * so the front page costs two requests however many sections there are.
 */
export function getFront(signal?: AbortSignal, client?: QueryClient): Promise<Front> {
  return fetchJson('front.json', FrontSchema, signal, client)
}

/** The front page's section rows, for the home route's loader and component alike. */
export function frontQueryOptions() {
  return queryOptions({
    queryKey: articleKeys.front(),
    queryFn: ({ signal, client }) => getFront(signal, client),
  })
}
