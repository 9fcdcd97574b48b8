import { afterEach, describe, expect, test, vi } from 'vitest'
import {
  createSavedCache,
  keepSavedCacheInStep,
  resetSavedCache,
  type StoryFiles,
} from '@/features/saved/api/saved-cache'
import { getSavedStories, saveStory, unsaveStory } from '@/features/saved/api/saved-stories'
import { SAVED_CACHE } from '@/features/pwa/cache-names'
import { apiUrl } from '@/lib/api-client'
import { articleImageUrls } from '@/lib/article-images'
import {
  fromSavedStories,
  pwaOptions,
  SAVED_CACHE as SW_SAVED_CACHE,
} from '../../../../scripts/pwa-options'
import { savableStory, withNothingSaved } from '../../../utils/saved-stories'
import { FakeCacheStorage } from './fake-cache-storage'

withNothingSaved()
afterEach(() => resetSavedCache())

const story = (slug: string) => savableStory(slug)

const shared = { src: 'images/shared.svg', srcset: [] }
const picture = (name: string, widths: number[]) => ({
  src: `images/${name}-${widths[0]}.svg`,
  srcset: widths.map((width) => ({ src: `images/${name}-${width}.svg` })),
})
// Two stories sharing a drawing: `shared.svg` is in both.
const FILES: Record<string, StoryFiles> = {
  one: {
    articleUrl: apiUrl('articles/one.json'),
    article: {
      hero: picture('one', [640, 1280]),
      body: [{ type: 'paragraph' }, { type: 'figure', figure: shared }],
    },
  },
  two: {
    articleUrl: apiUrl('articles/two.json'),
    article: {
      hero: null,
      body: [
        { type: 'figure', figure: picture('two', [640]) },
        { type: 'figure', figure: shared },
      ],
    },
  },
}
const pathsOf = (slug: string) =>
  [...new Set([FILES[slug]!.articleUrl, ...articleImageUrls(FILES[slug]!.article)])].map(
    (url) => new URL(url).pathname,
  )
const manifest = (slug: string) => `/__saved-story__/${slug}`

function setUp(quota = Infinity) {
  const storage = new FakeCacheStorage(quota)
  const loadStory = vi.fn((slug: string) => Promise.resolve(FILES[slug]!))
  const images = vi
    .spyOn(globalThis, 'fetch')
    .mockImplementation(() => Promise.resolve(new Response('<svg/>', { status: 200 })))
  const cache = createSavedCache(SAVED_CACHE, loadStory, storage.asCacheStorage)
  const held = () => storage.caches.get(SAVED_CACHE)?.paths() ?? []
  return { storage, loadStory, images, cache, held }
}

describe('the saved cache', () => {
  test('holds a saved story’s article and every image its page may ask for', async () => {
    const { cache, held, storage } = setUp()
    saveStory(story('one'))
    await cache.sync(true)

    expect(held()).toEqual([...pathsOf('one'), manifest('one')].sort())
    const article = await storage.caches.get(SAVED_CACHE)!.match(FILES.one!.articleUrl)
    expect(await article!.json()).toEqual(FILES.one!.article)
    expect(article!.headers.get('Content-Type')).toBe('application/json')
  })

  test('on unsave, deletes exactly that story’s files: an image another saved story shows stays', async () => {
    const { cache, held } = setUp()
    saveStory(story('one'))
    saveStory(story('two'))
    await cache.sync(true)

    unsaveStory('one')
    await cache.sync(true)

    expect(held()).toEqual([...pathsOf('two'), manifest('two')].sort())
    expect(held()).toContain(new URL(apiUrl('images/shared.svg')).pathname)

    unsaveStory('two')
    await cache.sync(true)
    expect(held()).toEqual([])
  })

  test('asks for an image once, however many saved stories show it', async () => {
    const { cache, images } = setUp()
    saveStory(story('one'))
    saveStory(story('two'))
    await cache.sync(true)

    const asked = images.mock.calls.map(([url]) => new URL(String(url)).pathname)
    expect(asked.filter((p) => p.endsWith('/images/shared.svg'))).toHaveLength(1)
  })

  test('makes a copy again only when it is missing or of another data shape, and only when asked to', async () => {
    const { cache, loadStory, storage } = setUp()
    saveStory(story('one'))
    await cache.sync(false)
    expect(loadStory).not.toHaveBeenCalled()

    await cache.sync(true)
    await cache.sync(true)
    expect(loadStory).toHaveBeenCalledTimes(1)

    // A copy made by a release whose data had another shape.
    const saved = storage.caches.get(SAVED_CACHE)!
    const url = new URL(manifest('one'), location.origin).href
    const old = (await (await saved.match(url))!.json()) as Record<string, unknown>
    await saved.put(url, Response.json({ ...old, schema: 'an-older-shape' }))
    await cache.sync(true)
    expect(loadStory).toHaveBeenCalledTimes(2)
  })

  test('a full disk leaves the story saved; the part copied is still removed on unsave', async () => {
    const { cache, held } = setUp(3)
    saveStory(story('one'))
    await expect(cache.sync(true)).resolves.toBeUndefined()

    expect(getSavedStories().map((s) => s.slug)).toEqual(['one'])
    expect(held()).toHaveLength(3)

    unsaveStory('one')
    await cache.sync(true)
    expect(held()).toEqual([])
  })

  test('a story that cannot be fetched now stays saved, and is copied on a later sync', async () => {
    const { cache, loadStory, held } = setUp()
    loadStory.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    saveStory(story('one'))
    await cache.sync(true)
    expect(held()).toEqual([])
    expect(getSavedStories()).toHaveLength(1)

    await cache.sync(true)
    expect(held()).toEqual([...pathsOf('one'), manifest('one')].sort())
  })
})

