import type { GenericSchema, InferOutput } from 'valibot'
import { env } from '@/config/env'
import {
  NEWSROOM_TOO_SLOW,
  NEWSROOM_UNREACHABLE,
  newsroomHttpError,
  NOT_VALID_DATA,
  PAGE_DOES_NOT_EXIST,
  unexpectedShape,
} from '@/i18n'

/** What went wrong with a request, in words a reader can act on. */
export type ApiErrorKind = 'not-found' | 'http' | 'network' | 'timeout' | 'invalid'

export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly url: string,
    readonly status?: number,
    /** How long the server asked us to wait before asking again (its Retry-After), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message)
  }
}

/**
 * How long one request may take, answer and body, before it is abandoned: the API's files are small and
 * static, so a server that has sent nothing in 10 s is stuck, and a reader should not wait longer to hear
 * it (docs/decisions/003-query-defaults.md).
 */
export const REQUEST_TIMEOUT_MS = 10_000

/** The longest Retry-After the app waits out by itself; a longer one is told to the reader instead. */
export const LONGEST_RETRY_AFTER_MS = 5_000

export const isNotFound = (error: unknown): boolean =>
  error instanceof ApiError && error.kind === 'not-found'

/** Resolves a path from the API (an endpoint, an image) against the configured base URL. */
export function apiUrl(path: string): string {
  return new URL(path, env.apiBaseUrl).href
}

/**
 * An API URL to put in markup (an image's `src`): root-relative (`/api/images/…`) when the API is on the
 * site's own origin, so HTML prerendered at build time and the browser's render agree whatever host
 * serves the page; absolute for an API elsewhere.
 */
export function apiHref(path: string): string {
  const url = new URL(path, env.apiBaseUrl)
  return url.origin === env.siteUrl.origin ? url.pathname + url.search + url.hash : url.href
}

type Transport = (url: string, init: RequestInit) => Promise<Response>

/** How requests reach the API: the platform's fetch, looked up on every call (so tests can mock it). */
let transport: Transport = (url, init) => fetch(url, init)

/**
 * Replaces how API requests are made, for rendering pages at build time (src/entry-server.tsx), where
 * the API is files on disk rather than a server. The browser never calls this.
 */
export function setApiTransport(next: Transport) {
  transport = next
}

/**
 * A schema, or a function that loads it: the schemas (and valibot) are then fetched only when data is,
 * never for a prerendered page's first render, which needs no request (docs/decisions/009-performance-budgets.md).
 */
export type SchemaSource<TSchema extends GenericSchema> = TSchema | (() => Promise<TSchema>)

/**
 * GETs one API file and parses it with its schema (loaded while the request is in flight). Every failure
 * becomes an ApiError: a missing file is `not-found`, a bad status `http` (with the server's Retry-After
 * for 429 and 503), no answer `network`, no complete answer within REQUEST_TIMEOUT_MS `timeout`, and
 * anything that is not the JSON the contract promises (an HTML fallback page, a cut-off body, a wrong
 * shape) `invalid`. A request the caller cancels rejects with the caller's abort, not an ApiError.
 */
export async function fetchJson<const TSchema extends GenericSchema>(
  path: string,
  schema: SchemaSource<TSchema>,
  signal?: AbortSignal,
): Promise<InferOutput<TSchema>> {
  const url = apiUrl(path)
  const loading = typeof schema === 'function' ? schema() : Promise.resolve(schema)
  // A request that fails first reports its own failure; the load's is then of no interest.
  loading.catch(() => {})
  // One signal for the caller's cancellation and the timeout, covering the body as well as the answer
  // (a body cut off mid-stream can stall as long as no answer at all). Timers, not AbortSignal.timeout /
  // AbortSignal.any: they work in every browser we support and under test clocks.
  const request = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    request.abort()
  }, REQUEST_TIMEOUT_MS)
  const cancel = () => request.abort(signal?.reason)
  if (signal?.aborted) cancel()
  signal?.addEventListener('abort', cancel)
  const failed = (error: unknown, fallback: ApiError): never => {
    if (signal?.aborted) throw error
    if (timedOut) throw new ApiError('timeout', NEWSROOM_TOO_SLOW, url)
    throw fallback
  }
  let body: unknown
  try {
    let response: Response
    try {
      response = await transport(url, {
        signal: request.signal,
        headers: { Accept: 'application/json' },
      })
    } catch (error) {
      return failed(error, new ApiError('network', NEWSROOM_UNREACHABLE, url))
    }
    const { status } = response
    if (status === 404 || status === 410) {
      throw new ApiError('not-found', PAGE_DOES_NOT_EXIST, url, status)
    }
    if (!response.ok) throw await httpFailure(response, url)
    try {
      body = await response.json()
    } catch (error) {
      // A body that is there but not JSON (cut short, an HTML page) is bad data; one whose connection
      // dropped half-way is no answer, which asking again can fix.
      return failed(
        error,
        error instanceof SyntaxError
          ? new ApiError('invalid', NOT_VALID_DATA, url)
          : new ApiError('network', NEWSROOM_UNREACHABLE, url),
      )
    }
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', cancel)
  }
  let resolved: TSchema
  try {
    resolved = await loading
  } catch {
    throw new ApiError('network', NEWSROOM_UNREACHABLE, url)
  }
  // Through the schema's Standard Schema interface: no validation library code in this module, which
  // every page loads (the schemas bring valibot with them when they load).
  const result = await resolved['~standard'].validate(body)
  if (result.issues) {
    const issue = result.issues[0]!
    throw new ApiError('invalid', unexpectedShape(dotPath(issue.path), issue.message), url)
  }
  return result.value as InferOutput<TSchema>
}

/** An issue's place as `items.0.slug` (as valibot's getDotPath), or null at the top or for an odd key. */
function dotPath(path: StandardPath | undefined): string | null {
  if (!path?.length) return null
  const keys = path.map((segment) => (typeof segment === 'object' ? segment.key : segment))
  return keys.every((key) => typeof key === 'string' || typeof key === 'number')
    ? keys.join('.')
    : null
}

type StandardPath = ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>

/**
 * A bad status as an ApiError. What it says (and the Retry-After it reads) loads only when a status is
 * bad, so no page's first load carries it; if that code cannot load, the plain message will do.
 */
async function httpFailure(response: Response, url: string): Promise<ApiError> {
  try {
    const { httpError } = await import('./http-error')
    return httpError(response, url)
  } catch {
    const { status } = response
    return new ApiError('http', newsroomHttpError(status), url, status)
  }
}
