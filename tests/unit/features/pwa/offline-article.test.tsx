import { onlineManager } from '@tanstack/react-query'
import { act, screen, waitFor, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { articleQueryOptions } from '@/features/articles/api/get-article'
import { readCachedStories } from '@/features/pwa/api/offline-articles'
import { ARTICLES_CACHE, PAGES_CACHE, SAVED_CACHE } from '@/features/pwa/cache-names'
import { jsonForScript } from '@/lib/page-head'
import { respondWith } from '../../../mocks/handlers'
import { server } from '../../../mocks/server'
import { findErrorPanel, hrefOf } from '../../../utils/queries'
import { makeTestQueryClient } from '../../../utils/query-client'
import { renderApp } from '../../../utils/render-app'

afterEach(() => {
  act(() => onlineManager.setOnline(true))
  vi.unstubAllGlobals()
})

/** No answer for this API file, as when the network is gone. */
const unreachable = (file: string) => respondWith(file, () => HttpResponse.error())

/**
 * A Cache Storage holding these bodies in the service worker's articles cache, these pages in its
 * pages cache, and these files in the saved stories' cache, oldest first.
 */
function fakeCacheStorage(
  bodies: Record<string, string>,
  pages: Record<string, string> = {},
  saved: Record<string, string> = {},
) {
  const cacheOf = (entries: Record<string, string>) => ({
    keys: async () => Object.keys(entries).map((url) => new Request(url)),
    match: async (request: Request) => new Response(entries[request.url]),
  })
  const open = vi.fn(async (name: string) => {
    if (name === ARTICLES_CACHE) return cacheOf(bodies)
    if (name === PAGES_CACHE) return cacheOf(pages)
    if (name === SAVED_CACHE) return cacheOf(saved)
    throw new Error(`unexpected cache ${name}`)
  })
  return { open } as unknown as CacheStorage & { open: typeof open }
}

/** A prerendered story page as the build writes it: its JSON-LD block in the head, then the page. */
const prerendered = (headline: string) =>
  `<!doctype html><head><script type="application/ld+json" data-page-head>${jsonForScript({
    '@type': 'NewsArticle',
    headline,
  })}</script></head><body><main><h1>${headline.replace(/</g, '&lt;')}</h1></main></body>`

const cachedArticle = (slug: string, headline: string) => [
  `http://localhost/api/articles/${slug}.json`,
  JSON.stringify({ slug, headline, summary: '…', body: [] }),
]

const offlineList = () =>
  within(
    screen.getByRole('heading', { level: 2, name: 'Available offline' }).parentElement!,
  ).getAllByRole('listitem')

describe('a story never opened, offline', () => {
  test('opened from its address: says it is not available offline and lists what is', async () => {
    const caches = fakeCacheStorage(
      Object.fromEntries([
        cachedArticle('third-story', 'The third story'),
        ['http://localhost/api/articles/broken.json', 'not json'],
      ]),
    )
    vi.stubGlobal('caches', caches)
    const queryClient = makeTestQueryClient()
    await queryClient.fetchQuery(articleQueryOptions('first-story'))
    server.use(unreachable('articles/second-story.json'))
    act(() => onlineManager.setOnline(false))

    renderApp('/articles/second-story', { queryClient })

    expect(
      await screen.findByRole('heading', { level: 1, name: 'This story is not available offline' }),
    ).toBeVisible()
    expect(screen.getByText(/has not been saved on this device/)).toBeVisible()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    await waitFor(() => expect(offlineList()).toHaveLength(2))
    // What the query cache holds first (it is what the app has in hand), then the service worker's.
    expect(offlineList().map((item) => item.textContent)).toEqual([
      'The first story',
      'The third story',
    ])
    expect(hrefOf('The first story')).toBe('/articles/first-story')
    expect(caches.open).toHaveBeenCalledWith(ARTICLES_CACHE)
    await waitFor(() => expect(document.title).toBe('Not available offline – Newsroom'))
  })

  test('a headline in another language is listed with its language and direction', async () => {
    const arabic = 'الأمم المتحدة تجتمع'
    vi.stubGlobal(
      'caches',
      fakeCacheStorage({
        'http://localhost/api/articles/un-arabic.json': JSON.stringify({
          slug: 'un-arabic',
          headline: arabic,
          lang: 'ar',
          dir: 'rtl',
          body: [],
        }),
      }),
    )
    server.use(unreachable('articles/second-story.json'))
    act(() => onlineManager.setOnline(false))

    renderApp('/articles/second-story')

    const link = await screen.findByRole('link', { name: arabic })
    expect(link).toHaveAttribute('lang', 'ar')
    expect(link).toHaveAttribute('dir', 'rtl')
  })

  test('opened from a listing: names the story it could not open', async () => {
    vi.stubGlobal('caches', fakeCacheStorage({}))
    const { user } = renderApp('/')
    const link = await screen.findByRole('link', { name: 'The third story' })
    server.use(unreachable('articles/third-story.json'))
    act(() => onlineManager.setOnline(false))

    await user.click(link)

    expect(
      await screen.findByRole('heading', { level: 1, name: 'This story is not available offline' }),
    ).toBeVisible()
    expect(screen.getByText(/“The third story” has not been saved on this device/)).toBeVisible()
    expect(await screen.findByText(/No stories are saved on this device yet/)).toBeVisible()
  })

  test('opens by itself when the network returns', async () => {
    vi.stubGlobal('caches', fakeCacheStorage({}))
    server.use(unreachable('articles/second-story.json'))
    act(() => onlineManager.setOnline(false))
    renderApp('/articles/second-story')
    await screen.findByRole('heading', { level: 1, name: 'This story is not available offline' })

    server.resetHandlers()
    act(() => onlineManager.setOnline(true))

    expect(await screen.findByRole('heading', { level: 1, name: 'The second story' })).toBeVisible()
  })

  test('"Try again" tries again', async () => {
    vi.stubGlobal('caches', fakeCacheStorage({}))
    server.use(unreachable('articles/second-story.json'))
    act(() => onlineManager.setOnline(false))
    const { user } = renderApp('/articles/second-story')
    await screen.findByRole('heading', { level: 1, name: 'This story is not available offline' })

    // The service worker may have it after all (saved in another tab, say).
    server.resetHandlers()
    await user.click(screen.getByRole('button', { name: 'Try again' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'The second story' })).toBeVisible()
  })

  test('works without Cache Storage (an old browser, an insecure origin)', async () => {
    vi.stubGlobal('caches', undefined)
    server.use(unreachable('articles/second-story.json'))
    act(() => onlineManager.setOnline(false))
    renderApp('/articles/second-story')

    expect(
      await screen.findByRole('heading', { level: 1, name: 'This story is not available offline' }),
    ).toBeVisible()
    expect(await screen.findByText(/No stories are saved on this device yet/)).toBeVisible()
  })
})

describe('a story that fails to load while online', () => {
  test('is the usual failure, with Retry: no answer is not the same as offline', async () => {
    server.use(unreachable('articles/second-story.json'))
    renderApp('/articles/second-story')

    const { alert } = await findErrorPanel()
    expect(alert).toHaveTextContent('The newsroom could not be reached. Check your connection.')
    expect(
      screen.queryByRole('heading', { name: 'This story is not available offline' }),
    ).not.toBeInTheDocument()
  })

  test('becomes the offline page once it turns out the reader is offline', async () => {
    vi.stubGlobal('caches', fakeCacheStorage({}))
    server.use(unreachable('articles/second-story.json'))
    renderApp('/articles/second-story')
    await findErrorPanel()

    act(() => onlineManager.setOnline(false))

    expect(
      screen.getByRole('heading', { level: 1, name: 'This story is not available offline' }),
    ).toBeVisible()
  })
})

describe('readCachedStories', () => {
  test('reads headline and slug from each cached article, newest first, skipping the unreadable', async () => {
    const caches = fakeCacheStorage(
      Object.fromEntries([
        cachedArticle('first-story', 'The first story'),
        ['http://localhost/api/articles/x.json', JSON.stringify({ slug: 'x' })],
        cachedArticle('third-story', 'The third story'),
      ]),
    )
    expect(await readCachedStories(caches)).toEqual([
      { slug: 'third-story', headline: 'The third story' },
      { slug: 'first-story', headline: 'The first story' },
    ])
  })

  test('also lists stories opened as whole pages (prerendered HTML in the pages cache)', async () => {
    const caches = fakeCacheStorage(
      Object.fromEntries([cachedArticle('first-story', 'The first story')]),
      {
        'http://localhost/articles/second-story': prerendered('The second story'),
        'http://localhost/articles/first-story': prerendered('The first story'),
        'http://localhost/sections/world': prerendered('World'),
        'http://localhost/articles/no-data': '<main><h1>A page without its JSON-LD</h1></main>',
      },
    )
    expect(await readCachedStories(caches)).toEqual([
      { slug: 'first-story', headline: 'The first story' },
      { slug: 'second-story', headline: 'The second story' },
    ])
  })

  test('lists saved stories first, from their own copies, which outlive the bounded caches', async () => {
    const caches = fakeCacheStorage(
      Object.fromEntries([cachedArticle('first-story', 'The first story')]),
      {},
      Object.fromEntries([
        cachedArticle('saved-story', 'A saved story'),
        cachedArticle('first-story', 'The first story'),
        // The saved cache's own bookkeeping, and a photo: not stories.
        ['http://localhost/__saved-story__/saved-story', JSON.stringify({ files: [] })],
        ['http://localhost/api/images/a-640.webp', 'not json'],
      ]),
    )
    expect(await readCachedStories(caches)).toEqual([
      { slug: 'first-story', headline: 'The first story' },
      { slug: 'saved-story', headline: 'A saved story' },
    ])
  })

  test('reads the headline as text from the JSON-LD, however hostile', async () => {
    const headline = '</script><img src=x onerror=alert(1)> & "quotes" \u2028'
    const caches = fakeCacheStorage({}, { 'http://localhost/articles/odd': prerendered(headline) })
    expect(await readCachedStories(caches)).toEqual([{ slug: 'odd', headline: headline.trim() }])
  })

  test('is empty when Cache Storage is missing or fails', async () => {
    expect(await readCachedStories(undefined)).toEqual([])
    const failing = {
      open: () => Promise.reject(new DOMException('denied', 'SecurityError')),
    } as unknown as CacheStorage
    expect(await readCachedStories(failing)).toEqual([])
  })
})
