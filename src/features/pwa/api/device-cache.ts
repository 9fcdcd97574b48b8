import { hydrate, type QueryClient } from '@tanstack/react-query'
import {
  persistQueryClientRestore,
  persistQueryClientSave,
  persistQueryClientSubscribe,
  type PersistQueryClientOptions,
  type Persister,
} from '@tanstack/react-query-persist-client'
import { CACHE_MAX_AGE } from '@/lib/query-client'
import { createDevicePersister, PERSIST_BUSTER } from './query-persister'

/**
 * The query cache saved on the device, per QueryClient: one persister and one restore each, so tests with
 * a fresh client never share either.
 */
const persisters = new WeakMap<QueryClient, Persister>()
const restores = new WeakMap<QueryClient, Promise<void>>()

function persisterFor(queryClient: QueryClient): Persister {
  let persister = persisters.get(queryClient)
  if (!persister) {
    persister = createDevicePersister()
    persisters.set(queryClient, persister)
  }
  return persister
}

/**
 * Puts what the device saved back into the cache, once per client, however many ask. Route loaders wait
 * for it before they fetch (the router starts them before React first renders), so a cold start offline
 * finds the last listings in the cache at once. Never rejects, and takes at most RESTORE_TIMEOUT_MS.
 *
 * The device only fills gaps: a query the page already holds keeps its data. A prerendered page arrives
 * with the data it was built from, and after an update that is the new release's story, which a copy saved
 * under the old release must not replace, however recently it was fetched. (TanStack's own restore would
 * let whichever was fetched last win.) What is restored counts as stale: shown at once, refreshed in the
 * background when online. An entry past CACHE_MAX_AGE or from another PERSIST_BUSTER is discarded.
 */
export function restoreQueryCache(queryClient: QueryClient): Promise<void> {
  let restore = restores.get(queryClient)
  if (!restore) {
    restore = restoreMissing(queryClient, persisterFor(queryClient)).catch(() => {
      // Storage that failed half-way: start with what is there.
    })
    restores.set(queryClient, restore)
  }
  return restore
}

async function restoreMissing(queryClient: QueryClient, persister: Persister) {
  const saved = await persister.restoreClient()
  if (!saved) return
  if (Date.now() - saved.timestamp > CACHE_MAX_AGE || saved.buster !== PERSIST_BUSTER) {
    await persister.removeClient()
    return
  }
  // Restored data shows at once, but it is from an earlier visit, perhaps under an older release: marked
  // stale, so what is on screen refreshes in the background when online, however recently it was fetched.
  const missing = saved.clientState.queries
    .filter((query) => queryClient.getQueryData(query.queryKey) === undefined)
    .map((query) => ({ ...query, state: { ...query.state, isInvalidated: true } }))
  hydrate(queryClient, { mutations: [], queries: missing })
}

const dehydrateOptions: PersistQueryClientOptions['dehydrateOptions'] = {
  // Only data a fetch delivered; the persister writes it as a success even after a failed refresh.
  shouldDehydrateQuery: (query) => query.state.data !== undefined && query.state.dataUpdatedAt > 0,
}

/**
 * Options for PersistQueryClientProvider. Its restore hands over to restoreQueryCache (which the loaders
 * may already have started), so the device is read once, and then saves at once: a prerendered page
 * arrives with its data and may change nothing after, yet what it showed must be on the device. From then
 * on the provider saves every change.
 */
export function devicePersistOptions(
  queryClient: QueryClient,
): Omit<PersistQueryClientOptions, 'queryClient'> {
  const persister = persisterFor(queryClient)
  return {
    persister: {
      persistClient: persister.persistClient,
      removeClient: persister.removeClient,
      restoreClient: async () => {
        await restoreQueryCache(queryClient)
        void persistQueryClientSave({
          queryClient,
          persister,
          buster: PERSIST_BUSTER,
          dehydrateOptions,
        })
        return undefined
      },
    },
    maxAge: CACHE_MAX_AGE,
    buster: PERSIST_BUSTER,
    dehydrateOptions,
  }
}

/**
 * What the app's provider does with the device, as PersistQueryClientProvider would: `restore` once (the
 * queries wait for it), then `subscribe` saves every change until it is called to stop. In a module of
 * its own that the app loads after it starts, so none of this (nor IndexedDB's wrapper) is in the first
 * route (docs/decisions/009-performance-budgets.md).
 */
export function devicePersistence(queryClient: QueryClient) {
  const options = { ...devicePersistOptions(queryClient), queryClient }
  return {
    restore: () => persistQueryClientRestore(options),
    subscribe: () => {
      const stop = persistQueryClientSubscribe(options)
      // The subscription starts a render and an import after the restore's save: data that landed in
      // between (the first page's, on a cold start) would otherwise wait for the next change to be kept.
      // Saves are throttled and take the latest state, so this costs at most one write.
      void persistQueryClientSave(options)
      return stop
    },
  }
}
