import { dehydrate, onlineManager, type QueryClient } from '@tanstack/react-query'
import type { PersistedClient } from '@tanstack/react-query-persist-client'
import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, onTestFinished, test, vi } from 'vitest'
import { getListingPage } from '@/features/articles/api/fetch-listing'
import { listingQueryOptions } from '@/features/articles/api/get-listing'
import { articleKeys } from '@/features/articles/api/keys'
import { keepQueryCache, restoreQueryCache } from '@/features/pwa/api/device-cache'
import {
  forStorage,
  MAX_PERSISTED_QUERIES,
  PERSIST_BUSTER,
  RESTORE_TIMEOUT_MS,
} from '@/features/pwa/api/query-persister'
import { getSite, siteKeys } from '@/features/site/api/get-site'
import { CACHE_MAX_AGE } from '@/lib/query-client'
import { outage, respondWith } from '../../../mocks/handlers'
import { requestCount, server } from '../../../mocks/server'
import { listedHeadlines } from '../../../utils/queries'
import { makeTestQueryClient } from '../../../utils/query-client'
import { renderApp } from '../../../utils/render-app'

/** IndexedDB as idb-keyval sees it: a map, whose every call a test can replace. */
const idb = vi.hoisted(() => ({
  entries: new Map<IDBValidKey, unknown>(),
  createStore: vi.fn(),
  get: vi.fn(),
  set: vi.fn(),
  del: vi.fn(),
}))
vi.mock('idb-keyval', () => ({
  createStore: (...args: unknown[]) => idb.createStore(...args),
  get: (...args: unknown[]) => idb.get(...args),
  set: (...args: unknown[]) => idb.set(...args),
  del: (...args: unknown[]) => idb.del(...args),
}))

const KEY = 'query-client'
/** The stores (databases) opened in this test: saves from an earlier test's app may still land. */
let stores: unknown[] = []
const writesInThisTest = () => idb.set.mock.calls.filter(([, , store]) => stores.includes(store))
const LATEST = articleKeys.list({ kind: 'latest' }, 1)

beforeEach(() => {
  idb.entries.clear()
  for (const fn of [idb.createStore, idb.get, idb.set, idb.del]) fn.mockReset()
  stores = []
  idb.createStore.mockImplementation(() => {
    const store = () => {}
    stores.push(store)
    return store
  })
  idb.get.mockImplementation(async (key: IDBValidKey) => idb.entries.get(key))
  idb.set.mockImplementation(async (key: IDBValidKey, value: unknown) => {
    idb.entries.set(key, value)
  })
  idb.del.mockImplementation(async (key: IDBValidKey) => {
    idb.entries.delete(key)
  })
  // jsdom has no IndexedDB; idb-keyval is mocked, the persister only checks that there is one.
  vi.stubGlobal('indexedDB', {})
})

afterEach(() => {
  act(() => onlineManager.setOnline(true))
  vi.unstubAllGlobals()
})

/** The app as main.tsx starts it: the route tree inside AppProviders (persistence included). */
const startApp = (url = '/', queryClient: QueryClient = makeTestQueryClient()) =>
  renderApp(url, { queryClient, withAppProviders: true })

const saved = () => {
  const raw = idb.entries.get(KEY)
  return typeof raw === 'string' ? (JSON.parse(raw) as PersistedClient) : undefined
}
const savedKeys = () => saved()?.clientState.queries.map((q) => JSON.stringify(q.queryKey)) ?? []

/** An entry as the app writes it, holding the latest stories (fetched from the fixture API). */
async function savedEntry(overrides: Partial<PersistedClient> = {}): Promise<string> {
  const client = makeTestQueryClient()
  await client.fetchQuery(listingQueryOptions({ kind: 'latest' }, 1))
  const entry: PersistedClient = {
    buster: PERSIST_BUSTER,
    timestamp: Date.now(),
    clientState: dehydrate(client),
    ...overrides,
  }
  client.clear()
  return JSON.stringify(entry)
}

const unreachable = (file: string) => respondWith(file, () => HttpResponse.error())

async function expectLatestStories() {
  expect(await screen.findByRole('heading', { level: 1, name: 'Latest stories' })).toBeVisible()
  expect(listedHeadlines()).toEqual(['The third story', 'The second story'])
}

