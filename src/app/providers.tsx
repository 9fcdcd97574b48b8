import { IsRestoringProvider, QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { useEffect, useState, type ReactNode } from 'react'
import { whenIdle } from '@/lib/when-idle'

/** The device cache's code (IndexedDB and the persister): loaded once the app has started. */
export const loadDeviceCache = () => import('@/features/pwa/api/device-cache')

/**
 * The connection watch, loaded once the app has started: until it is there, TanStack Query follows the
 * browser's online and offline events, and it asks the server about any request that failed before it.
 */
const loadConnectivity = () => import('@/features/pwa/api/connectivity')

/**
 * The code a reader's first click on a link needs to fetch its page and check what arrives, which the
 * first route leaves out (docs/decisions/016-start-up.md): fetched while they read, not when they click.
 */
const warmNavigationCode = () =>
  Promise.all([
    import('@/lib/fetch-json'),
    import('@/features/articles/api/fetch-listing'),
    import('@/features/articles/api/schemas'),
  ])

/**
 * Everything the app needs around its router: the query cache, saved on the device (IndexedDB) and
 * restored from it on the next start, and the connection state the cache goes by
 * (docs/decisions/007-offline.md). The restore and saves work as TanStack's PersistQueryClientProvider
 * does (queries wait while restoring); their code and the connection watch's load once the browser is idle
 * after the first render (docs/decisions/016-start-up.md).
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
  useEffect(() => {
    // The app runs the page from now on: a click is the router's. Before, a prerendered page works as
    // plain HTML (src/boot.ts), and a click is a page load. Browser tests wait for this mark.
    document.documentElement.dataset.live = ''
  }, [])
  useEffect(() => {
    let live = true
    let stop: (() => void) | undefined
    const cancel = whenIdle(() => {
      warmNavigationCode().catch(() => {
        // Offline without the service worker's copy: the first request tries again.
      })
      void loadConnectivity().then(
        ({ watchConnectivity }) => {
          if (live) stop = watchConnectivity(queryClient)
        },
        () => {},
      )
    })
    return () => {
      live = false
      cancel()
      stop?.()
    }
  }, [queryClient])
  useEffect(() => {
    let live = true
    let stop: (() => void) | undefined
    if (isRestoring) {
      // Once per client, however often the effect runs (StrictMode runs it twice).
      if (!restoreStarted.has(queryClient)) {
        restoreStarted.add(queryClient)
        // Not once per effect run: StrictMode's second run must not cancel the one restore.
        whenIdle(() => {
          void loadDeviceCache()
            .then(({ devicePersistence }) => devicePersistence(queryClient).restore())
            .catch(() => {
              // No device cache this time: start with what the page has.
            })
            .finally(() => setIsRestoring(false))
        })
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
