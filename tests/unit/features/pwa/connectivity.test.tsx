import { onlineManager } from '@tanstack/react-query'
import { act, screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, onTestFinished, test, vi } from 'vitest'
import { PROBE_DELAYS_MS, probeServer, watchConnectivity } from '@/features/pwa/api/connectivity'
import { pwaOptions } from '../../../../scripts/pwa-options'
import { ARTICLES_CACHE, CACHE_VERSION, IMAGES_CACHE } from '@/features/pwa/cache-names'
import { ApiError } from '@/lib/api-error'
import { respondWith } from '../../../mocks/handlers'
import { server } from '../../../mocks/server'
import { makeTestQueryClient } from '../../../utils/query-client'
import { renderApp } from '../../../utils/render-app'

afterEach(() => {
  act(() => onlineManager.setOnline(true))
})

/** watchConnectivity with a server probe the test answers. */
function watch(answers: boolean[]) {
  const queryClient = makeTestQueryClient()
  const probe = vi.fn(async () => answers.shift() ?? true)
  const stop = watchConnectivity(queryClient, probe)
  onTestFinished(() => {
    stop()
    queryClient.clear()
  })
  return { queryClient, probe, stop }
}

describe('watchConnectivity', () => {
  test('goes offline with the browser, and back online once the server answers', async () => {
    const { probe } = watch([true])

    act(() => void window.dispatchEvent(new Event('offline')))
    expect(onlineManager.isOnline()).toBe(false)
    expect(probe).not.toHaveBeenCalled()

    act(() => void window.dispatchEvent(new Event('online')))
    await waitFor(() => expect(onlineManager.isOnline()).toBe(true))
    expect(probe).toHaveBeenCalledTimes(1)
  })

  test('a request with no answer makes it ask the server; a server that is gone is offline, until it answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    onTestFinished(() => void vi.useRealTimers())
    const { queryClient, probe } = watch([false, false, true])

    await queryClient
      .fetchQuery({ queryKey: ['x'], queryFn: () => Promise.reject(noAnswer) })
      .catch(() => {})

    await act(() => vi.advanceTimersByTimeAsync(0))
    expect(probe).toHaveBeenCalledTimes(1)
    expect(onlineManager.isOnline()).toBe(false)
    // It asks again after a while, then less often.
    await act(() => vi.advanceTimersByTimeAsync(PROBE_DELAYS_MS[0]!))
    expect(probe).toHaveBeenCalledTimes(2)
    expect(onlineManager.isOnline()).toBe(false)
    await act(() => vi.advanceTimersByTimeAsync(PROBE_DELAYS_MS[0]!))
    expect(probe).toHaveBeenCalledTimes(2)
    await act(() => vi.advanceTimersByTimeAsync(PROBE_DELAYS_MS[1]! - PROBE_DELAYS_MS[0]!))
    expect(probe).toHaveBeenCalledTimes(3)
    expect(onlineManager.isOnline()).toBe(true)
  })

  test('other failures (a server error, a missing page) are not a reason to ask', async () => {
    const { queryClient, probe } = watch([])
    const serverError = new ApiError('http', 'The server answered with an error (500).', 'x', 500)

    await queryClient
      .fetchQuery({ queryKey: ['x'], queryFn: () => Promise.reject(serverError) })
      .catch(() => {})

    expect(probe).not.toHaveBeenCalled()
  })

  test('does not ask the server at start without a service worker in control', () => {
    const { probe } = watch([])
    expect(probe).not.toHaveBeenCalled()
    expect(onlineManager.isOnline()).toBe(true)
  })

  test('asks at start when a service worker may be answering from its caches', async () => {
    Object.defineProperty(navigator, 'serviceWorker', {
      value: { controller: {} },
      configurable: true,
    })
    onTestFinished(() => {
      delete (navigator as { serviceWorker?: unknown }).serviceWorker
    })
    const { probe } = watch([false])

    expect(probe).toHaveBeenCalledTimes(1)
    await waitFor(() => expect(onlineManager.isOnline()).toBe(false))
  })

  test('asks at start when a request already went unanswered: the app loads it after it starts', async () => {
    const queryClient = makeTestQueryClient()
    await queryClient
      .fetchQuery({ queryKey: ['x'], queryFn: () => Promise.reject(noAnswer) })
      .catch(() => {})
    const probe = vi.fn(async () => false)
    onTestFinished(watchConnectivity(queryClient, probe))

    expect(probe).toHaveBeenCalledTimes(1)
    await waitFor(() => expect(onlineManager.isOnline()).toBe(false))
  })

  test('when it is removed, the browser events drive the online state again', () => {
    const { probe, stop } = watch([])
    stop()

    act(() => void window.dispatchEvent(new Event('offline')))
    expect(onlineManager.isOnline()).toBe(false)
    act(() => void window.dispatchEvent(new Event('online')))
    expect(onlineManager.isOnline()).toBe(true)
    expect(probe).not.toHaveBeenCalled()
  })
})

describe('probeServer', () => {
  test('is true when the server answers, whatever it answers, and false when nothing does', async () => {
    server.use(http.head('*/api/site.json', () => new HttpResponse(null, { status: 503 })))
    expect(await probeServer()).toBe(true)
    server.use(http.head('*/api/site.json', () => HttpResponse.error()))
    expect(await probeServer()).toBe(false)
  })
})

/** The second story and the server probe get no answer, while the browser still says it is online. */
const connectionDownForTheSecondStory = () =>
  server.use(
    respondWith('articles/second-story.json', () => HttpResponse.error()),
    http.head('*/api/site.json', () => HttpResponse.error()),
  )

describe('the page frame with the app watching the connection', () => {
  test('a story that gets no answer while the browser says online turns out to be offline', async () => {
    connectionDownForTheSecondStory()
    const queryClient = makeTestQueryClient()
    const stop = watchConnectivity(queryClient)
    onTestFinished(stop)
    renderApp('/articles/second-story', { queryClient })

    expect(
      await screen.findByRole('heading', { level: 1, name: 'This story is not available offline' }),
    ).toBeVisible()
    expect(screen.getByRole('status', { name: 'Connection status' })).toHaveTextContent(
      'You are offline',
    )
  })
})

describe('the app as main.tsx starts it', () => {
  test('watches the connection once it has started: a story with no answer turns out to be offline', async () => {
    connectionDownForTheSecondStory()
    renderApp('/articles/second-story', { withAppProviders: true })

    expect(
      await screen.findByRole('heading', { level: 1, name: 'This story is not available offline' }),
    ).toBeVisible()
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Connection status' })).toHaveTextContent(
        'You are offline',
      ),
    )
  })
})

describe('cache names', () => {
  test('are the ones the service worker uses (scripts/pwa-options.ts)', () => {
    const names = pwaOptions.workbox?.runtimeCaching?.map((entry) => entry.options?.cacheName)
    expect(names).toContain(ARTICLES_CACHE)
    expect(names).toContain(IMAGES_CACHE)
    expect(ARTICLES_CACHE).toBe(`newsroom-articles-${CACHE_VERSION}`)
  })
})

const noAnswer = new ApiError('network', 'The newsroom could not be reached.', 'x')
