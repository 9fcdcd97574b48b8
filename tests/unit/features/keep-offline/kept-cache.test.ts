import { describe, expect, test, vi } from 'vitest'
import {
  createKeptCache,
  keepKeptCacheInStep,
  type KeptSources,
  type ListedStory,
} from '@/features/keep-offline/api/kept-cache'
import {
  getKeptTopics,
  keepTopic,
  setBudget,
  stopKeeping,
} from '@/features/keep-offline/api/kept-topics'
import { KEPT_CACHE, SAVED_CACHE } from '@/features/pwa/cache-names'
import { apiUrl } from '@/lib/api-client'
import type { ArticleToKeep } from '@/lib/article-images'
import {
  fromKeptTopics,
  fromSavedStories,
  KEPT_CACHE as SW_KEPT_CACHE,
  pwaOptions,
} from '../../../../scripts/pwa-options'
import { FakeCacheStorage } from '../saved/fake-cache-storage'
import { withNothingKept } from './with-nothing-kept'

withNothingKept()

const world = { kind: 'sections', slug: 'world' } as const
const rail = { kind: 'tags', slug: 'rail' } as const

/** Each story has a photo at two widths, its own, of `PHOTO_BYTES` bytes a width. */
const PHOTO_BYTES = 1_000
const day = (n: number) => `2026-01-${String(n).padStart(2, '0')}T08:00:00.000Z`
const listed = (slug: string, published: number): ListedStory => ({
  slug,
  published: day(published),
  version: day(published),
})
const STORIES: Record<string, ListedStory[]> = {
  'sections/world': [listed('newest', 20), listed('middle', 12), listed('oldest', 3)],
  'tags/rail': [listed('middle', 12), listed('rail-only', 8)],
}
const articleOf = (slug: string): ArticleToKeep => ({
  hero: {
    src: `images/${slug}-640.webp`,
    srcset: [{ src: `images/${slug}-640.webp` }, { src: `images/${slug}-1280.webp` }],
  },
  body: [{ type: 'paragraph' }],
})

function setUp(quota = Infinity) {
  const storage = new FakeCacheStorage(quota)
  const saved = new Set<string>()
  const sources = {
    loadTopic: vi.fn((topic: { kind: string; slug: string }) => {
      const key = `${topic.kind}/${topic.slug}`
      return Promise.resolve({
        listing: { url: apiUrl(`lists/${key}/1.json`), body: { items: STORIES[key] } },
        stories: STORIES[key]!,
      })
    }),
    loadShared: vi.fn(() => Promise.resolve([{ url: apiUrl('site.json'), body: { name: 'N' } }])),
    loadStory: vi.fn((slug: string) =>
      Promise.resolve({ url: apiUrl(`articles/${slug}.json`), article: articleOf(slug) }),
    ),
    isSaved: (slug: string) => saved.has(slug),
  } satisfies KeptSources
  const images = vi
    .spyOn(globalThis, 'fetch')
    .mockImplementation(() =>
      Promise.resolve(new Response('x'.repeat(PHOTO_BYTES), { status: 200 })),
    )
  const cache = createKeptCache(KEPT_CACHE, sources, storage.asCacheStorage)
  const held = () => storage.caches.get(KEPT_CACHE)?.paths() ?? []
  const storiesHeld = () =>
    held()
      .filter((path) => path.startsWith('/api/articles/'))
      .map((path) => path.replace(/^\/api\/articles\/|\.json$/g, ''))
      .sort()
  return { storage, saved, sources, images, cache, held, storiesHeld }
}

