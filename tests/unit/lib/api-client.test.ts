import { http, HttpResponse } from 'msw'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { ApiError, apiUrl, fetchJson, isNotFound } from '@/lib/api-client'
import { apiRoute, respondWith } from '../../mocks/handlers'
import { server } from '../../mocks/server'

const Thing = v.object({ name: v.string(), tags: v.array(v.object({ slug: v.string() })) })

/** fetchJson's rejection, for checking what kind of ApiError it is. */
async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

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

    const error = await failureOf(fetchJson('thing.json', Thing))
    expect(error).toMatchObject({ kind: 'not-found', status, url: apiUrl('thing.json') })
    expect(error.message).toBe('This page does not exist.')
    expect(isNotFound(error)).toBe(true)
  })

  test('a missing file in the real API is not-found', async () => {
    const error = await failureOf(fetchJson('articles/nope.json', Thing))
    expect(error.kind).toBe('not-found')
  })

  test.each([500, 503, 403])('a %i is an http error that names the status', async (status) => {
    server.use(respondWith('thing.json', () => new HttpResponse('oops', { status })))

    const error = await failureOf(fetchJson('thing.json', Thing))
    expect(error).toMatchObject({ kind: 'http', status })
    expect(error.message).toBe(`The newsroom's server answered with an error (${status}).`)
    expect(isNotFound(error)).toBe(false)
  })

  test('no answer is a network error', async () => {
    server.use(respondWith('thing.json', () => HttpResponse.error()))

    const error = await failureOf(fetchJson('thing.json', Thing))
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

    const error = await failureOf(fetchJson('thing.json', Thing))
    expect(error.kind).toBe('invalid')
    expect(error.message).toBe('The newsroom sent something that is not valid data.')
  })

  test('JSON of the wrong shape is invalid, and says where', async () => {
    server.use(
      respondWith('thing.json', () => HttpResponse.json({ name: 'x', tags: [{ slug: 7 }] })),
    )

    const error = await failureOf(fetchJson('thing.json', Thing))
    expect(error.kind).toBe('invalid')
    expect(error.message).toMatch(
      /^The newsroom sent data in an unexpected shape \(tags\.0\.slug: Invalid type: Expected string but received 7\)\.$/,
    )
  })

  test('a response that is not even an object is invalid', async () => {
    server.use(respondWith('thing.json', () => HttpResponse.json(null)))

    const error = await failureOf(fetchJson('thing.json', Thing))
    expect(error.message).toMatch(/unexpected shape \(the response: /)
  })

  test('an aborted request rejects with the abort, not an ApiError', async () => {
    const controller = new AbortController()
    let arrived!: () => void
    const requested = new Promise<void>((resolve) => (arrived = resolve))
    server.use(
      http.get(apiRoute('thing.json'), async () => {
        arrived()
        // Never answers: the request ends only by being aborted.
        await new Promise(() => {})
      }),
    )

    const pending = fetchJson('thing.json', Thing, controller.signal)
    await requested
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    await expect(pending).rejects.not.toBeInstanceOf(ApiError)
  })
})
