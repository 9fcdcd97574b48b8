import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { act, screen } from '@testing-library/react'
import type { QueryClient } from '@tanstack/react-query'
import { HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, inject, test, vi } from 'vitest'
import { respondWith } from '../../mocks/handlers'
import { requestCount, server } from '../../mocks/server'
import { LIVE_UPDATE_INTERVAL_MS } from '@/features/articles/live-updates/use-live-updates'
import type { ListingHead } from '@/features/articles/api/schemas'
import { withNewestStories } from '../../utils/factories'
import { listedHeadlines } from '../../utils/queries'
import { flushQueryNotifications, makeTestQueryClient } from '../../utils/query-client'
import { renderApp } from '../../utils/render-app'

const readListing = async (file: string) =>
  JSON.parse(await readFile(path.join(inject('fixtureApiDir'), file), 'utf8')) as ListingHead

/** The fixture listing's head with `count` stories published since, on top. */
async function newerListing(file: string, count: number): Promise<ListingHead> {
  const listing = await readListing(file)
  const template = listing.items[0]!
  const fresh = Array.from({ length: count }, (_, i) => ({
    ...template,
    id: 90_000 + i,
    slug: `breaking-${i + 1}`,
    headline: `Breaking story ${i + 1}`,
  }))
  return withNewestStories(listing, fresh)
}

/** Serves the fixture listing to the first request, and `later` to every one after it. */
async function servesNewerAfterFirst(file: string, later: ListingHead) {
  const first = await readListing(file)
  let served = 0
  server.use(respondWith(file, () => HttpResponse.json(served++ ? later : first)))
}

let queryClient: QueryClient

/**
 * Lets the background check's interval pass, waits until its answer has come (the next check is timed from
 * then: on a busy machine the mocked answer can take longer than one turn), and lets it reach the screen.
 */
async function waitOneInterval() {
  await act(() => vi.advanceTimersByTimeAsync(LIVE_UPDATE_INTERVAL_MS))
  await vi.waitFor(() => expect(queryClient.isFetching()).toBe(0))
  await flushQueryNotifications()
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true })
  queryClient = makeTestQueryClient()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('live updates on a listing', () => {
  test("new stories wait behind a button that inserts them at the top, below home's lead story", async () => {
    const file = 'lists/latest/1.json'
    await servesNewerAfterFirst(file, await newerListing(file, 2))
    const { user } = renderApp('/', { queryClient })
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    expect(listedHeadlines()).toEqual(['The third story', 'The second story'])
    expect(requestCount(file)).toBe(1)

    await waitOneInterval()
    const button = await screen.findByRole('button', { name: '2 new stories' })
    expect(requestCount(file)).toBe(2)
    // Nothing moved yet: the new stories are only announced.
    expect(listedHeadlines()).toEqual(['The third story', 'The second story'])
    expect(screen.getByText('2 new stories available at the top of the list')).toHaveAttribute(
      'aria-live',
      'polite',
    )

    await user.click(button)
    // The lead (the newest when the page opened: no story has a mark or a photo) stays first
    // (docs/decisions/030-front-page.md).
    expect(listedHeadlines()).toEqual([
      'The third story',
      'Breaking story 1',
      'Breaking story 2',
      'The second story',
    ])
    expect(screen.queryByRole('button', { name: /new stor/ })).not.toBeInTheDocument()
  })

  test('one new story says so in the singular, and the keyboard moves focus to it', async () => {
    const file = 'lists/sections/world/1.json'
    await servesNewerAfterFirst(file, await newerListing(file, 1))
    const { user } = renderApp('/sections/world', { queryClient })
    await screen.findByRole('heading', { level: 1, name: 'World' })

    await waitOneInterval()
    const button = await screen.findByRole('button', { name: '1 new story' })
    button.focus()
    await user.keyboard('{Enter}')
    expect(listedHeadlines()[0]).toBe('Breaking story 1')
    expect(screen.getByRole('link', { name: 'Breaking story 1' })).toHaveFocus()
  })

  test('no new stories: no button, and checks keep to one a minute', async () => {
    const file = 'lists/latest/1.json'
    renderApp('/', { queryClient })
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    await waitOneInterval()
    await waitOneInterval()
    expect(requestCount(file)).toBe(3)
    expect(screen.queryByRole('button', { name: /new stor/ })).not.toBeInTheDocument()
    expect(listedHeadlines()).toEqual(['The third story', 'The second story'])
  })

  test('a failing check backs off instead of asking every minute', async () => {
    const file = 'lists/latest/1.json'
    const first = await readListing(file)
    let served = 0
    server.use(
      respondWith(file, () =>
        served++ ? new HttpResponse('Not Found', { status: 404 }) : HttpResponse.json(first),
      ),
    )
    renderApp('/', { queryClient })
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    await waitOneInterval()
    expect(requestCount(file)).toBe(2)
    // The failed check waits two intervals, not one.
    await waitOneInterval()
    expect(requestCount(file)).toBe(2)
    await waitOneInterval()
    expect(requestCount(file)).toBe(3)
    // The stories on screen stay.
    expect(listedHeadlines()).toEqual(['The third story', 'The second story'])
  })

  test('a filtered listing is not checked in the background', async () => {
    renderApp('/?tags=alpha,beta', { queryClient })
    await screen.findByRole('region', { name: 'Stories, page 1' })
    const asked = requestCount('lists/latest/1.json') + requestCount('ids/tags/alpha.json')
    await waitOneInterval()
    await waitOneInterval()
    expect(requestCount('lists/latest/1.json') + requestCount('ids/tags/alpha.json')).toBe(asked)
  })

  test('page 2 is not checked in the background', async () => {
    renderApp('/page/2', { queryClient })
    await screen.findByRole('region', { name: 'Stories, page 2' })
    // Page 2 is read from the listing's head (lists/latest/1.json), once.
    expect(requestCount('lists/latest/1.json')).toBe(1)
    await waitOneInterval()
    await waitOneInterval()
    expect(requestCount('lists/latest/1.json')).toBe(1)
  })
})
