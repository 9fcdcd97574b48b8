import { NEWSROOM_BUSY, NEWSROOM_UNAVAILABLE, newsroomHttpError, tryAgainIn } from '@/i18n/later'
import { ApiError, LONGEST_RETRY_AFTER_MS } from './api-error'

/**
 * The ApiError for a response with a bad status, loaded by fetchJson only when one arrives. For 429 and
 * 503 it carries the server's Retry-After, and names the wait when it is too long for the app to make.
 */
export function httpError(response: Response, url: string): ApiError {
  const { status } = response
  const retryAfterMs =
    status === 429 || status === 503
      ? parseRetryAfter(response.headers.get('Retry-After'))
      : undefined
  return new ApiError('http', httpMessage(status, retryAfterMs), url, status, retryAfterMs)
}

/** A Retry-After header (delay in seconds, or an HTTP date) as milliseconds from `now`; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // An HTTP date names its day and month; Date.parse alone would read "-5" as a year.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** "Try again in about 2 minutes": a wait as a reader would say it, in seconds, minutes or hours. */
function tryAgain(ms: number): string {
  const seconds = Math.ceil(ms / 1000)
  if (seconds < 90) return tryAgainIn('second', seconds)
  const minutes = Math.round(seconds / 60)
  if (minutes < 90) return tryAgainIn('minute', minutes)
  return tryAgainIn('hour', Math.round(minutes / 60))
}

/** The message for a status that is not OK, with when to come back if the server said and it is too long to wait. */
function httpMessage(status: number, retryAfterMs: number | undefined): string {
  const what =
    status === 429
      ? NEWSROOM_BUSY
      : status === 503
        ? NEWSROOM_UNAVAILABLE
        : newsroomHttpError(status)
  return retryAfterMs !== undefined && retryAfterMs > LONGEST_RETRY_AFTER_MS
    ? `${what} ${tryAgain(retryAfterMs)}`
    : what
}
