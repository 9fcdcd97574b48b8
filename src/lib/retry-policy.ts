import { onlineManager } from '@tanstack/react-query'
import { ApiError, LONGEST_RETRY_AFTER_MS } from './api-error'

/**
 * When a failed request is asked again, and how long after (docs/decisions/003-query-defaults.md). The
 * aim: a passing fault (a dropped connection, a server restarting) heals by itself within a few seconds,
 * and a dead API is asked a handful of times, never in a loop. (The cool-down after a failure, for focus
 * refetches and prefetches, is in src/lib/query-client.ts.)
 */

/** Retries after the first failure: three requests at most for one fetch. */
export const MAX_RETRIES = 2
/** The first back-off; each next one doubles, up to MAX_BACKOFF_MS. */
export const BASE_BACKOFF_MS = 1_000
export const MAX_BACKOFF_MS = 8_000
/** Statuses a later request may not get: a timeout at the server, rate limiting, a server failure. */
const isTransientStatus = (status: number | undefined) =>
  status !== undefined && (status === 408 || status === 429 || status >= 500)

/**
 * TanStack Query's `retry`: `failureCount` is the number of retries so far (0 after the first failure).
 * Only failures that asking again can fix are retried: no answer, and a transient status whose
 * Retry-After (if any) is short enough to wait out. Never a missing page, bad data, a timeout (the reader
 * has waited long enough already; Retry is on screen), a programming error, or while offline.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES || !onlineManager.isOnline()) return false
  if (!(error instanceof ApiError)) return false
  if (error.kind === 'network') return true
  if (error.kind !== 'http' || !isTransientStatus(error.status)) return false
  return error.retryAfterMs === undefined || error.retryAfterMs <= LONGEST_RETRY_AFTER_MS
}

/**
 * TanStack Query's `retryDelay`. The server's Retry-After when it sent one (shouldRetry has already
 * refused the ones too long to wait), plus up to 10% so that many readers told the same moment do not all
 * come back at once. Otherwise exponential back-off with "equal jitter": half of the step is fixed, so
 * retries never come back-to-back, and half random, so clients that failed together spread out.
 */
export function retryDelay(failureCount: number, error: unknown, random = Math.random): number {
  if (error instanceof ApiError && error.retryAfterMs !== undefined) {
    const wait = Math.min(error.retryAfterMs, LONGEST_RETRY_AFTER_MS)
    return wait + random() * wait * 0.1
  }
  const step = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** failureCount)
  return step / 2 + (random() * step) / 2
}
