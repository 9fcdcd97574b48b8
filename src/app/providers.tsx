import { IsRestoringProvider, QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { useEffect, useState, type ReactNode } from 'react'
import { watchConnectivity } from '@/features/pwa/api/connectivity'

/** The device cache's code (IndexedDB and the persister): loaded once the app has started. */
export const loadDeviceCache = () => import('@/features/pwa/api/device-cache')

/**
 * Everything the app needs around its router: the query cache, saved on the device (IndexedDB) and
 * restored from it on the next start, and the connection state the cache goes by
 * (docs/decisions/007-offline.md). The restore and saves work as TanStack's PersistQueryClientProvider
 * does (queries wait while restoring), with their code loaded after the first render.
 */
export function AppProviders({
  queryClient,
  children,
}: {
  queryClient: QueryClient
  children: ReactNode
}) {
  const [isRestoring, setIsRestoring] = useState(true)
  const [restoreStarted] = useState(() => new WeakSet<QueryClient>())
  useEffect(() => watchConnectivity(queryClient), [queryClient])
  useEffect(() => {
    let live = true
    let stop: (() => void) | undefined
    if (isRestoring) {
      // Once per client, however often the effect runs (StrictMode runs it twice).
      if (!restoreStarted.has(queryClient)) {
        restoreStarted.add(queryClient)
        void loadDeviceCache()
          .then(({ devicePersistence }) => devicePersistence(queryClient).restore())
          .catch(() => {
            // No device cache this time: start with what the page has.
          })
          .finally(() => setIsRestoring(false))
      }
    } else {
      void loadDeviceCache().then(
        ({ devicePersistence }) => {
          if (live) stop = devicePersistence(queryClient).subscribe()
        },
        () => {},
      )
    }
    return () => {
      live = false
      stop?.()
    }
  }, [queryClient, isRestoring, restoreStarted])
  return (
    <QueryClientProvider client={queryClient}>
      <IsRestoringProvider value={isRestoring}>{children}</IsRestoringProvider>
    </QueryClientProvider>
  )
}
