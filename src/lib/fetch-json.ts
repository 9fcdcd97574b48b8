import type { GenericSchema, InferOutput } from 'valibot'
import {
  NEWSROOM_TOO_SLOW,
  NEWSROOM_UNREACHABLE,
  newsroomHttpError,
  NOT_VALID_DATA,
  PAGE_DOES_NOT_EXIST,
  unexpectedShape,
} from '@/i18n'
import type { SchemaSource, Transport } from './api-client'
import { ApiError } from './api-error'

/**
 * Where one request goes and how: src/lib/api-client.ts fills it in on every call, so this module, which
 * it loads lazily, needs nothing back from it (no import cycle).
 */
export type ApiRequest = {
  /** The file's absolute URL. */
  readonly url: string
  /** How requests reach the API now (the platform's fetch, or files on disk when prerendering). */
  readonly transport: Transport
  /** How long the answer and its body may take before the request is abandoned. */
  readonly timeoutMs: number
}

/**
 * GETs one API file and parses it with its schema (loaded while the request is in flight). Every failure
 * becomes an ApiError: a missing file is `not-found`, a bad status `http` (with the server's Retry-After
 * for 429 and 503), no answer `network`, no complete answer within `timeoutMs` `timeout`, and
 * anything that is not the JSON the contract promises (an HTML fallback page, a cut-off body, a wrong
 * shape) `invalid`. A request the caller cancels rejects with the caller's abort, not an ApiError.
 */
export async function fetchJson<const TSchema extends GenericSchema>(
  { url, transport, timeoutMs }: ApiRequest,
  schema: SchemaSource<TSchema>,
  signal?: AbortSignal,
): Promise<InferOutput<TSchema>> {
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
  }, timeoutMs)
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
