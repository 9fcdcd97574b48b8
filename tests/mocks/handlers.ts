import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { http, HttpResponse, type DefaultBodyType, type HttpResponseResolver } from 'msw'
import { inject } from 'vitest'

/** Every request the app makes goes to `<origin>/api/<path>`; handlers match any origin. */
const API_PATTERN = '*/api/*'

/** The URL pattern of one API file, as the app requests it (`articles/first-story.json`). */
export const apiRoute = (file: string) => `*/api/${file}`

const notFound = (pathname: string) =>
  HttpResponse.json({ error: 'not_found', path: pathname }, { status: 404 })

/** Serves the fixture API built by the global setup, answering a missing file with 404 JSON as the host does. */
export const fixtureApi = http.get(API_PATTERN, async ({ request }) => {
  const root = inject('fixtureApiDir')
  const { pathname } = new URL(request.url)
  const relative = decodeURIComponent(pathname.slice(pathname.indexOf('/api/') + '/api/'.length))
  const file = path.resolve(root, relative)
  if (!file.startsWith(root + path.sep)) return notFound(pathname)
  try {
    const body = await readFile(file)
    const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream'
    return new HttpResponse(body, { headers: { 'Content-Type': type } })
  } catch {
    return notFound(pathname)
  }
})

export const handlers = [fixtureApi]

/** Answers one API file with a server error, once: the next request reaches the fixture API. */
export const serverErrorOnce = (file: string, status = 500) =>
  http.get(apiRoute(file), () => new HttpResponse('Internal Server Error', { status }), {
    once: true,
  })

/** Answers one API file with this resolver, every time. */
export const respondWith = (file: string, resolver: HttpResponseResolver) =>
  http.get(apiRoute(file), resolver)

/** Answers one API file with this JSON body (status 200 unless told). */
export const respondWithJson = (file: string, body: DefaultBodyType, status = 200) =>
  http.get(apiRoute(file), () => HttpResponse.json(body, { status }))

/**
 * Holds every request for an API file until `release()`, then lets it through to the fixture API:
 * a loading state that lasts exactly as long as the test wants, with no timers.
 */
export function held(file: string) {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  const handler = http.get(apiRoute(file), async () => {
    await gate
    // Returning nothing hands the request on to the next handler: the fixture API.
  })
  return { handler, release }
}

/** Fails every request for an API file with a 500 until `end()`, then lets requests through. */
export function outage(file: string) {
  let active = true
  const handler = http.get(apiRoute(file), () =>
    active ? new HttpResponse('Service Unavailable', { status: 503 }) : undefined,
  )
  return {
    handler,
    end: () => {
      active = false
    },
  }
}

/**
 * Serves a fixture story as an API that computes no related stories would (docs/api.md: `related` is
 * optional): the article without `related`, so the box below it falls back to the section's stories.
 */
export const withoutRelated = (slug: string) =>
  http.get(apiRoute(`articles/${slug}.json`), async () => {
    const file = path.join(inject('fixtureApiDir'), 'articles', `${slug}.json`)
    const article = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    delete article.related
    return HttpResponse.json(article)
  })
