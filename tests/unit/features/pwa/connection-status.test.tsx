import { onlineManager } from '@tanstack/react-query'
import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { articleKeys } from '@/features/articles/api/keys'
import type { ListingPage } from '@/features/articles/api/schemas'
import { requestCount } from '../../../mocks/server'
import { renderApp } from '../../../utils/render-app'

const LATEST = articleKeys.list({ kind: 'latest' }, 1)
const status = () => screen.getByRole('status', { name: 'Connection status' })

afterEach(() => {
  act(() => onlineManager.setOnline(true))
})

/** Makes the cached copy of a query look `minutes` old, as one restored from the device would. */
function age(queryClient: ReturnType<typeof renderApp>['queryClient'], minutes: number) {
  const key = LATEST
  const data = queryClient.getQueryData<ListingPage>(key)!
  act(() => {
    queryClient.setQueryData(key, data, { updatedAt: Date.now() - minutes * 60_000 })
  })
}

describe('the connection status in the page frame', () => {
  test('is an empty live region while online and fresh', async () => {
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    expect(status()).toBeEmptyDOMElement()
  })

  test('says the reader is offline, and clears when the network returns', async () => {
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    act(() => onlineManager.setOnline(false))
    expect(status()).toHaveTextContent('You are offline. Showing stories saved on this device.')

    act(() => onlineManager.setOnline(true))
    expect(status()).toBeEmptyDOMElement()
  })

  test('follows the browser going offline and online', async () => {
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    act(() => void window.dispatchEvent(new Event('offline')))
    expect(status()).toHaveTextContent('You are offline')
    act(() => void window.dispatchEvent(new Event('online')))
    expect(status()).toBeEmptyDOMElement()
  })

  test('says how old the stories on screen are once they are past their freshness window', async () => {
    const { queryClient } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    act(() => onlineManager.setOnline(false))

    age(queryClient, 5)

    expect(status()).toHaveTextContent(
      'You are offline. Showing stories saved on this device. These stories were last updated 5 minutes ago.',
    )
  })

  test('gives no age for stories whose age is unknown (a page read offline with no time of its own)', async () => {
    const { queryClient } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    act(() => onlineManager.setOnline(false))

    act(() => {
      queryClient.setQueryData(LATEST, queryClient.getQueryData(LATEST), { updatedAt: 0 })
    })

    expect(queryClient.getQueryState(LATEST)?.dataUpdatedAt).toBe(0)
    expect(status()).toHaveTextContent(/^You are offline. Showing stories saved on this device.$/)
  })

  test('does not call stories within their freshness window old', async () => {
    const { queryClient } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    // Listings stay fresh for a minute.
    age(queryClient, 0.5)

    expect(status()).toBeEmptyDOMElement()
  })

  test('stale stories refresh by themselves when the network returns, and the notice clears', async () => {
    const { queryClient } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    expect(requestCount('lists/latest/1.json')).toBe(1)
    act(() => onlineManager.setOnline(false))
    age(queryClient, 10)
    expect(status()).toHaveTextContent('These stories were last updated 10 minutes ago.')

    act(() => onlineManager.setOnline(true))

    await waitFor(() => expect(requestCount('lists/latest/1.json')).toBe(2))
    // The notice also hides while the refetch is in flight: wait for the fresh data itself.
    await waitFor(() =>
      expect(queryClient.getQueryState(LATEST)?.dataUpdatedAt).toBeGreaterThan(Date.now() - 60_000),
    )
    expect(status()).toBeEmptyDOMElement()
  })

  test("speaks of the article's own age on a story page", async () => {
    const { queryClient } = renderApp('/articles/first-story')
    await screen.findByRole('heading', { level: 1, name: 'The first story' })
    act(() => onlineManager.setOnline(false))

    const key = articleKeys.detail('first-story')
    act(() => {
      queryClient.setQueryData(key, queryClient.getQueryData(key), {
        updatedAt: Date.now() - 2 * 3_600_000,
      })
    })
    // Articles stay fresh for five minutes; the section's listing in the box below does not count.
    expect(status()).toHaveTextContent('These stories were last updated 2 hours ago.')
  })
})

describe('the page frame', () => {
  test('shows the version of the app in the footer', async () => {
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    expect(within(screen.getByRole('contentinfo')).getByText(/^Version \S+/)).toBeVisible()
  })

  test('links to the saved stories', async () => {
    const { user } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    await user.click(screen.getByRole('link', { name: 'Saved stories' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Saved stories' })).toBeVisible()
  })
})
