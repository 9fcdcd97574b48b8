import type { QueryClient } from '@tanstack/react-query'
import type { GenericSchema, InferOutput } from 'valibot'
import { env } from '@/config/env'
import { NEWSROOM_UNREACHABLE } from '@/i18n'
import { ApiError } from './api-error'
import { apiTransportOf } from './query-client'
import type { Transport } from './transport'

export type { Transport }

/**
 * How long one request may take, answer and body, before it is abandoned: the API's files are small and
 * static, so a server that has sent nothing in 10 s is stuck, and a reader should not wait longer to hear
 * it (docs/decisions/003-query-defaults.md).
 */
export const REQUEST_TIMEOUT_MS = 10_000

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

/** How requests reach the API when their QueryClient brings no transport: the platform's fetch, looked up on every call (so tests can mock it). */
const platformFetch: Transport = (url, init) => fetch(url, init)

/**
 * A schema, or a function that loads it: the schemas (and valibot) are then fetched only when data is,
 * never for a prerendered page's first render, which needs no request (docs/decisions/009-performance-budgets.md).
 */
export type SchemaSource<TSchema extends GenericSchema> = TSchema | (() => Promise<TSchema>)

/**
 * Code that a request to `path` needs, loaded with the request rather than with the page: a prerendered
 * page's first render makes none (docs/decisions/016-start-up.md). Code that cannot load (offline, before
 * the service worker has it) fails as the request would: the newsroom could not be reached.
 */
export function loadForRequest<T>(load: () => Promise<T>, path: string): Promise<T> {
  return load().catch(() => {
    throw new ApiError('network', NEWSROOM_UNREACHABLE, apiUrl(path))
  })
}

/**
 * GETs one API file and parses it with its schema: every failure an ApiError (src/lib/fetch-json.ts).
 * Made through the transport of `client`, the QueryClient the request is for, when it was made with one
 * (prerendering: files on disk); else through the platform's fetch.
 */
export async function fetchJson<const TSchema extends GenericSchema>(
  path: string,
  schema: SchemaSource<TSchema>,
  signal?: AbortSignal,
  client?: QueryClient,
): Promise<InferOutput<TSchema>> {
  const { fetchJson } = await loadForRequest(() => import('./fetch-json'), path)
  const request = {
    url: apiUrl(path),
    transport: (client && apiTransportOf(client)) ?? platformFetch,
    timeoutMs: REQUEST_TIMEOUT_MS,
  }
  return fetchJson(request, schema, signal)
}