describe('the query cache on the device', () => {
  test('is saved as the reader reads, with successful queries only', async () => {
    server.use(outage('site.json').handler)
    startApp('/')
    await expectLatestStories()

    await waitFor(() => expect(savedKeys()).toContain(JSON.stringify(LATEST)))
    expect(savedKeys()).not.toContain(JSON.stringify(siteKeys.index()))
    expect(saved()?.buster).toBe(PERSIST_BUSTER)
    expect(saved()?.clientState.queries.every((q) => q.state.status === 'success')).toBe(true)
  })

  test('saves what a page arrived with (a prerendered one), even if nothing changes after', async () => {
    const queryClient = makeTestQueryClient()
    // As the page's own data block fills the cache before the app starts.
    queryClient.setQueryData(LATEST, await getListingPage({ kind: 'latest' }, 1))
    queryClient.setQueryData(siteKeys.index(), await getSite())
    const requested = requestCount('lists/latest/1.json')
    startApp('/', queryClient)
    await expectLatestStories()

    await waitFor(() => expect(savedKeys()).toContain(JSON.stringify(LATEST)))
    expect(requestCount('lists/latest/1.json')).toBe(requested)
  })

  test('brings the last listings back on a cold start, before any request, even offline', async () => {
    startApp('/')
    await expectLatestStories()
    // Saves are at most one a second: wait for the one holding both queries.
    await waitFor(
      () =>
        expect(savedKeys()).toEqual(
          expect.arrayContaining([JSON.stringify(LATEST), JSON.stringify(siteKeys.index())]),
        ),
      { timeout: 3_000 },
    )
    cleanup()
    expect(requestCount('lists/latest/1.json')).toBe(1)

    // A new start, with no network at all.
    server.use(unreachable('lists/latest/1.json'), unreachable('site.json'))
    act(() => onlineManager.setOnline(false))
    startApp('/')

    await expectLatestStories()
    expect(requestCount('lists/latest/1.json')).toBe(1)
    expect(screen.getByRole('navigation', { name: 'Sections' })).toHaveTextContent('World')
  })

  test('shows what it restores at once, then refreshes it when online, however recently it was fetched', async () => {
    startApp('/')
    await expectLatestStories()
    await waitFor(() => expect(savedKeys()).toContain(JSON.stringify(LATEST)), { timeout: 3_000 })
    cleanup()
    expect(requestCount('lists/latest/1.json')).toBe(1)

    // A new start moments later (well within the listing's staleTime), online: perhaps a new release.
    const queryClient = makeTestQueryClient()
    await restoreQueryCache(queryClient)
    expect(queryClient.getQueryData(LATEST)).toBeDefined()
    expect(queryClient.getQueryState(LATEST)?.isInvalidated).toBe(true)
    startApp('/', queryClient)
    await expectLatestStories()
    // (StrictMode's second mount may abort the first refresh and start it again: at least one, then.)
    await waitFor(() => expect(requestCount('lists/latest/1.json')).toBeGreaterThanOrEqual(2))
  })

  test('is read once per start, though the route loaders and the providers each wait for it', async () => {
    idb.entries.set(KEY, await savedEntry())
    startApp('/')
    await expectLatestStories()
    // The providers' restore (after the first render, once idle) has run too: saving has begun.
    await waitFor(() => expect(writesInThisTest().length).toBeGreaterThan(0), { timeout: 3_000 })

    expect(idb.get.mock.calls.filter(([, store]) => stores.includes(store))).toHaveLength(1)
  })

  test('keeps data that arrived between the restore and the start of saving', async () => {
    const queryClient = makeTestQueryClient()
    await restoreQueryCache(queryClient)
    // The first page's data lands while the provider re-renders and loads the code that saves.
    queryClient.setQueryData(LATEST, await getListingPage({ kind: 'latest' }, 1))
    onTestFinished(keepQueryCache(queryClient))

    // Nothing changes after this: it must be saved all the same.
    await waitFor(() => expect(savedKeys()).toContain(JSON.stringify(LATEST)), { timeout: 3_000 })
  })

  test('fills only what the page does not already hold', async () => {
    const queryClient = makeTestQueryClient()
    const fromPage = await getListingPage({ kind: 'latest' }, 1)
    const pageCopy = { ...fromPage, total: 99 }
    queryClient.setQueryData(LATEST, pageCopy, { updatedAt: Date.now() - 3_600_000 })
    const entry = JSON.parse(await savedEntry()) as PersistedClient
    entry.clientState.queries.push({
      ...entry.clientState.queries[0]!,
      queryKey: articleKeys.list({ kind: 'latest' }, 2),
      queryHash: JSON.stringify(articleKeys.list({ kind: 'latest' }, 2)),
    })
    idb.entries.set(KEY, JSON.stringify(entry))

    await restoreQueryCache(queryClient)

    // The device's copy is newer, but the page's own data (a prerendered page's, say) wins.
    expect(queryClient.getQueryData(LATEST)).toBe(pageCopy)
    expect(queryClient.getQueryData(articleKeys.list({ kind: 'latest' }, 2))).toBeDefined()
  })
})

