import type { QueryClient } from '@tanstack/react-query'

/**
 * The query cache saved on the device (IndexedDB), the app's one way in (docs/decisions/007-offline.md).
 * The flow:
 *
 * 1. Restore, once per QueryClient: `restoreDeviceCache` puts back what the device saved, filling only
 *    what the cache lacks. Whoever needs it first starts it and every later caller waits for the same
 *    restore (the "once" is restoreQueryCache's, src/features/pwa/api/device-cache.ts): on a cold start a
 *    route loader (src/app/routes.tsx), since the router runs loaders before React renders; on a
 *    prerendered page, which needs no loader, AppProviders once the browser is idle after hydration.
 * 2. Save: AppProviders holds queries back while the restore runs (as PersistQueryClientProvider does),
 *    then `keepDeviceCache` saves every change until the app unmounts.
 *
 * The code (the persister and IndexedDB's wrapper) loads with the first call, never with the first route
 * (docs/decisions/016-start-up.md). Storage is a nicety: neither function ever fails.
 */
const loadDeviceCache = () => import('@/features/pwa/api/device-cache')

/** Resolves once what the device saved is back in the cache, or there is nothing to restore. */
export function restoreDeviceCache(queryClient: QueryClient): Promise<void> {
  return loadDeviceCache().then(
    ({ restoreQueryCache }) => restoreQueryCache(queryClient),
    () => {
      // No device cache this time (offline before the service worker has its code): start without it.
    },
  )
}

/**
 * Saves the cache on the device at every change from now on; the returned function stops it. Called once
 * the restore is over: a save before it would replace the device's copy with the few queries the page
 * started with.
 */
export function keepDeviceCache(queryClient: QueryClient): () => void {
  let stop: (() => void) | undefined
  let stopped = false
  void loadDeviceCache().then(
    ({ keepQueryCache }) => {
      if (!stopped) stop = keepQueryCache(queryClient)
    },
    () => {},
  )
  return () => {
    stopped = true
    stop?.()
  }
}
