import { IsRestoringProvider, QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { useEffect, useState, type ReactNode } from 'react'
import { whenIdle } from '@/lib/when-idle'
import { keepDeviceCache, restoreDeviceCache } from './device-cache'

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
 * restored from it on the next start (./device-cache.ts), and the connection state the cache goes by
 * (docs/decisions/007-offline.md). Queries wait while the restore runs, as under TanStack's
 * PersistQueryClientProvider; the device cache's code and the connection watch's load once the browser is
 * idle after the first render (docs/decisions/016-start-up.md).
 */
export function AppProviders({
  queryClient,
  children,
}: {
  queryClient: QueryClient
  children: ReactNode
}) {
  const [isRestoring, setIsRestoring] = useState(true)
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
    // The restore and the saves (./device-cache.ts). The restore is once per client whoever asks, so
    // StrictMode's second run of this effect waits for the same one.
    let live = true
    let stop: (() => void) | undefined
    const cancel = whenIdle(() => {
      void restoreDeviceCache(queryClient).then(() => {
        if (!live) return
        setIsRestoring(false)
        stop = keepDeviceCache(queryClient)
      })
    })
    return () => {
      live = false
      cancel()
      stop?.()
    }
  }, [queryClient])
  return (
    <QueryClientProvider client={queryClient}>
      <IsRestoringProvider value={isRestoring}>{children}</IsRestoringProvider>
    </QueryClientProvider>
  )
}
