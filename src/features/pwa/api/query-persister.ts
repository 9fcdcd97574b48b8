import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister'
import type { PersistedClient, Persister } from '@tanstack/react-query-persist-client'
import { createStore, del, get, set, type UseStore } from 'idb-keyval'
import { isRecord } from '@/lib/guards'
import { CACHE_MAX_AGE } from '@/lib/query-client'

/**
 * Where the query cache lives on the device, and the rules for what it may hold. Storage is a nicety:
 * whatever goes wrong with it (no IndexedDB, a full disk, a corrupt or old entry, a database that never
 * answers), the app starts and works, only without what it had saved.
 */

/**
 * An entry saved under another buster is discarded. It carries a fingerprint of the API schemas
 * (vite.config.ts), so a release whose data has another shape never restores the old one; bump the number
 * when anything else about what is saved changes.
 */
export const PERSIST_BUSTER = `newsroom-queries-1-${import.meta.env.VITE_DATA_SCHEMA}`
/** How long a cold start waits for IndexedDB before it goes on without it. */
export const RESTORE_TIMEOUT_MS = 1_000
/** At most this many queries are kept on the device, the most recently updated first. */
export const MAX_PERSISTED_QUERIES = 500

const DATABASE = 'newsroom'
const STORE = 'query-cache'
const KEY = 'query-client'

/**
 * A persister on IndexedDB (idb-keyval) that never throws and never hangs: a restore that fails, times
 * out or finds something it cannot use returns nothing, and after a storage failure it stops writing for
 * the rest of the session.
 */
export function createDevicePersister(): Persister {
  let disabled = typeof indexedDB === 'undefined'
  let store: UseStore | undefined
  // Opening the database throws at once where IndexedDB is blocked; inside a promise that is a rejection.
  const idbStore = (): UseStore => (store ??= createStore(DATABASE, STORE))

  const base = createAsyncStoragePersister({
    storage: {
      getItem: async (key) => (await get<unknown>(key, idbStore())) as string | null | undefined,
      setItem: (key, value) => set(key, value, idbStore()),
      removeItem: (key) => del(key, idbStore()),
    },
    key: KEY,
    serialize: (client) => {
      // A save queued before storage was given up on: skip the work (serialising is the costly part).
      if (disabled) throw new StorageDisabled()
      return JSON.stringify(forStorage(client, Date.now()))
    },
    deserialize: (text) => {
      if (typeof text !== 'string') throw new CorruptEntry()
      try {
        return JSON.parse(text) as PersistedClient
      } catch {
        throw new CorruptEntry()
      }
    },
    retry: ({ persistedClient, error }) => {
      const smaller = isQuotaError(error) ? withoutOldestHalf(persistedClient) : undefined
      // Nothing fits, or storage failed some other way that less data will not mend: stop writing for
      // this visit rather than serialise the whole cache again on every change.
      if (!smaller) disabled = true
      return smaller
    },
  })

  const remove = async () => {
    try {
      await base.removeClient()
    } catch {
      // Nothing to clean up with, then.
    }
  }

  return {
    persistClient: async (client) => {
      if (disabled) return
      try {
        await base.persistClient(client)
      } catch {
        // Saving is best effort; the reader loses nothing but the offline copy.
      }
    },
    restoreClient: async () => {
      if (disabled) return undefined
      try {
        const restored = await withTimeout(
          Promise.resolve(base.restoreClient()),
          RESTORE_TIMEOUT_MS,
        )
        if (restored === TIMED_OUT) {
          disabled = true
          return undefined
        }
        if (restored === undefined) return undefined
        const client = validClient(restored)
        if (!client) void remove()
        return client
      } catch (error) {
        if (error instanceof CorruptEntry) void remove()
        else disabled = true
        return undefined
      }
    },
    removeClient: remove,
  }
}

class CorruptEntry extends Error {}
class StorageDisabled extends Error {}

const isQuotaError = (error: unknown) =>
  error instanceof DOMException &&
  (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED')

/**
 * A full disk: keep the newest half of the queries and try again. Each attempt serialises the whole
 * cache, so halving needs about ten attempts for 500 queries where dropping one at a time (TanStack's
 * removeOldestQuery) needs up to 500. None left: nothing to try.
 */
export function withoutOldestHalf(client: PersistedClient): PersistedClient | undefined {
  const { queries } = client.clientState
  if (queries.length === 0) return undefined
  const newest = [...queries]
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)
    .slice(0, Math.floor(queries.length / 2))
  return { ...client, clientState: { ...client.clientState, queries: newest } }
}

const TIMED_OUT = Symbol('timed out')

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

type PersistedQuery = PersistedClient['clientState']['queries'][number]

/**
 * What is written: only queries holding data from a successful fetch, each as a success (a refresh that
 * failed offline keeps its last good data, not the error), nothing older than CACHE_MAX_AGE, and at most
 * MAX_PERSISTED_QUERIES of them, the newest first.
 */
export function forStorage(client: PersistedClient, now: number): PersistedClient {
  const queries = client.clientState.queries
    .filter(
      (query) =>
        query.state.data !== undefined &&
        query.state.dataUpdatedAt > 0 &&
        now - query.state.dataUpdatedAt <= CACHE_MAX_AGE,
    )
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)
    .slice(0, MAX_PERSISTED_QUERIES)
    .map((query): PersistedQuery => ({
      ...query,
      state: {
        ...query.state,
        status: 'success',
        fetchStatus: 'idle',
        error: null,
        fetchFailureCount: 0,
        fetchFailureReason: null,
        isInvalidated: false,
      },
    }))
  return { ...client, clientState: { mutations: [], queries } }
}

/** The entry as TanStack Query can hydrate it, keeping only well-formed successful queries; else none. */
function validClient(value: unknown): PersistedClient | undefined {
  if (!isRecord(value) || typeof value.timestamp !== 'number' || typeof value.buster !== 'string')
    return undefined
  const state = value.clientState
  if (!isRecord(state) || !Array.isArray(state.queries)) return undefined
  const queries = state.queries.filter(
    (query): query is PersistedQuery =>
      isRecord(query) &&
      Array.isArray(query.queryKey) &&
      typeof query.queryHash === 'string' &&
      isRecord(query.state) &&
      query.state.status === 'success' &&
      query.state.data !== undefined &&
      typeof query.state.dataUpdatedAt === 'number',
  )
  return {
    timestamp: value.timestamp,
    buster: value.buster,
    clientState: { mutations: [], queries },
  }
}