describe('when storage fails, the app starts and works without it', () => {
  test('IndexedDB unavailable (opening it throws)', async () => {
    idb.createStore.mockImplementation(() => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError')
    })
    startApp('/')

    await expectLatestStories()
    expect(requestCount('lists/latest/1.json')).toBe(1)
    // After the first failure it stops trying: no save opens the database again.
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))
    expect(idb.createStore).toHaveBeenCalledTimes(1)
  })

  test('IndexedDB failing to read', async () => {
    idb.get.mockRejectedValue(
      new DOMException('Connection to Indexed Database server lost', 'UnknownError'),
    )
    startApp('/')

    await expectLatestStories()
  })

  test('a full disk when saving', async () => {
    idb.set.mockRejectedValue(new DOMException('Quota exceeded', 'QuotaExceededError'))
    startApp('/')

    await expectLatestStories()
    // It tried, and gave up quietly.
    await waitFor(() => expect(writesInThisTest().length).toBeGreaterThan(0), { timeout: 3_000 })
  })

  test('a full disk: it gives up after a few attempts, and writes nothing more that visit', async () => {
    idb.set.mockRejectedValue(new DOMException('Quota exceeded', 'QuotaExceededError'))
    const queryClient = makeTestQueryClient()
    const entry = JSON.parse(await savedEntry()) as PersistedClient
    const template = entry.clientState.queries[0]!
    // 64 queries in the cache: one attempt per query would be 65 writes, halving is 8.
    for (let page = 1; page <= 64; page++) {
      queryClient.setQueryData(articleKeys.list({ kind: 'latest' }, page), template.state.data)
    }
    await restoreQueryCache(queryClient)
    onTestFinished(keepQueryCache(queryClient))

    await waitFor(() => expect(writesInThisTest()).toHaveLength(8), { timeout: 3_000 })
    // Payloads shrink by half each time, down to an empty cache.
    const sizes = writesInThisTest().map(
      ([, raw]) => (JSON.parse(raw as string) as PersistedClient).clientState.queries.length,
    )
    expect(sizes).toEqual([64, 32, 16, 8, 4, 2, 1, 0])

    // More reading does not try again: the disk is full, and each attempt serialises everything.
    queryClient.setQueryData(articleKeys.list({ kind: 'latest' }, 65), template.state.data)
    await act(() => new Promise((resolve) => setTimeout(resolve, 1_200)))
    expect(writesInThisTest()).toHaveLength(8)
  })

  test('a full disk that has room for the newest half keeps the newest half', async () => {
    const queryClient = makeTestQueryClient()
    const entry = JSON.parse(await savedEntry()) as PersistedClient
    const data = entry.clientState.queries[0]!.state.data
    for (let page = 1; page <= 4; page++) {
      queryClient.setQueryData(articleKeys.list({ kind: 'latest' }, page), data, {
        updatedAt: Date.now() - (10 - page) * 1_000,
      })
    }
    idb.set.mockImplementation(async (key: IDBValidKey, value: string) => {
      if ((JSON.parse(value) as PersistedClient).clientState.queries.length > 2)
        throw new DOMException('Quota exceeded', 'QuotaExceededError')
      idb.entries.set(key, value)
    })
    await restoreQueryCache(queryClient)
    onTestFinished(keepQueryCache(queryClient))

    await waitFor(() => expect(savedKeys()).toHaveLength(2))
    expect(savedKeys()).toEqual(
      [4, 3].map((page) => JSON.stringify(articleKeys.list({ kind: 'latest' }, page))),
    )
  })

  test('a corrupt entry, which is removed', async () => {
    idb.entries.set(KEY, '{"buster": "newsroom-q')
    startApp('/')

    await expectLatestStories()
    expect(requestCount('lists/latest/1.json')).toBe(1)
    expect(idb.del).toHaveBeenCalledWith(KEY, expect.anything())
  })

  test('an entry of the wrong shape, which is removed', async () => {
    idb.entries.set(KEY, JSON.stringify({ clientState: 'nonsense', timestamp: 'yesterday' }))
    startApp('/')

    await expectLatestStories()
    expect(idb.del).toHaveBeenCalledWith(KEY, expect.anything())
  })

  test('an entry in an old format (another buster), which is discarded', async () => {
    idb.entries.set(KEY, await savedEntry({ buster: 'newsroom-queries-0' }))
    startApp('/')

    await expectLatestStories()
    // Fetched, not restored.
    expect(requestCount('lists/latest/1.json')).toBe(2)
    expect(idb.del).toHaveBeenCalledWith(KEY, expect.anything())
  })

  test('an entry older than the cache may be, which is discarded', async () => {
    idb.entries.set(KEY, await savedEntry({ timestamp: Date.now() - CACHE_MAX_AGE - 60_000 }))
    startApp('/')

    await expectLatestStories()
    expect(requestCount('lists/latest/1.json')).toBe(2)
    expect(idb.del).toHaveBeenCalled()
  })

  test('IndexedDB that never answers holds the start for a moment at most', async () => {
    idb.get.mockImplementation(() => new Promise(() => {}))
    const started = Date.now()
    startApp('/')

    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toBeVisible(), {
      timeout: RESTORE_TIMEOUT_MS + 2_000,
    })
    await expectLatestStories()
    expect(Date.now() - started).toBeGreaterThanOrEqual(RESTORE_TIMEOUT_MS - 50)
    // And it does not write to a database that does not answer.
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))
    expect(stores).toHaveLength(1)
    expect(writesInThisTest()).toEqual([])
  })
})

