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
    // Whole units elapsed, as a reader counts them, never rounded up.
    [59, 'this minute'],
    [119, '1 minute ago'],
    [90 * 60, '1 hour ago'],
    [47 * HOUR, 'yesterday'],
    [13 * DAY, 'last week'],
    [59 * DAY, 'last month'],
    [Math.round(1.75 * 365) * DAY, 'last year'],
    [Math.round(2.9 * 365) * DAY, '2 years ago'],
  ])('%i seconds ago is "%s"', (seconds, expected) => {
    expect(formatRelative(ago(seconds), now, 'en')).toBe(expected)
  })

  test('the future reads as the future, counted the same way', () => {
    expect(formatRelative(ago(-2 * DAY), now, 'en')).toBe('in 2 days')
    expect(formatRelative(ago(-HOUR), now, 'en')).toBe('in 1 hour')
    expect(formatRelative(ago(-1.75 * HOUR), now, 'en')).toBe('in 1 hour')
  })

  test("speaks the reader's language", () => {
    expect(formatRelative(ago(3 * HOUR), now, 'de')).toBe('vor 3 Stunden')
    expect(formatRelative(ago(DAY), now, 'fr')).toBe('hier')
    expect(formatRelative(ago(3 * HOUR), now, 'en-GB')).toBe('3 hours ago')
    expect(formatRelative(ago(3 * HOUR), now, 'de-DE')).toBe('vor 3 Stunden')
    // Arabic as written in Egypt: its own digits and plural forms.
    expect(formatRelative(ago(3 * HOUR), now, 'ar-EG')).toBe('قبل ٣ ساعات')
    expect(formatRelative(ago(DAY), now, 'ar-EG')).toBe('أمس')
  })

  test("takes the reader's list of languages, first supported first (navigator.languages)", () => {
    expect(formatRelative(ago(3 * HOUR), now, ['de-DE', 'en-GB'])).toBe('vor 3 Stunden')
    // A language Intl has no data for (Klingon) is skipped for the next.
    expect(formatRelative(ago(3 * HOUR), now, ['tlh', 'fr-FR'])).toBe('il y a 3 heures')
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
    expect(formatAbsolute(date, 'de-DE')).toBe('5. Januar 2023 um 09:00')
    expect(formatAbsolute(date, ['de-AT', 'en-GB'])).toBe('5. Jänner 2023 um 09:00')
    // Arabic-Indic digits, and the Arabic month and morning marker.
    expect(formatAbsolute(date, 'ar-EG')).toMatch(/^٥ يناير ٢٠٢٣/)
    expect(formatAbsolute(date, 'ar-EG')).toContain('٩:٠٠')
  })

  test("in the reader's time zone", () => {
    vi.stubEnv('TZ', 'America/New_York')
    expect(formatAbsolute(new Date('2023-01-05T09:00:00Z'), 'en-GB')).toBe(
      '5 January 2023 at 04:00',
    )
  })
})
