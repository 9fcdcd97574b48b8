import { http, HttpResponse } from 'msw'
import * as v from 'valibot'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { apiUrl, fetchJson, REQUEST_TIMEOUT_MS } from '@/lib/api-client'
import { ApiError, isNotFound, LONGEST_RETRY_AFTER_MS } from '@/lib/api-error'
import { parseRetryAfter } from '@/lib/http-error'
import { apiRoute, respondWith } from '../../mocks/handlers'
import { server } from '../../mocks/server'
import { apiFailureOf } from '../../utils/api-failure'

const Thing = v.object({ name: v.string(), tags: v.array(v.object({ slug: v.string() })) })

describe('apiUrl', () => {
  test('resolves API paths inside /api/ on this origin', () => {
    expect(apiUrl('site.json')).toBe(`${window.location.origin}/api/site.json`)
    expect(apiUrl('images/sky-640.webp')).toBe(`${window.location.origin}/api/images/sky-640.webp`)
  })

  test('leaves absolute URLs alone', () => {
    expect(apiUrl('https://cdn.example.org/a.webp')).toBe('https://cdn.example.org/a.webp')
  })
})

describe('fetchJson', () => {
  test('returns the parsed body, asking for JSON', async () => {
    let accept: string | null = null
    server.use(
      respondWith('thing.json', ({ request }) => {
        accept = request.headers.get('Accept')
        return HttpResponse.json({ name: 'x', tags: [{ slug: 'a' }], extra: true })
      }),
    )

    await expect(fetchJson('thing.json', Thing)).resolves.toEqual({
      name: 'x',
      tags: [{ slug: 'a' }],
    })
    expect(accept).toBe('application/json')
  })

  test.each([404, 410])('a %i is not-found', async (status) => {
    server.use(respondWith('thing.json', () => HttpResponse.json({}, { status })))

    const error = await apiFailureOf(fetchJson('thing.json', Thing))
    expect(error).toMatchObject({ kind: 'not-found', status, url: apiUrl('thing.json') })
    expect(error.message).toBe('This page does not exist.')
    expect(isNotFound(error)).toBe(true)
  })

  test('a missing file in the real API is not-found', async () => {
    const error = await apiFailureOf(fetchJson('articles/nope.json', Thing))
    expect(error.kind).toBe('not-found')
  })

  test.each([500, 502, 403])('a %i is an http error that names the status', async (status) => {
    server.use(respondWith('thing.json', () => new HttpResponse('oops', { status })))

    const error = await apiFailureOf(fetchJson('thing.json', Thing))
    expect(error).toMatchObject({ kind: 'http', status })
    expect(error.message).toBe(`The newsroom's server answered with an error (${status}).`)
    expect(isNotFound(error)).toBe(false)
  })

  test('no answer is a network error', async () => {
    server.use(respondWith('thing.json', () => HttpResponse.error()))

    const error = await apiFailureOf(fetchJson('thing.json', Thing))
    expect(error.kind).toBe('network')
    expect(error.message).toBe('The newsroom could not be reached. Check your connection.')
  })

  test.each([
    ['a cut-off body', '{"name": "x", "ta', 'application/json'],
    ['an HTML fallback page', '<!doctype html><html></html>', 'text/html'],
    ['an empty body', '', 'application/json'],
  ])('%s is invalid', async (_, body, type) => {
    server.use(
      respondWith(
        'thing.json',
        () => new HttpResponse(body, { headers: { 'Content-Type': type } }),
      ),
    )

    const error = await apiFailureOf(fetchJson('thing.json', Thing))
    expect(error.kind).toBe('invalid')
    expect(error.message).toBe('The newsroom sent something that is not valid data.')
  })

  test('JSON of the wrong shape is invalid, and says where', async () => {
    server.use(
      respondWith('thing.json', () => HttpResponse.json({ name: 'x', tags: [{ slug: 7 }] })),
    )

    const error = await apiFailureOf(fetchJson('thing.json', Thing))
    expect(error.kind).toBe('invalid')
    expect(error.message).toMatch(
      /^The newsroom sent data in an unexpected shape \(tags\.0\.slug: Invalid type: Expected string but received 7\)\.$/,
    )
  })

  test('a response that is not even an object is invalid', async () => {
    server.use(respondWith('thing.json', () => HttpResponse.json(null)))

    const error = await apiFailureOf(fetchJson('thing.json', Thing))
    expect(error.message).toMatch(/unexpected shape \(the response: /)
  })

  test('an aborted request rejects with the abort, not an ApiError', async () => {
    const controller = new AbortController()
    // Never answers: the request ends only by being aborted.
    const requested = silentServer()

    const pending = fetchJson('thing.json', Thing, controller.signal)
    await requested
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    await expect(pending).rejects.not.toBeInstanceOf(ApiError)
  })
})

/** A handler that never answers, and a promise of the moment the request reaches it. */
function silentServer() {
  let arrived!: () => void
  const requested = new Promise<void>((resolve) => (arrived = resolve))
  server.use(
    http.get(apiRoute('thing.json'), async () => {
      arrived()
      await new Promise(() => {})
    }),
  )
  return requested
}

describe('fetchJson timeout', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  test('abandons a request with no answer after REQUEST_TIMEOUT_MS, and says so', async () => {
    expect(REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(15_000)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const requested = silentServer()
    const pending = apiFailureOf(fetchJson('thing.json', Thing))
    await requested
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1)
    let settled = false
    void pending.then(() => (settled = true))
    await vi.advanceTimersByTimeAsync(0)
    expect(settled).toBe(false)

    await vi.advanceTimersByTimeAsync(1)
    const error = await pending
    expect(error).toMatchObject({ kind: 'timeout', url: apiUrl('thing.json') })
    expect(error.message).toBe('The newsroom is taking too long to answer.')
  })

  test("a cancellation by the caller is the caller's abort, even after the timeout is armed", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const requested = silentServer()
    const controller = new AbortController()
    const pending = fetchJson('thing.json', Thing, controller.signal)
    await requested
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })

  test('an answer in time clears the timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    server.use(respondWith('thing.json', () => HttpResponse.json({ name: 'x', tags: [] })))
    await expect(fetchJson('thing.json', Thing)).resolves.toEqual({ name: 'x', tags: [] })
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('Retry-After', () => {
  test('parses seconds and HTTP dates, and ignores anything else', () => {
    const now = Date.parse('2026-01-01T12:00:00Z')
    expect(parseRetryAfter('120', now)).toBe(120_000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:01:30 GMT', now)).toBe(90_000)
    // A date already past means "now".
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter('-5', now)).toBeUndefined()
  })

  test.each([429, 503])('a %i carries the wait the server asked for', async (status) => {
    server.use(
      respondWith(
        'thing.json',
        () => new HttpResponse('busy', { status, headers: { 'Retry-After': '2' } }),
      ),
    )
    const error = await apiFailureOf(fetchJson('thing.json', Thing))
    expect(error).toMatchObject({ kind: 'http', status, retryAfterMs: 2_000 })
    // Short enough for the app to wait out by itself: no time in the message.
    expect(error.message).not.toMatch(/Try again/)
  })

  test('a wait too long to make tells the reader when to come back', async () => {
    expect(LONGEST_RETRY_AFTER_MS).toBeLessThan(120_000)
    server.use(
      respondWith(
        'thing.json',
        () => new HttpResponse('busy', { status: 429, headers: { 'Retry-After': '120' } }),
      ),
    )
    const error = await apiFailureOf(fetchJson('thing.json', Thing))
    expect(error.message).toBe(
      'The newsroom is busy right now (429). Try again in about 2 minutes.',
    )
  })

  test('a 503 says the newsroom is unavailable, with an HTTP-date Retry-After', async () => {
    const later = new Date(Date.now() + 45_000).toUTCString()
    server.use(
      respondWith(
        'thing.json',
        () => new HttpResponse('down', { status: 503, headers: { 'Retry-After': later } }),
      ),
    )
    const error = await apiFailureOf(fetchJson('thing.json', Thing))
    expect(error.message).toMatch(
      /^The newsroom is temporarily unavailable \(503\)\. Try again in (4[0-5]) seconds\.$/,
    )
  })

  test('is ignored on other statuses', async () => {
    server.use(
      respondWith(
        'thing.json',
        () => new HttpResponse('oops', { status: 500, headers: { 'Retry-After': '120' } }),
      ),
    )
    const error = await apiFailureOf(fetchJson('thing.json', Thing))
    expect(error.retryAfterMs).toBeUndefined()
  })
})

describe('a body that fails to arrive', () => {
  test('a connection dropped half-way is a network error (worth retrying), not bad data', async () => {
    server.use(
      respondWith('thing.json', () => {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"name": "x", "ta'))
            controller.error(new TypeError('network error'))
          },
        })
        return new HttpResponse(stream, { headers: { 'Content-Type': 'application/json' } })
      }),
    )
    const error = await apiFailureOf(fetchJson('thing.json', Thing))
    expect(error.kind).toBe('network')
  })
})
