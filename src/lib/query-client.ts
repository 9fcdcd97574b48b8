import { onlineManager, QueryClient } from '@tanstack/react-query'
import { ApiError } from './api-client'

/**
 * Query defaults chosen for news, read offline (docs/decisions/003-query-defaults.md):
 * - staleTime 1 minute: a listing seen within the last minute shows from cache with no request, so going
 *   back is instant; after that it refreshes in the background while the cached copy stays on screen.
 *   Articles change far less often and set 5 minutes in their own options.
 * - gcTime Infinity: nothing read in this session is dropped from memory, so it can be saved on the device
 *   (IndexedDB) and read offline for CACHE_MAX_AGE. A finite 30 days is not possible: timers longer than
 *   2^31-1 ms (24.8 days) fire at once, which would empty the cache instead. The persister bounds what is
 *   kept on the device (src/features/pwa/api/query-persister.ts).
 * - retry: twice, with exponential backoff, only for failures a retry can fix (no answer, a server error),
 *   and not while offline. A missing page or malformed data will not change by asking again.
 * - networkMode 'always': the service worker answers from its caches when there is no network, so the app
 *   always asks. TanStack's default would pause every fetch while offline, and a paused fetch holds the
 *   route's loader, and with it the navigation, until the network returns.
 * - refetchOnMount / refetchOnWindowFocus only while online: offline, a refetch can only fail or return the
 *   service worker's copy as if it were new. The data keeps its real age on screen ("last updated …").
 * - refetchOnReconnect on: every stale view on screen refreshes by itself when the network returns.
 *   It must be said: with networkMode 'always', TanStack Query turns it off by default.
 */
export const LIST_STALE_TIME = 60_000
export const ARTICLE_STALE_TIME = 5 * 60_000
/** How long what a reader has seen stays readable on the device: a month of reading. */
export const CACHE_MAX_AGE = 30 * 24 * 60 * 60_000

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && (error.kind === 'not-found' || error.kind === 'invalid'))
    return false
  if (!onlineManager.isOnline()) return false
  return failureCount < 2
}

const whileOnline = () => onlineManager.isOnline()

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: LIST_STALE_TIME,
        gcTime: Infinity,
        retry: shouldRetry,
        networkMode: 'always',
        refetchOnMount: whileOnline,
        refetchOnWindowFocus: whileOnline,
        refetchOnReconnect: true,
      },
    },
  })
}
