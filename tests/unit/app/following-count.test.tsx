import { readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { act, screen, waitFor, within } from '@testing-library/react'
import type { QueryClient } from '@tanstack/react-query'
import { HttpResponse } from 'msw'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { listingQueryOptions } from '@/features/articles/api/get-listing'
import { articleKeys } from '@/features/articles/api/keys'
import { MAX_CHECKED_TOPICS } from '@/features/background-news/api/mirror'
import { optInList } from '@/features/background-news/api/opt-in'
import {
  FOLLOWED_STORAGE_KEY,
  followedTopics,
  type FollowedTopic,
} from '@/features/following/api/followed-topics'
import { respondWith, respondWithJson, serverErrorOnce } from '../../mocks/handlers'
import { requestCount, server } from '../../mocks/server'
import { makeListingHead, makeSummary } from '../../utils/factories'
import { flushQueryNotifications, makeTestQueryClient } from '../../utils/query-client'
import { renderApp } from '../../utils/render-app'
import { withNothingFollowed } from '../features/following/with-nothing-followed'

withNothingFollowed()

/*
 * The count of new stories on the header's Following link when the app opens (issue 14). The fixture
 * newsroom: the section World lists the first (1 Jan 2025) and third (1 Mar) stories; the tag Beta all
 * three (the second, 1 Feb, is in Science).
 */
const published = (month: number) => Date.parse(`2025-0${month}-01T08:00:00Z`)
const midJanuary = Date.parse('2025-01-15T00:00:00Z')

const followed = (
  kind: FollowedTopic['kind'],
  slug: string,
  name: string,
  seenUpTo: number,
): FollowedTopic => ({ kind, slug, name, followedAt: 0, visitedAt: null, seenUpTo })
const world = (seenUpTo: number) => followed('sections', 'world', 'World', seenUpTo)
const beta = (seenUpTo: number) => followed('tags', 'beta', 'Beta', seenUpTo)

// The page's own header, the first banner (jsdom also counts a <header> inside <main> as one).
const header = () => within(screen.getAllByRole('banner')[0]!)
const followingLink = () => header().getByRole('link', { name: /^Following/ })
/**
 * The link's name with a count: "Following (2 new stories)" in a browser, where the words out of the flow
 * are a block and get a space before them (following.e2e checks the name in Chromium); jsdom has no
 * stylesheet and trims each part, so it reads "Following(2 new stories)".
 */
const withCount = (count: number) => new RegExp(`^Following ?\\(${count} new stories\\)$`)
const badge = () => followingLink().querySelector('[aria-hidden="true"]')

/** The frame's extras have loaded (the count comes with them), and each topic's listing has settled. */
async function settled(queryClient: QueryClient, topics: readonly FollowedTopic[]) {
  await screen.findByRole('combobox', { name: 'Theme' })
  await waitFor(() => {
    for (const { kind, slug } of topics) {
      const state = queryClient.getQueryState(articleKeys.list({ kind, slug }, 1))
      expect(state?.fetchStatus).toBe('idle')
      expect(state?.status).not.toBe('pending')
    }
  })
  await flushQueryNotifications()
}

/** A stand-in for the Badging API, removed after the test. */
function withBadging() {
  const setAppBadge = vi.fn(() => Promise.resolve())
  const clearAppBadge = vi.fn(() => Promise.resolve())
  Object.defineProperty(navigator, 'setAppBadge', { configurable: true, value: setAppBadge })
  Object.defineProperty(navigator, 'clearAppBadge', { configurable: true, value: clearAppBadge })
  return { setAppBadge, clearAppBadge }
}
afterEach(() => {
  optInList.write([])
  Reflect.deleteProperty(navigator, 'setAppBadge')
  Reflect.deleteProperty(navigator, 'clearAppBadge')
})

describe("the header's count of new stories in the followed topics", () => {
  test('counts the stories a followed topic published after what the reader had seen', async () => {
    // Seen up to mid-January: Beta has the second and the third story since.
    followedTopics.write([beta(midJanuary)])
    renderApp('/')
    await waitFor(() => expect(followingLink()).toHaveAccessibleName(withCount(2)))
    expect(badge()).toHaveTextContent('2')
    // The page itself is there too (the count is drawn beside it, not instead of it).
    expect(await screen.findByRole('heading', { level: 1 })).toBeInTheDocument()
  })

  test('counts a story in two followed topics once', async () => {
    // World has the third story since mid-January, Beta the second and the third: two stories, not three.
    followedTopics.write([world(midJanuary), beta(midJanuary)])
    const { queryClient } = renderApp('/')
    await settled(queryClient, [world(0), beta(0)])
    expect(followingLink()).toHaveAccessibleName(withCount(2))
    expect(badge()).toHaveTextContent('2')
  })

  test('shows no count when nothing is new', async () => {
    followedTopics.write([beta(published(3))])
    const { queryClient } = renderApp('/')
    await settled(queryClient, [beta(0)])
    expect(requestCount('lists/tags/beta/1.json')).toBe(1)
    expect(followingLink()).toHaveAccessibleName('Following')
    expect(badge()).toBeNull()
  })

  test('shows no count, and asks for no topic, when nothing is followed', async () => {
    const { queryClient } = renderApp('/')
    await settled(queryClient, [])
    expect(followingLink()).toHaveAccessibleName('Following')
    expect(badge()).toBeNull()
    const listings = queryClient.getQueryCache().findAll({ queryKey: articleKeys.lists() })
    expect(listings.map((query) => query.queryKey[2])).not.toContain('tags')
    expect(listings.map((query) => query.queryKey[2])).not.toContain('sections')
  })

  test('a topic that fails is not counted; the page and the others stand', async () => {
    server.use(
      respondWith('lists/tags/beta/1.json', () => new HttpResponse('down', { status: 500 })),
    )
    followedTopics.write([world(0), beta(0)])
    const { queryClient } = renderApp('/')
    await settled(queryClient, [world(0), beta(0)])
    // World's two stories; Beta's three would have made three.
    expect(followingLink()).toHaveAccessibleName(withCount(2))
    expect(screen.getByRole('heading', { level: 1 })).toBeInTheDocument()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test('every topic failing shows no count, and nothing broken', async () => {
    server.use(
      respondWith('lists/tags/beta/1.json', () => new HttpResponse('down', { status: 500 })),
    )
    followedTopics.write([beta(0)])
    const { queryClient } = renderApp('/')
    await settled(queryClient, [beta(0)])
    expect(followingLink()).toHaveAccessibleName('Following')
    expect(badge()).toBeNull()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test('offline, a copy in the cache counts', async () => {
    const queryClient = makeTestQueryClient()
    await queryClient.fetchQuery(listingQueryOptions({ kind: 'tags', slug: 'beta' }, 1))
    await queryClient.invalidateQueries({ queryKey: articleKeys.lists() })
    // The network is gone: the refresh the count asks for fails, and the copy stands.
    server.use(respondWith('lists/tags/beta/1.json', () => HttpResponse.error()))
    followedTopics.write([beta(midJanuary)])
    renderApp('/saved', { queryClient })
    await settled(queryClient, [beta(0)])
    expect(requestCount('lists/tags/beta/1.json')).toBe(2)
    expect(
      queryClient.getQueryState(articleKeys.list({ kind: 'tags', slug: 'beta' }, 1))?.status,
    ).toBe('error')
    expect(followingLink()).toHaveAccessibleName(withCount(2))
  })

  test('a topic that failed moments ago is not asked again just because the count looks at it', async () => {
    // Following's list failed a moment ago (its own Retry is the way to ask again): no second request.
    server.use(serverErrorOnce('lists/tags/beta/1.json'))
    const queryClient = makeTestQueryClient()
    await queryClient
      .fetchQuery(listingQueryOptions({ kind: 'tags', slug: 'beta' }, 1))
      .catch(() => {})
    followedTopics.write([beta(0)])
    renderApp('/', { queryClient })
    await settled(queryClient, [beta(0)])
    expect(requestCount('lists/tags/beta/1.json')).toBe(1)
    expect(followingLink()).toHaveAccessibleName('Following')
  })

  test(`reads at most ${MAX_CHECKED_TOPICS} topics, the first followed first, as the worker does`, async () => {
    // Nine tags, each with one story after what was seen: only the first eight are asked and counted.
    const tags = Array.from({ length: MAX_CHECKED_TOPICS + 1 }, (_, i) => `t${i + 1}`)
    server.use(
      ...tags.map((slug, i) =>
        respondWithJson(
          `lists/tags/${slug}/1.json`,
          makeListingHead([makeSummary(i + 1, { tags: [{ slug, name: slug }] })]),
        ),
      ),
    )
    followedTopics.write(tags.map((slug) => followed('tags', slug, slug, 0)))
    renderApp('/')
    await waitFor(() => expect(followingLink()).toHaveAccessibleName(withCount(MAX_CHECKED_TOPICS)))
    expect(requestCount('lists/tags/t8/1.json')).toBe(1)
    expect(requestCount('lists/tags/t9/1.json')).toBe(0)
  })

  test('goes to 0 after a visit to Following, and when another tab visits it', async () => {
    followedTopics.write([beta(midJanuary)])
    const { user, router } = renderApp('/')
    await waitFor(() => expect(followingLink()).toHaveAccessibleName(withCount(2)))

    // On Following itself no count: the stories are there, and the visit moves seenUpTo.
    await user.click(followingLink())
    await screen.findByRole('heading', { level: 1, name: 'Following' })
    expect(followingLink()).toHaveAccessibleName('Following')
    await waitFor(() => expect(followedTopics.read()[0]!.seenUpTo).toBe(published(3)))
    await act(() => router.navigate('/'))
    await screen.findByRole('region', { name: /^Stories, page 1$/ })
    expect(followingLink()).toHaveAccessibleName('Following')

    // Another tab sets the last visit back (as if it had not happened), then visits Following again.
    const inAnotherTab = (seenUpTo: number) =>
      act(() => {
        localStorage.setItem(
          FOLLOWED_STORAGE_KEY,
          JSON.stringify({ version: 1, stories: [beta(seenUpTo)] }),
        )
        window.dispatchEvent(new StorageEvent('storage', { key: FOLLOWED_STORAGE_KEY }))
      })
    inAnotherTab(midJanuary)
    await waitFor(() => expect(followingLink()).toHaveAccessibleName(withCount(2)))
    inAnotherTab(published(3))
    await waitFor(() => expect(followingLink()).toHaveAccessibleName('Following'))
    expect(badge()).toBeNull()
  })
})

describe("the app's badge when the app opens", () => {
  test('opted in: set to the same count as the header', async () => {
    const { setAppBadge } = withBadging()
    optInList.write([{ since: 0 }])
    followedTopics.write([world(midJanuary), beta(midJanuary)])
    renderApp('/')
    await waitFor(() => expect(setAppBadge).toHaveBeenCalledWith(2))
    expect(followingLink()).toHaveAccessibleName(withCount(2))
  })

  test('opted in, nothing new: cleared', async () => {
    const { setAppBadge, clearAppBadge } = withBadging()
    optInList.write([{ since: 0 }])
    followedTopics.write([beta(published(3))])
    renderApp('/')
    await waitFor(() => expect(clearAppBadge).toHaveBeenCalled())
    expect(setAppBadge).not.toHaveBeenCalled()
  })

  test('opted in, every topic failing: left as the worker set it (nothing is known)', async () => {
    const { setAppBadge, clearAppBadge } = withBadging()
    optInList.write([{ since: 0 }])
    server.use(
      respondWith('lists/tags/beta/1.json', () => new HttpResponse('down', { status: 500 })),
    )
    followedTopics.write([beta(0)])
    const { queryClient } = renderApp('/')
    await settled(queryClient, [beta(0)])
    expect(setAppBadge).not.toHaveBeenCalled()
    expect(clearAppBadge).not.toHaveBeenCalled()
  })

  test('not opted in: left alone', async () => {
    const { setAppBadge, clearAppBadge } = withBadging()
    followedTopics.write([beta(midJanuary)])
    renderApp('/')
    await waitFor(() => expect(followingLink()).toHaveAccessibleName(withCount(2)))
    expect(setAppBadge).not.toHaveBeenCalled()
    expect(clearAppBadge).not.toHaveBeenCalled()
  })
})

test("the bound is the service worker's (public/background-news-sw.js)", () => {
  const self = { addEventListener: () => {} } as { newsroomBackgroundNews?: { MAX_TOPICS: number } }
  runInNewContext(readFileSync('public/background-news-sw.js', 'utf8'), { self })
  expect(self.newsroomBackgroundNews?.MAX_TOPICS).toBe(MAX_CHECKED_TOPICS)
})
