import { QueryClient } from '@tanstack/react-query'
import { ApiError } from './api-client'

/**
 * Query defaults chosen for news (docs/decisions/003-query-defaults.md):
 * - staleTime 1 minute: a listing seen within the last minute shows from cache with no request, so going
 *   back is instant; after that it refreshes in the background while the cached copy stays on screen.
 *   Articles change far less often and set 5 minutes in their own options.
 * - gcTime 30 minutes: a reader who comes back to a story or a listing within a session gets it at once.
 * - retry: twice, with exponential backoff, only for failures a retry can fix (no answer, a server error).
 *   A missing page or malformed data will not change by asking again.
 */
export const LIST_STALE_TIME = 60_000
export const ARTICLE_STALE_TIME = 5 * 60_000

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && (error.kind === 'not-found' || error.kind === 'invalid'))
    return false
  return failureCount < 2
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: LIST_STALE_TIME,
        gcTime: 30 * 60_000,
        retry: shouldRetry,
      },
    },
  })
}
