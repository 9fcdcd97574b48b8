import { focusManager, onlineManager, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { ListingRef } from '@/config/paths'
import { listingQueryOptions } from '../api/get-listing'

/** How often page 1 of an open listing asks for new stories: a front page changes every few minutes. */
export const LIVE_UPDATE_INTERVAL_MS = 60_000
/** A failing check waits 2, 4, 8, then 16 times as long before the next one. */
const MAX_BACKOFF_EXPONENT = 4

/**
 * While page 1 of a listing is open, refetches it every minute, only while the tab is visible and the
 * newsroom is reachable, backing off while checks fail. The fresh copy goes into the listing's own cache
 * entry; LiveStoryList decides what reaches the screen. A hidden tab or an offline device stops the
 * clock; coming back starts a full interval (coming back online already refetches stale listings).
 */
export function useLiveUpdates(ref: ListingRef, enabled: boolean) {
  const queryClient = useQueryClient()
  const kind = ref.kind
  const slug = 'slug' in ref ? ref.slug : ''
  useEffect(() => {
    if (!enabled) return
    const options = listingQueryOptions(
      kind === 'latest' ? { kind } : ({ kind, slug } as ListingRef),
      1,
    )
    let failures = 0
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const schedule = () => {
      clearTimeout(timer)
      timer = undefined
      if (stopped || !focusManager.isFocused() || !onlineManager.isOnline()) return
      const delay = LIVE_UPDATE_INTERVAL_MS * 2 ** Math.min(failures, MAX_BACKOFF_EXPONENT)
      timer = setTimeout(() => {
        queryClient
          .fetchQuery({ ...options, staleTime: LIVE_UPDATE_INTERVAL_MS / 2 })
          .then(
            () => (failures = 0),
            () => failures++,
          )
          .finally(schedule)
      }, delay)
    }
    schedule()
    const stopFocus = focusManager.subscribe(schedule)
    const stopOnline = onlineManager.subscribe(schedule)
    return () => {
      stopped = true
      clearTimeout(timer)
      stopFocus()
      stopOnline()
    }
  }, [queryClient, enabled, kind, slug])
}
