/** What went wrong with a request, in words a reader can act on. */
export type ApiErrorKind = 'not-found' | 'http' | 'network' | 'timeout' | 'invalid'

/**
 * Every failed API request, whatever the cause. A module of its own so that the client, the HTTP-status
 * messages and the retry policy can all use it without importing each other.
 */
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

/** The longest Retry-After the app waits out by itself; a longer one is told to the reader instead. */
export const LONGEST_RETRY_AFTER_MS = 5_000

/** Whether a failure means the thing asked for does not exist, so a route can answer 404 rather than retry. */
export const isNotFound = (error: unknown): boolean =>
  error instanceof ApiError && error.kind === 'not-found'

/**
 * Whether a request failed for want of an answer (offline, the server gone), not for what came back: what
 * the connection status and the offline pages go by.
 */
export const isNetworkError = (error: unknown): boolean =>
  error instanceof ApiError && error.kind === 'network'
