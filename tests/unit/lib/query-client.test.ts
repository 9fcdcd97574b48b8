import { focusManager, QueryObserver, type QueryClient } from '@tanstack/react-query'
import { http, HttpResponse } from 'msw'
import * as v from 'valibot'
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { fetchJson } from '@/lib/api-client'
import { FAILURE_COOLDOWN_MS, makeQueryClient } from '@/lib/query-client'
import { MAX_BACKOFF_MS } from '@/lib/retry-policy'
import { apiRoute, respondWith } from '../../mocks/handlers'
import { requestCount, server } from '../../mocks/server'

const Thing = v.object({ name: v.string() })
const thing = {
  queryKey: ['thing'],
  queryFn: ({ signal }: { signal: AbortSignal }) => fetchJson('thing.json', Thing, signal),
}
const down = (status = 500, headers: Record<string, string> = {}) =>
  server.use(respondWith('thing.json', () => new HttpResponse('down', { status, headers })))
const up = () => server.use(respondWith('thing.json', () => HttpResponse.json({ name: 'x' })))

/** Lets the back-offs of one fetch run out (two retries: under 2 × MAX_BACKOFF_MS), inside the cool-down. */
const waitOutBackoff = () => vi.advanceTimersByTimeAsync(2 * MAX_BACKOFF_MS)

let client: QueryClient
// fetchJson loads its code with the first request, and its bad-status wording with the first bad status:
// load both before the clock is faked.
beforeAll(() => Promise.all([import('@/lib/fetch-json'), import('@/lib/http-error')]))
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  client = makeQueryClient()
  // As QueryClientProvider does: listen to window focus and the network.
  client.mount()
})
afterEach(() => {
  client.unmount()
  client.clear()
  focusManager.setFocused(undefined)
  vi.useRealTimers()
})

describe('the app QueryClient against a failing API', () => {
  test('asks a dead API three times for one fetch, then gives up', async () => {
    down()
    const result = client.fetchQuery(thing).catch((error: unknown) => error)
    await waitOutBackoff()
    expect(await result).toMatchObject({ kind: 'http', status: 500 })
    expect(requestCount('thing.json')).toBe(3)
    await waitOutBackoff()
    expect(requestCount('thing.json')).toBe(3)
  })

  test('recovers by itself from a failure that passes', async () => {
    up()
    server.use(
      http.get(apiRoute('thing.json'), () => new HttpResponse('down', { status: 503 }), {
        once: true,
      }),
    )
    const result = client.fetchQuery(thing)
    await waitOutBackoff()
    await expect(result).resolves.toEqual({ name: 'x' })
    expect(requestCount('thing.json')).toBe(2)
  })

  test('waits for a short Retry-After before asking again', async () => {
    up()
    server.use(
      http.get(
        apiRoute('thing.json'),
        () => new HttpResponse('busy', { status: 429, headers: { 'Retry-After': '3' } }),
        { once: true },
      ),
    )
    const result = client.fetchQuery(thing)
    await vi.advanceTimersByTimeAsync(2_900)
    expect(requestCount('thing.json')).toBe(1)
    await vi.advanceTimersByTimeAsync(400)
    expect(requestCount('thing.json')).toBe(2)
    await expect(result).resolves.toEqual({ name: 'x' })
  })

  test('does not wait out a long Retry-After: one request, and the reader is told', async () => {
    down(503, { 'Retry-After': '600' })
    const result = client.fetchQuery(thing).catch((error: unknown) => error)
    await waitOutBackoff()
    expect(await result).toMatchObject({
      message: 'The newsroom is temporarily unavailable (503). Try again in about 10 minutes.',
    })
    expect(requestCount('thing.json')).toBe(1)
  })

  test('a prefetch asks once, and not again for a while after it failed', async () => {
    down()
    await client.prefetchQuery(thing)
    await waitOutBackoff()
    expect(requestCount('thing.json')).toBe(1)

    await client.prefetchQuery(thing)
    await client.prefetchQuery(thing)
    expect(requestCount('thing.json')).toBe(1)

    await vi.advanceTimersByTimeAsync(FAILURE_COOLDOWN_MS)
    await client.prefetchQuery(thing)
    expect(requestCount('thing.json')).toBe(2)
  })

  test('a prefetch the reader opens while it is in flight gets the usual retries', async () => {
    down()
    const prefetched = client.prefetchQuery(thing)
    // The story's page mounts, showing the query the prefetch is fetching.
    const observer = new QueryObserver(client, thing)
    const unsubscribe = observer.subscribe(() => {})
    await waitOutBackoff()
    await prefetched
    expect(requestCount('thing.json')).toBe(3)
    expect(observer.getCurrentResult().error).toMatchObject({ status: 500 })
    unsubscribe()
  })

  test('a window focus does not re-ask for a query that just failed; later it does', async () => {
    down()
    const observer = new QueryObserver(client, thing)
    const unsubscribe = observer.subscribe(() => {})
    await waitOutBackoff()
    expect(requestCount('thing.json')).toBe(3)

    for (let i = 0; i < 5; i++) {
      focusManager.setFocused(false)
      focusManager.setFocused(true)
    }
    await waitOutBackoff()
    expect(requestCount('thing.json')).toBe(3)

    await vi.advanceTimersByTimeAsync(FAILURE_COOLDOWN_MS)
    up()
    focusManager.setFocused(false)
    focusManager.setFocused(true)
    await waitOutBackoff()
    expect(requestCount('thing.json')).toBe(4)
    expect(observer.getCurrentResult().data).toEqual({ name: 'x' })
    unsubscribe()
  })
})