describe('the kept cache', () => {
  test('holds a kept topic’s listing, the site’s names, and each story with its photos', async () => {
    const { cache, held, storage } = setUp()
    keepTopic(world, 'World')
    await cache.sync(true)

    expect(held()).toEqual(
      [
        '/__kept-topic__/sections/world',
        '/api/lists/sections/world/1.json',
        '/api/site.json',
        ...['newest', 'middle', 'oldest'].flatMap((slug) => [
          `/__kept-story__/${slug}`,
          `/api/articles/${slug}.json`,
          `/api/images/${slug}-640.webp`,
          `/api/images/${slug}-1280.webp`,
        ]),
      ].sort(),
    )
    const listing = await storage.caches
      .get(KEPT_CACHE)!
      .match(apiUrl('lists/sections/world/1.json'))
    expect(await listing!.json()).toEqual({ items: STORIES['sections/world'] })
  })

  test('measures what each topic uses from the bytes stored', async () => {
    const { cache, storage } = setUp()
    keepTopic(world, 'World')
    keepTopic(rail, 'Rail')
    await cache.sync(true)

    const kept = storage.caches.get(KEPT_CACHE)!
    const size = async (path: string) =>
      (await (await kept.match(apiUrl(path)))!.arrayBuffer()).byteLength
    const story = async (slug: string) => (await size(`articles/${slug}.json`)) + 2 * PHOTO_BYTES
    const shared = await size('site.json')
    const usage = await cache.usage()
    expect(usage.topics.get('tags/rail')).toBe(
      (await size('lists/tags/rail/1.json')) +
        shared +
        (await story('middle')) +
        (await story('rail-only')),
    )
    expect(usage.total).toBeGreaterThan(usage.topics.get('sections/world')!)
    expect(usage.total).toBeLessThan(
      usage.topics.get('sections/world')! + usage.topics.get('tags/rail')!,
    )
  })

  test('on Stop keeping, removes that topic’s files; a story another kept topic lists stays', async () => {
    const { cache, storiesHeld, held } = setUp()
    keepTopic(world, 'World')
    keepTopic(rail, 'Rail')
    await cache.sync(true)
    expect(storiesHeld()).toEqual(['middle', 'newest', 'oldest', 'rail-only'])

    stopKeeping(world)
    await cache.sync(false)
    expect(storiesHeld()).toEqual(['middle', 'rail-only'])
    expect(held()).not.toContain('/api/lists/sections/world/1.json')

    stopKeeping(rail)
    await cache.sync(false)
    expect(held()).toEqual([])
  })

  test('over the budget, drops the oldest stories first', async () => {
    const { cache, storiesHeld } = setUp()
    keepTopic(world, 'World')
    await cache.sync(true)
    const { total } = await cache.usage()

    setBudget(total - 1)
    await cache.sync(false)
    expect(storiesHeld()).toEqual(['middle', 'newest'])
    expect((await cache.usage()).total).toBeLessThanOrEqual(total - 1)
  })

  test('never drops, nor copies again, a saved story: the saved cache holds it', async () => {
    const { cache, storiesHeld, saved, sources, storage } = setUp()
    keepTopic(world, 'World')
    await cache.sync(true)
    saved.add('oldest')

    setBudget(1)
    await cache.sync(true)
    expect(storiesHeld()).toEqual(['oldest'])
    expect(sources.loadStory).toHaveBeenCalledTimes(3)
    // The saved cache is never touched.
    expect(storage.caches.has(SAVED_CACHE)).toBe(false)
  })

  test('copies a story again only when it changed, and nothing while the budget is spent', async () => {
    const { cache, sources } = setUp()
    keepTopic(world, 'World')
    await cache.sync(true)
    await cache.sync(true)
    expect(sources.loadStory).toHaveBeenCalledTimes(3)

    STORIES['sections/world']![0] = { ...listed('newest', 20), version: day(21) }
    try {
      await cache.sync(true)
      expect(sources.loadStory).toHaveBeenCalledTimes(4)
      expect(sources.loadStory).toHaveBeenLastCalledWith('newest')
    } finally {
      STORIES['sections/world']![0] = listed('newest', 20)
    }
  })

  test('a story that cannot be fetched now is left for a later sync; the topic stays kept', async () => {
    const { cache, sources, storiesHeld } = setUp()
    sources.loadStory.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    keepTopic(world, 'World')
    await cache.sync(true)
    expect(storiesHeld()).toEqual(['middle', 'oldest'])
    expect(getKeptTopics()).toHaveLength(1)

    await cache.sync(true)
    expect(storiesHeld()).toEqual(['middle', 'newest', 'oldest'])
  })

  test('a full disk leaves the topic kept, and what was stored of a cut copy goes', async () => {
    const { cache, held } = setUp(5)
    keepTopic(world, 'World')
    await expect(cache.sync(true)).resolves.toBeUndefined()
    expect(getKeptTopics()).toHaveLength(1)
    // Nothing stored without a manifest listing it.
    expect(held().filter((p) => p.startsWith('/api/articles/'))).toEqual([])
  })
})

describe('keeping the kept cache in step', () => {
  test('follows Keep offline, Stop keeping and Clear from its start', async () => {
    const { storage, sources } = setUp()
    const held = () => storage.caches.get(KEPT_CACHE)?.paths() ?? []
    const inStep = await keepKeptCacheInStep(KEPT_CACHE, sources, storage.asCacheStorage)

    keepTopic(world, 'World')
    await vi.waitFor(() => expect(held()).toContain('/api/articles/oldest.json'))
    keepTopic(rail, 'Rail')
    await vi.waitFor(() => expect(held()).toContain('/api/articles/rail-only.json'))

    await inStep.clear()
    expect(getKeptTopics()).toEqual([])
    expect(held()).toEqual([])
  })

  test('without Cache Storage, keeping a topic works, without copies', async () => {
    const inStep = await keepKeptCacheInStep(KEPT_CACHE, setUp().sources, undefined)
    keepTopic(world, 'World')
    expect(getKeptTopics()).toHaveLength(1)
    expect((await inStep.usage()).total).toBe(0)
  })
})

describe('the service worker', () => {
  test('answers the articles, images and other API routes from the kept cache, after the saved one', () => {
    expect(SW_KEPT_CACHE).toBe(KEPT_CACHE)
    expect(KEPT_CACHE).not.toMatch(/v\d/)
    expect(fromKeptTopics.handlerDidError.toString()).toContain(JSON.stringify(KEPT_CACHE))
    const routes = pwaOptions.workbox?.runtimeCaching ?? []
    const withPlugin = routes
      .filter((entry) => entry.options?.plugins?.includes(fromKeptTopics))
      .map((entry) => entry.options?.cacheName)
    expect(withPlugin).toEqual([
      expect.stringMatching(/^newsroom-articles-/),
      expect.stringMatching(/^newsroom-images-/),
      expect.stringMatching(/^newsroom-api-/),
    ])
    for (const entry of routes) {
      const plugins = entry.options?.plugins ?? []
      if (plugins.includes(fromSavedStories)) {
        expect(plugins.indexOf(fromSavedStories)).toBeLessThan(plugins.indexOf(fromKeptTopics))
      }
    }
  })

  test('its plugin answers with the kept copy, or nothing', async () => {
    const storage = new FakeCacheStorage()
    vi.stubGlobal('caches', storage)
    try {
      const url = apiUrl('lists/sections/world/1.json')
      await (await storage.open(KEPT_CACHE)).put(url, new Response('{}'))
      const answer = await fromKeptTopics.handlerDidError({ request: new Request(url) })
      expect(await answer?.text()).toBe('{}')
      const none = await fromKeptTopics.handlerDidError({ request: new Request(apiUrl('x.json')) })
      expect(none).toBeUndefined()
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
