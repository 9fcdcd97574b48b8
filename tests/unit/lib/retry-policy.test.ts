import { onlineManager } from '@tanstack/react-query'
import { afterEach, describe, expect, test } from 'vitest'
import { ApiError, LONGEST_RETRY_AFTER_MS } from '@/lib/api-error'
import { FAILURE_COOLDOWN_MS, failedRecently } from '@/lib/query-client'
import {
  BASE_BACKOFF_MS,
  MAX_BACKOFF_MS,
  MAX_RETRIES,
  retryDelay,
  shouldRetry,
} from '@/lib/retry-policy'

const url = 'http://localhost/api/x.json'
const http = (status: number, retryAfterMs?: number) =>
  new ApiError('http', `error ${status}`, url, status, retryAfterMs)
const network = () => new ApiError('network', 'no answer', url)

afterEach(() => onlineManager.setOnline(true))

describe('shouldRetry', () => {
  test.each([500, 502, 503, 504, 408, 429])('retries a %i', (status) => {
    expect(shouldRetry(0, http(status))).toBe(true)
  })

  test('retries no answer at all', () => {
    expect(shouldRetry(0, network())).toBe(true)
  })

  test('stops after MAX_RETRIES retries: three requests in all', () => {
    expect(MAX_RETRIES).toBe(2)
    expect(shouldRetry(1, network())).toBe(true)
    expect(shouldRetry(2, network())).toBe(false)
    expect(shouldRetry(2, http(500))).toBe(false)
  })

  test.each([
    ['a missing page', new ApiError('not-found', 'gone', url, 404)],
    ['bad data', new ApiError('invalid', 'bad', url)],
    ['a timeout', new ApiError('timeout', 'slow', url)],
    ['a 403', http(403)],
    ['a 400', http(400)],
    ['a programming error', new TypeError('x is undefined')],
  ])('never retries %s', (_, error) => {
    expect(shouldRetry(0, error)).toBe(false)
  })

  test('does not retry while offline', () => {
    onlineManager.setOnline(false)
    expect(shouldRetry(0, network())).toBe(false)
    expect(shouldRetry(0, http(503))).toBe(false)
  })

  test('waits out a short Retry-After, and leaves a long one to the reader', () => {
    expect(shouldRetry(0, http(503, LONGEST_RETRY_AFTER_MS))).toBe(true)
    expect(shouldRetry(0, http(429, LONGEST_RETRY_AFTER_MS + 1))).toBe(false)
    expect(shouldRetry(0, http(503, 120_000))).toBe(false)
  })
})

describe('retryDelay', () => {
  const low = () => 0
  const high = () => 0.999999

  test('backs off exponentially, with jitter in the upper half of each step', () => {
    const ranges = [0, 1, 2, 3].map((n) => [
      retryDelay(n, network(), low),
      retryDelay(n, network(), high),
    ])
    expect(ranges[0]![0]).toBe(BASE_BACKOFF_MS / 2)
    expect(ranges[0]![1]).toBeCloseTo(BASE_BACKOFF_MS)
    expect(ranges[1]![0]).toBe(BASE_BACKOFF_MS)
    expect(ranges[1]![1]).toBeCloseTo(2 * BASE_BACKOFF_MS)
    expect(ranges[2]![0]).toBe(2 * BASE_BACKOFF_MS)
    expect(ranges[3]![0]).toBe(4 * BASE_BACKOFF_MS)
  })

  test('is capped', () => {
    expect(retryDelay(20, network(), high)).toBeLessThanOrEqual(MAX_BACKOFF_MS)
    expect(retryDelay(20, network(), low)).toBe(MAX_BACKOFF_MS / 2)
  })

  test('spreads clients that failed together', () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelay(1, network())))
    expect(delays.size).toBeGreaterThan(1)
  })

  test("follows the server's Retry-After, plus at most 10%, capped", () => {
    expect(retryDelay(0, http(503, 2_000), low)).toBe(2_000)
    expect(retryDelay(0, http(503, 2_000), high)).toBeCloseTo(2_200)
    // Even with a jittered back-off step far shorter than the server asked for.
    expect(retryDelay(0, http(429, 3_000), low)).toBe(3_000)
    expect(retryDelay(0, http(429, 60_000), low)).toBe(LONGEST_RETRY_AFTER_MS)
  })
})

describe('failedRecently', () => {
  const state = (status: 'error' | 'success', errorUpdatedAt: number) =>
    ({ state: { status, errorUpdatedAt } }) as Parameters<typeof failedRecently>[0]

  test('is true for FAILURE_COOLDOWN_MS after a failure, then false', () => {
    expect(failedRecently(state('error', 1_000), 1_000 + FAILURE_COOLDOWN_MS - 1)).toBe(true)
    expect(failedRecently(state('error', 1_000), 1_000 + FAILURE_COOLDOWN_MS)).toBe(false)
  })

  test('is false once the query has succeeded again', () => {
    expect(failedRecently(state('success', 1_000), 1_001)).toBe(false)
  })
})
