import type { QueryClient } from '@tanstack/react-query'
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client'
import { useEffect, useMemo, type ReactNode } from 'react'
import { watchConnectivity } from '@/features/pwa/api/connectivity'
import { devicePersistOptions } from '@/features/pwa/api/device-cache'

/**
 * Everything the app needs around its router: the query cache, saved on the device (IndexedDB) and
 * restored from it on the next start, and the connection state the cache goes by
 * (docs/decisions/007-offline.md).
 */
export function AppProviders({
  queryClient,
  children,
}: {
  queryClient: QueryClient
  children: ReactNode
}) {
  const persistOptions = useMemo(() => devicePersistOptions(queryClient), [queryClient])
  useEffect(() => watchConnectivity(queryClient), [queryClient])
  return (
    <PersistQueryClientProvider client={queryClient} persistOptions={persistOptions}>
      {children}
    </PersistQueryClientProvider>
  )
}
