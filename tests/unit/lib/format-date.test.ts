import { beforeEach, describe, expect, test, vi } from 'vitest'
import { formatAbsolute, formatRelative } from '@/lib/format-date'

const now = new Date('2024-06-15T12:00:00Z')
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000)
const HOUR = 3600
const DAY = 24 * HOUR

describe('formatRelative', () => {
  test.each([
    [30, 'this minute'],
    [5 * 60, '5 minutes ago'],
    [3 * HOUR, '3 hours ago'],
    [DAY, 'yesterday'],
    [3 * DAY, '3 days ago'],
    [14 * DAY, '2 weeks ago'],
    [90 * DAY, '3 months ago'],
    [2 * 365 * DAY, '2 years ago'],
  ])('%i seconds ago is "%s"', (seconds, expected) => {
    expect(formatRelative(ago(seconds), now, 'en')).toBe(expected)
  })

  test('the future reads as the future', () => {
    expect(formatRelative(ago(-2 * DAY), now, 'en')).toBe('in 2 days')
    expect(formatRelative(ago(-HOUR), now, 'en')).toBe('in 1 hour')
  })

  test("speaks the reader's language", () => {
    expect(formatRelative(ago(3 * HOUR), now, 'de')).toBe('vor 3 Stunden')
    expect(formatRelative(ago(DAY), now, 'fr')).toBe('hier')
  })

  test('measures from the current time by default', () => {
    expect(formatRelative(new Date(Date.now() - 2 * DAY * 1000), undefined, 'en')).toBe(
      '2 days ago',
    )
  })
})

describe('formatAbsolute', () => {
  beforeEach(() => {
    // The reader's time zone decides the wall-clock time; pin it (unstubbed after each test).
    vi.stubEnv('TZ', 'UTC')
  })

  test('long date and short time, in the given language', () => {
    const date = new Date('2023-01-05T09:00:00Z')
    expect(formatAbsolute(date, 'en-GB')).toBe('5 January 2023 at 09:00')
    expect(formatAbsolute(date, 'en-US')).toBe('January 5, 2023 at 9:00 AM')
  })

  test("in the reader's time zone", () => {
    vi.stubEnv('TZ', 'America/New_York')
    expect(formatAbsolute(new Date('2023-01-05T09:00:00Z'), 'en-GB')).toBe(
      '5 January 2023 at 04:00',
    )
  })
})
