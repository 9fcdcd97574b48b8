import { hashKey, useQueryClient, type QueryKey } from '@tanstack/react-query'
import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { formatRelative } from '@/lib/format-date'
import { lastUpdated } from '@/i18n'

/** How often the notice looks at the clock: data turns stale, and "2 minutes ago" becomes "3". */
export const STALE_CHECK_INTERVAL_MS = 15_000

/**
 * "These stories were last updated 5 minutes ago." while the query holding what is on screen is older than
 * its freshness window (its observers' staleTime, or it was invalidated) and no refresh is under way;
 * otherwise null. The time is the data's own: a refresh that failed offline leaves it as it was.
 */
export function useStaleNotice(queryKey: QueryKey | undefined): string | null {
  const queryClient = useQueryClient()
  const hash = queryKey ? hashKey(queryKey) : undefined

  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!hash) return () => {}
      const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
        if (event.query.queryHash === hash) onChange()
      })
      const timer = setInterval(onChange, STALE_CHECK_INTERVAL_MS)
      return () => {
        unsubscribe()
        clearInterval(timer)
      }
    },
    [queryClient, hash],
  )
  const getSnapshot = useMemo(
    () => () => (hash ? staleNotice(queryClient, hash, Date.now()) : null),
    [queryClient, hash],
  )
  return useSyncExternalStore(subscribe, getSnapshot, noNotice)
}

// Rendered at build time and hydrated, the page cannot know how old its data will be when it is read.
const noNotice = () => null

function staleNotice(
  queryClient: ReturnType<typeof useQueryClient>,
  hash: string,
  now: number,
): string | null {
  const query = queryClient.getQueryCache().get(hash)
  if (!query || query.state.data === undefined || query.state.fetchStatus === 'fetching')
    return null
  // The observers on screen know the staleTime they asked for, and are told when it runs out.
  if (!query.isStale()) return null
  // 0: a page read offline whose age is unknown (src/app/start/start-client.tsx); no time beats a wrong one.
  if (!query.state.dataUpdatedAt) return null
  const updatedAt = new Date(query.state.dataUpdatedAt)
  return lastUpdated(formatRelative(updatedAt, new Date(now)))
}