describe('forStorage: what is written', () => {
  const now = Date.UTC(2025, 5, 1)
  const query = (
    id: string,
    state: Partial<PersistedClient['clientState']['queries'][0]['state']>,
  ) => ({
    queryKey: ['q', id],
    queryHash: `["q","${id}"]`,
    dehydratedAt: now,
    state: {
      data: { id },
      dataUpdateCount: 1,
      dataUpdatedAt: now - 1_000,
      error: null,
      errorUpdateCount: 0,
      errorUpdatedAt: 0,
      fetchFailureCount: 0,
      fetchFailureReason: null,
      fetchMeta: null,
      isInvalidated: false,
      status: 'success' as const,
      fetchStatus: 'idle' as const,
      ...state,
    },
  })
  const client = (queries: ReturnType<typeof query>[]): PersistedClient => ({
    buster: PERSIST_BUSTER,
    timestamp: now,
    clientState: { mutations: [], queries },
  })
  const ids = (c: PersistedClient) => c.clientState.queries.map((q) => q.queryKey[1])

  test('keeps the last good data of a refresh that failed, as a success', () => {
    const written = forStorage(
      client([query('a', { status: 'error', error: new Error('offline'), fetchFailureCount: 1 })]),
      now,
    )
    expect(written.clientState.queries[0]?.state).toMatchObject({
      status: 'success',
      error: null,
      fetchFailureCount: 0,
      data: { id: 'a' },
    })
  })

  test('leaves out queries without data, and data older than the cache may be', () => {
    const written = forStorage(
      client([
        query('no-data', { data: undefined, dataUpdatedAt: 0, status: 'error' }),
        query('old', { dataUpdatedAt: now - CACHE_MAX_AGE - 1 }),
        query('fresh', {}),
      ]),
      now,
    )
    expect(ids(written)).toEqual(['fresh'])
  })

  test(`keeps at most ${MAX_PERSISTED_QUERIES} queries, the most recently updated`, () => {
    const many = Array.from({ length: MAX_PERSISTED_QUERIES + 5 }, (_, i) =>
      query(String(i), { dataUpdatedAt: now - i * 1_000 }),
    )
    const written = forStorage(client(many), now)
    expect(written.clientState.queries).toHaveLength(MAX_PERSISTED_QUERIES)
    expect(ids(written)[0]).toBe('0')
    expect(ids(written)).not.toContain(String(MAX_PERSISTED_QUERIES))
  })
})
