import { act } from '@testing-library/react'
import type { QueryClient } from '@tanstack/react-query'
import { makeQueryClient } from '@/lib/query-client'

/**
 * The app's own QueryClient (its staleTime and gcTime are what the caching tests check), with retries
 * off: a failure shows at once instead of after the app's back-off delays.
 */
export function makeTestQueryClient(): QueryClient {
  const client = makeQueryClient()
  const defaults = client.getDefaultOptions()
  client.setDefaultOptions({ ...defaults, queries: { ...defaults.queries, retry: false } })
  return client
}

/**
 * TanStack Query tells its observers (and so React) about a change on a `setTimeout(0)`, its notifyManager's
 * default scheduler. One macrotask later, every change made so far has reached the screen. For asserting that
 * something did *not* change on screen, where there is nothing new to wait for.
 */
export const flushQueryNotifications = () =>
  act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
