import {
  onlineManager,
  QueryClient,
  type DefaultError,
  type QueryClientConfig,
  type FetchQueryOptions,
  type Query,
  type QueryKey,
} from '@tanstack/react-query'
import { retryDelay, shouldRetry } from './retry-policy'
import type { Transport } from './transport'

/**
 * Query defaults chosen for news, read offline (docs/decisions/003-query-defaults.md):
 * - staleTime 1 minute: a listing seen within the last minute shows from cache with no request, so going
 *   back is instant; after that it refreshes in the background while the cached copy stays on screen.
 *   Articles change far less often and set 5 minutes in their own options.
 * - gcTime Infinity: nothing read in this session is dropped from memory, so it can be saved on the device
 *   (IndexedDB) and read offline for CACHE_MAX_AGE. A finite 30 days is not possible: timers longer than
 *   2^31-1 ms (24.8 days) fire at once, which would empty the cache instead. The persister bounds what is
 *   kept on the device (src/features/pwa/api/query-persister.ts).
 * - retry / retryDelay: src/lib/retry-policy.ts. Twice at most, only for failures a retry can fix (no
 *   answer, a server error, rate limiting), with jittered exponential backoff or the server's Retry-After,
 *   and not while offline. A missing page, malformed data or a timeout fail at once with a clear message.
 * - networkMode 'always': the service worker answers from its caches when there is no network, so the app
 *   always asks. TanStack's default would pause every fetch while offline, and a paused fetch holds the
 *   route's loader, and with it the navigation, until the network returns.
 * - refetchOnMount / refetchOnWindowFocus only while online: offline, a refetch can only fail or return the
 *   service worker's copy as if it were new. The data keeps its real age on screen ("last updated …").
 *   A window focus also skips a query that failed in the last 30 s: tabbing back and forth must not
 *   re-ask a dead API every time. Prefetches (hovering a headline) follow the same rule, and retry only
 *   once the reader opens what they were fetching (NewsroomQueryClient below).
 * - refetchOnReconnect on: every stale view on screen refreshes by itself when the network returns.
 *   It must be said: with networkMode 'always', TanStack Query turns it off by default.
 */
export const LIST_STALE_TIME = 60_000
export const ARTICLE_STALE_TIME = 5 * 60_000
/** How long what a reader has seen stays readable on the device: a month of reading. */
export const CACHE_MAX_AGE = 30 * 24 * 60 * 60_000

/**
 * After a query failed, this long passes before a window focus or a hover (a prefetch) asks for it again:
 * those fire often, and without it a reader moving between tabs or along headlines re-asks a dead API
 * each time. A Retry, a navigation or the network returning still ask at once.
 */
export const FAILURE_COOLDOWN_MS = 30_000

/** Whether a query's last fetch failed less than FAILURE_COOLDOWN_MS ago. */
export function failedRecently(query: Pick<Query, 'state'>, now = Date.now()): boolean {
  return query.state.status === 'error' && now - query.state.errorUpdatedAt < FAILURE_COOLDOWN_MS
}

const whileOnline = () => onlineManager.isOnline()
const focusRefetch = (query: Query) => whileOnline() && !failedRecently(query)

/**
 * The app's QueryClient. A prefetch is a guess at what the reader will open next: it is not made for a
 * query that failed moments ago, and it retries only once something shows its query (the reader opened
 * the story while it was in flight). So running a pointer along the headlines while the API is down costs
 * one request per story at most, and opening one still gets the usual retries.
 */
class NewsroomQueryClient extends QueryClient {
  /** How this client's queries reach the API, when not by the platform's fetch (makeQueryClient). */
  readonly apiTransport: Transport | undefined

  constructor(config: QueryClientConfig, apiTransport?: Transport) {
    super(config)
    this.apiTransport = apiTransport
  }

  override prefetchQuery<
    TQueryFnData = unknown,
    TError = DefaultError,
    TData = TQueryFnData,
    TQueryKey extends QueryKey = QueryKey,
    TPageParam = never,
  >(options: FetchQueryOptions<TQueryFnData, TError, TData, TQueryKey, TPageParam>): Promise<void> {
    const cache = this.getQueryCache()
    const find = () => cache.find({ queryKey: options.queryKey, exact: true })
    const existing = find()
    if (existing && failedRecently(existing)) return Promise.resolve()
    return super.prefetchQuery({
      ...options,
      retry: (failureCount, error) =>
        Boolean(find()?.getObserversCount()) && shouldRetry(failureCount, error),
    })
  }
}

export interface MakeQueryClientOptions {
  /**
   * How the client's queries reach the API instead of the platform's fetch: prerendering reads the files
   * the build has just written (src/entry-server.tsx, src/app/ssr/api-from-files.ts). Given to the client,
   * not set for the whole process, so nothing else that runs beside it (a script, a test) is redirected.
   */
  apiTransport?: Transport
}

/** The API transport `client` was made with (makeQueryClient), if any: the query functions pass it on. */
export function apiTransportOf(client: QueryClient): Transport | undefined {
  return client instanceof NewsroomQueryClient ? client.apiTransport : undefined
}

export function makeQueryClient({ apiTransport }: MakeQueryClientOptions = {}): QueryClient {
  return new NewsroomQueryClient(
    {
      defaultOptions: {
        queries: {
          staleTime: LIST_STALE_TIME,
          gcTime: Infinity,
          retry: shouldRetry,
          retryDelay,
          networkMode: 'always',
          refetchOnMount: whileOnline,
          refetchOnWindowFocus: focusRefetch,
          refetchOnReconnect: true,
        },
      },
    },
    apiTransport,
  )
}
