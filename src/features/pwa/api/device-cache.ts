import { hydrate, type QueryClient } from '@tanstack/react-query'
import {
  persistQueryClientSave,
  persistQueryClientSubscribe,
  type PersistQueryClientOptions,
  type Persister,
} from '@tanstack/react-query-persist-client'
import { CACHE_MAX_AGE } from '@/lib/query-client'
import { createDevicePersister, PERSIST_BUSTER } from './query-persister'

/**
 * The query cache saved on the device, per QueryClient: one persister and one restore each, so tests with
 * a fresh client never share either. The app comes here through src/app/device-cache.ts, which says how
 * the restore and the saves go.
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
 * Puts what the device saved back into the cache, once per client, however many ask (the flow's one
 * "only once" guard). Route loaders wait for it before they fetch (the router starts them before React
 * first renders), so a cold start offline finds the last listings in the cache at once. Never rejects,
 * and takes at most RESTORE_TIMEOUT_MS.
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
 * Saves the cache on the device from now on, at every change, until the returned function is called: what
 * PersistQueryClientProvider does after its restore, without the provider (whose own restore would let
 * the device's copy replace the page's data: see restoreQueryCache). It also saves at once: a prerendered
 * page arrives with its data and may change nothing after, yet what it showed must be on the device; and
 * data that landed while the restore ran would otherwise wait for the next change. Saves are throttled and
 * take the latest state, so this costs at most one write. In a module of its own that the app loads after
 * it starts, so none of this (nor IndexedDB's wrapper) is in the first route
 * (docs/decisions/009-performance-budgets.md).
 */
export function keepQueryCache(queryClient: QueryClient): () => void {
  const options = {
    queryClient,
    persister: persisterFor(queryClient),
    buster: PERSIST_BUSTER,
    dehydrateOptions,
  }
  const stop = persistQueryClientSubscribe(options)
  void persistQueryClientSave(options)
  return stop
}
