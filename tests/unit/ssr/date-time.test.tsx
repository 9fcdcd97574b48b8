import { act, render, screen } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { DateTime } from '@/components/ui/date-time'
import { formatUtc } from '@/lib/format-date'

const PUBLISHED = '2023-01-05T09:00:00.000Z'

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('formatUtc', () => {
  test.each([
    ['2023-01-05T09:00:00.000Z', '5 January 2023, 09:00 UTC'],
    ['2024-12-31T23:59:59.999Z', '31 December 2024, 23:59 UTC'],
    // Midnight in UTC is the next day in Tokyo and the previous one in New York: the text is UTC's.
    ['2025-03-01T00:05:00+09:00', '28 February 2025, 15:05 UTC'],
  ])('%s is "%s"', (iso, expected) => {
    expect(formatUtc(new Date(iso))).toBe(expected)
  })

  test('does not depend on the machine’s time zone', () => {
    vi.stubEnv('TZ', 'Pacific/Kiritimati')
    const far = formatUtc(new Date(PUBLISHED))
    vi.stubEnv('TZ', 'America/Adak')
    expect(formatUtc(new Date(PUBLISHED))).toBe(far)
  })
})

describe('DateTime across prerendering and hydration', () => {
  test('the build renders a stable UTC time, machine-readable', () => {
    const html = renderToString(<DateTime value={PUBLISHED} label="Published" />)
    expect(html).toContain(`<time dateTime="${PUBLISHED}">5 January 2023, 09:00 UTC</time>`)
    expect(html).not.toMatch(/ago/)
  })

  test('hydrates on another clock and in another zone without a mismatch, then shows the reader’s form', async () => {
    // Built in New York in 2023 …
    vi.stubEnv('TZ', 'America/New_York')
    vi.useFakeTimers({ now: new Date('2023-01-06T09:00:00Z'), toFake: ['Date'] })
    const container = document.createElement('div')
    container.innerHTML = renderToString(<DateTime value={PUBLISHED} label="Published" />)
    document.body.append(container)
    const time = container.querySelector('time')!

    // … read in Tokyo two years later: any console.error (a hydration mismatch) fails the test.
    vi.stubEnv('TZ', 'Asia/Tokyo')
    vi.setSystemTime(new Date('2025-01-05T09:00:00Z'))
    const root = await act(async () =>
      hydrateRoot(container, <DateTime value={PUBLISHED} label="Published" />),
    )

    expect(container.querySelector('time')).toBe(time)
    expect(time.getAttribute('datetime')).toBe(PUBLISHED)
    expect(time.textContent).toBe('2 years ago')
    expect(container.textContent).toMatch(/ · .*2023/)
    act(() => root.unmount())
  })

  test('a page rendered in the browser shows the reader’s form at once', () => {
    vi.useFakeTimers({ now: new Date('2023-01-07T09:00:00Z'), toFake: ['Date'] })
    render(<DateTime value={PUBLISHED} />)
    expect(screen.getByText('2 days ago').tagName).toBe('TIME')
  })
})
