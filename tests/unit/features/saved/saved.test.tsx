import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { act, screen, waitFor, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { afterEach, describe, expect, inject, test, vi } from 'vitest'
import { articleKeys } from '@/features/articles/api/keys'
import type { Article } from '@/features/articles/api/schemas'
import { SAVED_CACHE } from '@/features/pwa/cache-names'
import { resetSavedCache } from '@/features/saved/api/saved-cache'
import {
  getSavedStories,
  openSavedList,
  saveStory,
  STORAGE_KEY,
} from '@/features/saved/api/saved-stories'
import { respondWith } from '../../../mocks/handlers'
import { requestCount, server } from '../../../mocks/server'
import { renderApp } from '../../../utils/render-app'
import { savableStory, withNothingSaved } from '../../../utils/saved-stories'
import { FakeCacheStorage } from './fake-cache-storage'

withNothingSaved()
afterEach(() => {
  resetSavedCache()
  vi.unstubAllGlobals()
})

/** Cache Storage, which jsdom lacks, in memory. */
function withCacheStorage() {
  const storage = new FakeCacheStorage()
  vi.stubGlobal('caches', storage)
  return storage
}

const fixtureArticle = async (slug: string): Promise<Article> =>
  JSON.parse(
    await readFile(path.join(inject('fixtureApiDir'), 'articles', `${slug}.json`), 'utf8'),
  ) as Article

const story = savableStory

/** The card (article) of a listed story, by its headline. */
const card = (headline: string) =>
  screen.getByRole('heading', { level: 2, name: headline }).closest('article')!

const savedList = () => screen.getByRole('list', { name: 'Saved stories, newest first' })
const savedHeadlines = () =>
  within(savedList())
    .getAllByRole('heading', { level: 2 })
    .map((h) => h.textContent)

describe('saving from a story card', () => {
  test('"Save" becomes "Saved" (pressed), and back', async () => {
    const { user } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    const save = within(card('The third story')).getByRole('button', { name: 'Save' })
    expect(save).toHaveAttribute('aria-pressed', 'false')
    expect(save).toHaveAccessibleDescription('The third story')

    await user.click(save)

    expect(save).toHaveAttribute('aria-pressed', 'true')
    expect(save).toHaveAccessibleName('Saved')
    expect(getSavedStories().map((s) => s.slug)).toEqual(['third-story'])

    await user.click(save)
    expect(save).toHaveAccessibleName('Save')
    expect(save).toHaveAttribute('aria-pressed', 'false')
    expect(getSavedStories()).toEqual([])
  })

  test('keeps the story readable offline: its article and its photos are fetched, and cached', async () => {
    const storage = withCacheStorage()
    // The first story, the one with a photo, is on page 2 of the fixture's latest stories.
    const { user, queryClient } = renderApp('/page/2')
    await screen.findByRole('heading', { level: 2, name: 'The first story' })
    const article = await fixtureArticle('first-story')
    const images = [article.hero!.src, ...article.hero!.srcset.map((s) => s.src)]
    expect(images.length).toBeGreaterThan(1)

    await user.click(within(card('The first story')).getByRole('button', { name: 'Save' }))

    const saved = () => storage.caches.get(SAVED_CACHE)?.paths() ?? []
    const copies = [
      '/api/articles/first-story.json',
      ...new Set(images.map((image) => `/api/${image}`)),
      '/__saved-story__/first-story',
    ].sort()
    await waitFor(() => expect(saved()).toEqual(copies))
    expect(requestCount('articles/first-story.json')).toBe(1)
    for (const image of images) expect(requestCount(image)).toBe(1)
    expect(queryClient.getQueryData(articleKeys.detail('first-story'))).toEqual(article)

    // Unsave: the copies go.
    await user.click(within(card('The first story')).getByRole('button', { name: 'Saved' }))
    await waitFor(() => expect(saved()).toEqual([]))
  })

  test('stays saved when keeping a copy fails (offline): it is copied on the next start', async () => {
    const storage = withCacheStorage()
    server.use(respondWith('articles/third-story.json', () => HttpResponse.error()))
    const { user } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    await user.click(within(card('The third story')).getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(requestCount('articles/third-story.json')).toBeGreaterThan(0))
    expect(within(card('The third story')).getByRole('button', { name: 'Saved' })).toBeVisible()
    expect(getSavedStories().map((s) => s.slug)).toEqual(['third-story'])
    expect(storage.caches.get(SAVED_CACHE)?.paths() ?? []).toEqual([])
  })

  test('stays saved where Cache Storage is missing: nothing is copied, nothing fails', async () => {
    const { user } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    await user.click(within(card('The third story')).getByRole('button', { name: 'Save' }))

    expect(within(card('The third story')).getByRole('button', { name: 'Saved' })).toBeVisible()
    expect(getSavedStories().map((s) => s.slug)).toEqual(['third-story'])
    expect(requestCount('articles/third-story.json')).toBe(0)
  })
})

describe('saving from the article page', () => {
  test('has Save next to Share, and the Saved page lists the story', async () => {
    const { user } = renderApp('/articles/second-story')
    await screen.findByRole('heading', { level: 1, name: 'The second story' })
    const article = screen.getByRole('article')

    await user.click(within(article).getByRole('button', { name: 'Save' }))
    expect(within(article).getByRole('button', { name: 'Saved' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )

    await user.click(screen.getByRole('link', { name: 'Saved stories' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Saved stories' })).toBeVisible()
    expect(savedHeadlines()).toEqual(['The second story'])
    expect(within(savedList()).getByRole('link', { name: 'The second story' })).toHaveAttribute(
      'href',
      '/articles/second-story',
    )
  })
})

describe('the Saved page', () => {
  test('lists the saved stories newest saved first, from the device, with no request', async () => {
    saveStory(story('first-story', 'The first story'), 1_000)
    saveStory(story('third-story', 'The third story'), 3_000)
    saveStory(story('second-story', 'The second story'), 2_000)
    renderApp('/saved')

    expect(await screen.findByRole('heading', { level: 1, name: 'Saved stories' })).toBeVisible()
    // Saving puts a story first, whenever the clock says it was.
    expect(savedHeadlines()).toEqual(['The second story', 'The third story', 'The first story'])
    await waitFor(() => expect(document.title).toBe('Saved stories – Newsroom'))
    expect(requestCount('articles/second-story.json')).toBe(0)
  })

  test('Unsave takes a story off the list, says so, and keeps the keyboard in the list', async () => {
    saveStory(story('first-story', 'The first story'))
    saveStory(story('second-story', 'The second story'))
    const { user } = renderApp('/saved')
    await screen.findByRole('heading', { level: 1, name: 'Saved stories' })

    const unsave = within(savedList()).getAllByRole('button', { name: 'Unsave' })
    expect(unsave[0]).toHaveAccessibleDescription('The second story')
    await user.click(unsave[0]!)

    expect(savedHeadlines()).toEqual(['The first story'])
    expect(screen.getByText('Removed “The second story” from saved stories.')).toHaveAttribute(
      'role',
      'status',
    )
    expect(within(savedList()).getByRole('button', { name: 'Unsave' })).toHaveFocus()
    expect(getSavedStories().map((s) => s.slug)).toEqual(['first-story'])
  })

  test('says how to save a story when there are none', async () => {
    renderApp('/saved')

    expect(await screen.findByText('You have no saved stories yet.')).toBeVisible()
    expect(screen.getByRole('link', { name: 'Go to the latest stories' })).toHaveAttribute(
      'href',
      '/',
    )
    expect(screen.queryByRole('list', { name: /Saved stories/ })).not.toBeInTheDocument()
  })

  test('follows changes made in another tab', async () => {
    renderApp('/saved')
    await screen.findByText('You have no saved stories yet.')

    act(() => {
      // Another tab writes the list; this one hears of it through the storage event.
      localStorage.setItem(
        STORAGE_KEY,
        JSON.stringify({
          version: 1,
          stories: [{ ...story('first-story', 'The first story'), savedAt: 1 }],
        }),
      )
      window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY }))
    })

    expect(savedHeadlines()).toEqual(['The first story'])
  })
})

describe('saved stories on the device', () => {
  test('survive a new start (they are read back from storage)', () => {
    saveStory(story('first-story', 'The first story'))
    // A new visit's list reads back what this one stored.
    expect(
      openSavedList()
        .read()
        .map((s) => s.headline),
    ).toEqual(['The first story'])
  })

  test('keep only the summary a story needs, not the whole article', async () => {
    saveStory(await fixtureArticle('first-story'))
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY)!) as {
      stories: Record<string, unknown>[]
    }
    expect(Object.keys(stored.stories[0]!).sort()).toEqual(
      [
        'author',
        'headline',
        'published',
        'readingMinutes',
        'savedAt',
        'section',
        'slug',
        'summary',
      ].sort(),
    )
  })

  test('a damaged or unknown entry reads as none, never as a crash', async () => {
    localStorage.setItem(STORAGE_KEY, '{"version": 1, "stories": [{"slug": 4')
    expect(getSavedStories()).toEqual([])
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: 99, stories: [] }))
    expect(getSavedStories()).toEqual([])

    renderApp('/saved')
    expect(await screen.findByText('You have no saved stories yet.')).toBeVisible()
  })

  test('saving still works, for the visit, where storage cannot even be reached', async () => {
    // Chromium with cookies blocked: reading the `localStorage` property itself throws.
    const blocked = vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('Access is denied for this document.', 'SecurityError')
    })
    try {
      const { user } = renderApp('/articles/first-story')
      await screen.findByRole('heading', { level: 1, name: 'The first story' })

      await user.click(within(screen.getByRole('article')).getByRole('button', { name: 'Save' }))

      expect(
        within(screen.getByRole('article')).getByRole('button', { name: 'Saved' }),
      ).toBeVisible()
      expect(getSavedStories().map((s) => s.slug)).toEqual(['first-story'])
      expect(blocked).toHaveBeenCalled()
    } finally {
      blocked.mockRestore()
    }
  })

  test('saving still works, for the visit, where storage refuses it', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    const { user } = renderApp('/articles/first-story')
    await screen.findByRole('heading', { level: 1, name: 'The first story' })

    await user.click(within(screen.getByRole('article')).getByRole('button', { name: 'Save' }))

    expect(within(screen.getByRole('article')).getByRole('button', { name: 'Saved' })).toBeVisible()
    expect(getSavedStories().map((s) => s.slug)).toEqual(['first-story'])
  })
})