describe('keeping the saved cache in step', () => {
  test('follows every Save and Unsave from its start', async () => {
    const { storage, loadStory } = setUp()
    const held = () => storage.caches.get(SAVED_CACHE)?.paths() ?? []
    await keepSavedCacheInStep(SAVED_CACHE, loadStory, storage.asCacheStorage)

    saveStory(story('one'))
    await vi.waitFor(() => expect(held()).toContain(manifest('one')))
    saveStory(story('two'))
    unsaveStory('one')
    await vi.waitFor(() => expect(held()).toEqual([...pathsOf('two'), manifest('two')].sort()))
  })

  test('without Cache Storage, saving works as before', async () => {
    const loadStory = vi.fn()
    await expect(keepSavedCacheInStep(SAVED_CACHE, loadStory, undefined)).resolves.toBeUndefined()
    saveStory(story('one'))
    expect(getSavedStories().map((s) => s.slug)).toEqual(['one'])
    expect(loadStory).not.toHaveBeenCalled()
  })

  test('where Cache Storage refuses to open, saving works as before', async () => {
    const refusing = {
      open: () => Promise.reject(new DOMException('denied', 'SecurityError')),
    } as unknown as CacheStorage
    await expect(keepSavedCacheInStep(SAVED_CACHE, vi.fn(), refusing)).resolves.toBeUndefined()
    saveStory(story('one'))
    expect(getSavedStories().map((s) => s.slug)).toEqual(['one'])
  })
})

describe('the service worker', () => {
  test('answers the articles and images routes from the saved cache, by its unversioned name', () => {
    expect(SW_SAVED_CACHE).toBe(SAVED_CACHE)
    expect(SAVED_CACHE).not.toMatch(/v\d/)
    // Written into sw.js as source text: the name must be spelled out in it.
    expect(fromSavedStories.handlerDidError.toString()).toContain(JSON.stringify(SAVED_CACHE))
    const withPlugin = pwaOptions.workbox?.runtimeCaching
      ?.filter((entry) => entry.options?.plugins?.includes(fromSavedStories))
      .map((entry) => entry.options?.cacheName)
    expect(withPlugin).toEqual([
      expect.stringMatching(/^newsroom-articles-/),
      expect.stringMatching(/^newsroom-images-/),
    ])
  })

  test('its plugin answers with the saved copy, or nothing', async () => {
    const storage = new FakeCacheStorage()
    vi.stubGlobal('caches', storage)
    try {
      const url = apiUrl('images/one-640.svg')
      await (await storage.open(SAVED_CACHE)).put(url, new Response('<svg/>'))
      const answer = await fromSavedStories.handlerDidError({ request: new Request(url) })
      expect(await answer?.text()).toBe('<svg/>')
      const none = await fromSavedStories.handlerDidError({ request: new Request(apiUrl('x.svg')) })
      expect(none).toBeUndefined()
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
