import { readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { mirrorOf, MIRROR_PATH, STATE_PATH } from '@/features/background-news/api/mirror'
import { FOLLOWING_CACHE } from '@/features/pwa/cache-names'
import { FOLLOWING_CACHE as SW_FOLLOWING_CACHE, pwaOptions } from '../../../../scripts/pwa-options'
import { FakeCacheStorage } from '../saved/fake-cache-storage'

/**
 * public/background-news-sw.js, the service worker's background check, run as sw.js runs it (a classic
 * script on `self`), against a fake worker: its caches, its network, its notifications and its badge.
 */
const SCRIPT = readFileSync('public/background-news-sw.js', 'utf8')
const ORIGIN = 'https://newsroom.test'
const HOUR = 60 * 60 * 1000
const T0 = Date.parse('2026-06-01T08:00:00.000Z')
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString()
const WORDS = {
  title: 'Newsroom',
  one: '{count} new story in {names}',
  other: '{count} new stories in {names}',
}

interface Topic {
  key: string
  name: string
  url: string
  seenUpTo: number
}
interface State {
  notified: Record<string, number>
  failures: number
  retryAt: number
  badge: number
}
interface Found {
  count: number
  fresh: number
  names: string[]
  failed: boolean
  state: State
}
interface BackgroundNews {
  TAG: string
  CACHE: string
  MAX_TOPICS: number
  readState: (value: unknown) => State
  planCheck: (mirror: { topics: Topic[] } | null, state: State, now: number) => Topic[]
  summarize: (topics: Topic[], pages: unknown[], state: State, now: number) => Found
  check: () => Promise<Found | null>
}

/** Listing pages by URL, each a list of publication times (hours after T0); a missing one answers 404. */
function setUp(listings: Record<string, number[]>, { onLine = true } = {}) {
  const storage = new FakeCacheStorage()
  const listeners = new Map<string, (event: unknown) => void>()
  const requested: string[] = []
  const fetch = vi.fn((url: string) => {
    requested.push(url)
    const times = listings[url]
    return Promise.resolve(
      times
        ? Response.json({ items: times.map((h) => ({ slug: `s${h}`, published: at(h) })) })
        : new Response('', { status: 404 }),
    )
  })
  const self = {
    location: { href: `${ORIGIN}/sw.js` },
    caches: storage.asCacheStorage,
    navigator: { onLine, setAppBadge: vi.fn(() => Promise.resolve()) },
    registration: { showNotification: vi.fn(() => Promise.resolve()) },
    clients: { matchAll: vi.fn(() => Promise.resolve([])), openWindow: vi.fn() },
    addEventListener: (type: string, listener: (event: unknown) => void) =>
      listeners.set(type, listener),
    newsroomBackgroundNews: undefined as unknown as BackgroundNews,
  }
  runInNewContext(SCRIPT, { self, URL, Response, fetch, Date })
  const news = self.newsroomBackgroundNews
  const put = async (path: string, body: unknown) =>
    (await storage.open(FOLLOWING_CACHE)).put(`${ORIGIN}${path}`, Response.json(body))
  const read = async (path: string): Promise<unknown> =>
    (await (await storage.open(FOLLOWING_CACHE)).match(`${ORIGIN}${path}`))?.json()
  return { self, news, fetch, requested, listeners, put, read }
}

const topic = (slug: string, seenUpTo = 0): Topic => ({
  key: `tags:${slug}`,
  name: slug[0]!.toUpperCase() + slug.slice(1),
  url: `${ORIGIN}/api/lists/tags/${slug}/1.json`,
  seenUpTo: T0 + seenUpTo * HOUR,
})
const mirror = (topics: Topic[]) => ({ version: 1, topics, words: WORDS })

afterEach(() => vi.useRealTimers())

describe('the background check (public/background-news-sw.js)', () => {
  test('names the cache the app and scripts/pwa-options.ts name, and is imported into sw.js', () => {
    const { news } = setUp({})
    expect(news.CACHE).toBe(FOLLOWING_CACHE)
    expect(SW_FOLLOWING_CACHE).toBe(FOLLOWING_CACHE)
    expect(pwaOptions.workbox?.importScripts).toContain('/background-news-sw.js')
    expect(news.TAG).toBe('newsroom-following')
  })

  test('reads the mirror the page writes', async () => {
    const written = mirrorOf(
      [{ kind: 'tags', slug: 'climate', name: 'Climate', seenUpTo: T0 }],
      WORDS,
    )
    const { news, put, requested } = setUp({})
    await put(MIRROR_PATH, written)
    await news.check()
    expect(requested).toEqual([written.topics[0]!.url])
  })

  test('counts the stories published after what was seen, per topic, and names the topics with some', () => {
    const { news } = setUp({})
    const topics = [topic('climate', 10), topic('world', 10), topic('rail', 10)]
    const found = news.summarize(
      topics,
      [page([12, 11, 9]), page([20, 5]), page([3])],
      news.readState(null),
      T0,
    )
    expect(found).toMatchObject({ count: 3, fresh: 3, names: ['Climate', 'World'], failed: false })
    expect(found.state.badge).toBe(3)
  })

  test('a story in two followed topics is counted once, as the app counts it', () => {
    const { news } = setUp({})
    const topics = [topic('climate', 10), topic('world', 10)]
    const found = news.summarize(topics, [page([12, 11]), page([12, 3])], news.readState(null), T0)
    expect(found).toMatchObject({ count: 2, fresh: 2, names: ['Climate', 'World'] })
    expect(found.state.badge).toBe(2)
  })

  test('a story notified once is counted but not fresh the next time', () => {
    const { news } = setUp({})
    const topics = [topic('climate', 10)]
    const first = news.summarize(topics, [page([12])], news.readState(null), T0)
    const second = news.summarize(topics, [page([12])], first.state, T0 + HOUR)
    expect([first.fresh, second.fresh, second.count]).toEqual([1, 0, 1])
    const third = news.summarize(topics, [page([14, 12])], second.state, T0 + 2 * HOUR)
    expect([third.fresh, third.count]).toEqual([1, 2])
  })

  test('only the stories counted are marked notified, not what the reader had seen', () => {
    const { news } = setUp({})
    // Nothing new against a late seenUpTo; then the reader's mark is earlier (another device's list, say).
    const first = news.summarize([topic('climate', 20)], [page([12])], news.readState(null), T0)
    const second = news.summarize([topic('climate', 10)], [page([12])], first.state, T0 + HOUR)
    expect([first.fresh, second.fresh, second.count]).toEqual([0, 1, 1])
  })

  test('asks about at most MAX_TOPICS topics, one request each', async () => {
    const slugs = Array.from({ length: 12 }, (_, i) => `topic-${i}`)
    const { news, put, requested } = setUp({})
    await put(MIRROR_PATH, mirror(slugs.map((s) => topic(s))))
    await news.check()
    expect(news.MAX_TOPICS).toBe(8)
    expect(requested).toEqual(slugs.slice(0, 8).map((s) => topic(s).url))
  })

  test('shows one notification naming the count and sets the badge when something is new', async () => {
    const climate = topic('climate', 10)
    const world = topic('world', 10)
    const { news, self, put, read } = setUp({ [climate.url]: [13, 12, 2], [world.url]: [11] })
    await put(MIRROR_PATH, mirror([climate, world]))
    await news.check()
    expect(self.registration.showNotification).toHaveBeenCalledTimes(1)
    expect(self.registration.showNotification).toHaveBeenCalledWith('Newsroom', {
      tag: 'newsroom-following',
      body: '3 new stories in Climate, World',
      icon: '/pwa-192x192.png',
      data: { url: '/following' },
    })
    expect(self.navigator.setAppBadge).toHaveBeenCalledWith(3)
    expect(await read(STATE_PATH)).toMatchObject({ badge: 3, failures: 0 })
    // The next check finds nothing fresh: no second notification.
    await news.check()
    expect(self.registration.showNotification).toHaveBeenCalledTimes(1)
  })

  test('nothing new: no notification and no badge', async () => {
    const climate = topic('climate', 10)
    const { news, self, put } = setUp({ [climate.url]: [9, 2] })
    await put(MIRROR_PATH, mirror([climate]))
    await news.check()
    expect(self.registration.showNotification).not.toHaveBeenCalled()
    expect(self.navigator.setAppBadge).not.toHaveBeenCalled()
  })

  test('a page that is not a listing is a failure, not a count', () => {
    const { news } = setUp({})
    const bad = [{ items: [{ published: 'yesterday' }] }, { items: 'x' }, null, 'text']
    for (const body of bad) {
      expect(news.summarize([topic('climate')], [body], news.readState(null), T0)).toMatchObject({
        count: 0,
        failed: true,
      })
    }
  })

  test('backs off, doubling the wait, while every request fails or the device is offline', async () => {
    vi.useFakeTimers({ now: T0, toFake: ['Date'] })
    const climate = topic('climate')
    const { news, put, read, requested } = setUp({}, { onLine: false })
    await put(MIRROR_PATH, mirror([climate]))
    await news.check()
    expect(requested).toEqual([])
    const first = (await read(STATE_PATH)) as State
    expect(first.failures).toBe(1)
    const wait = first.retryAt - T0
    expect(wait).toBeGreaterThan(0)
    // Before the wait is over, no check at all.
    expect(news.planCheck(mirror([climate]), first, first.retryAt - 1)).toEqual([])
    const second = news.summarize([climate], [null], first, first.retryAt)
    expect(second.state.failures).toBe(2)
    expect(second.state.retryAt - first.retryAt).toBe(2 * wait)
    // A check that answers ends the back-off.
    const third = news.summarize([climate], [page([1])], second.state, second.state.retryAt)
    expect(third.state).toMatchObject({ failures: 0, retryAt: 0 })
  })

  test('a damaged or missing mirror checks nothing', async () => {
    const { news, put, requested } = setUp({})
    await news.check()
    await put(MIRROR_PATH, { version: 2, topics: [topic('climate')], words: WORDS })
    await news.check()
    await put(MIRROR_PATH, { version: 1, topics: [topic('climate')] })
    await news.check()
    expect(requested).toEqual([])
  })

  test('runs on its periodic sync only, and a click opens Following', async () => {
    const { listeners, self, put } = setUp({})
    await put(MIRROR_PATH, mirror([topic('climate')]))
    const waited: Promise<unknown>[] = []
    const waitUntil = (p: Promise<unknown>) => waited.push(p)
    listeners.get('periodicsync')!({ tag: 'something-else', waitUntil })
    expect(waited).toHaveLength(0)
    listeners.get('periodicsync')!({ tag: 'newsroom-following', waitUntil })
    expect(waited).toHaveLength(1)
    await Promise.all(waited)
    const close = vi.fn()
    listeners.get('notificationclick')!({
      notification: { tag: 'newsroom-following', close },
      waitUntil,
    })
    await Promise.all(waited)
    expect(close).toHaveBeenCalled()
    expect(self.clients.openWindow).toHaveBeenCalledWith(`${ORIGIN}/following`)
  })
})

/** A listing page of stories published these hours after T0; a story's slug is its hour, so two topics listing the same hour list the same story. */
function page(hours: number[]) {
  return { items: hours.map((h) => ({ slug: `s${h}`, published: at(h) })) }
}
