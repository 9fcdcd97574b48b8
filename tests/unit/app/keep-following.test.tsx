import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, inject, test, vi } from 'vitest'
import type { Article, ListingHead } from '@/features/articles/api/schemas'
import {
  followTopics,
  getFollowedTopics,
  unfollowTopic,
} from '@/features/following/api/followed-topics'
import {
  keepsFollowing,
  keepTopic,
  setKeepFollowing,
} from '@/features/keep-offline/api/kept-topics'
import { resetKeptCache } from '@/features/keep-offline/api/kept-cache'
import { KEPT_CACHE } from '@/features/pwa/cache-names'
import { respondWithJson } from '../../mocks/handlers'
import { server } from '../../mocks/server'
import { withNewestStories } from '../../utils/factories'
import { renderApp } from '../../utils/render-app'
import { FakeCacheStorage } from '../features/saved/fake-cache-storage'
import { withNothingFollowed } from '../features/following/with-nothing-followed'
import { withNothingKept } from '../features/keep-offline/with-nothing-kept'

withNothingFollowed()
withNothingKept()

/*
 * Keep offline on Following (src/app composes the following list into the kept cache): the fixture's tag
 * Beta lists all three stories, the section World the first and the third.
 */
const beta = { kind: 'tags', slug: 'beta', name: 'Beta' } as const
const world = { kind: 'sections', slug: 'world', name: 'World' } as const

/** Cache Storage, which jsdom lacks, in memory; and what its kept cache holds. */
function withCacheStorage() {
  const storage = new FakeCacheStorage()
  vi.stubGlobal('caches', storage)
  return () => storage.caches.get(KEPT_CACHE)?.paths() ?? []
}

const listingOf = (topic: { kind: string; slug: string }) =>
  `/api/lists/${topic.kind}/${topic.slug}/1.json`

describe('Keep offline on Following', () => {
  test('keeps every followed topic, and one followed later; an unfollowed one goes', async () => {
    const held = withCacheStorage()
    followTopics([beta])
    const { user } = renderApp('/following')
    await screen.findByRole('heading', { level: 1, name: 'Following' })
    const keep = await screen.findByRole('button', { name: 'Keep offline' })
    expect(keep).toHaveAttribute('aria-pressed', 'false')

    await user.click(keep)
    expect(keep).toHaveAttribute('aria-pressed', 'true')
    expect(keepsFollowing()).toBe(true)
    await waitFor(() => expect(held()).toContain(listingOf(beta)))
    await waitFor(() => expect(held()).toContain('/api/articles/second-story.json'))

    // Followed while Following is kept: kept too.
    followTopics([world])
    await waitFor(() => expect(held()).toContain(listingOf(world)))

    // Unfollowed: no longer kept, nor the story only it listed.
    unfollowTopic(beta)
    await waitFor(() => expect(held()).not.toContain(listingOf(beta)))
    await waitFor(() => expect(held()).not.toContain('/api/articles/second-story.json'))
    expect(held()).toContain(listingOf(world))
  })

  test('a topic also kept on its own stays kept when unfollowed', async () => {
    const held = withCacheStorage()
    followTopics([beta, world])
    keepTopic(beta, 'Beta')
    setKeepFollowing(true)
    renderApp('/saved')
    await screen.findByRole('region', { name: 'Offline reading' })
    await waitFor(() => expect(held()).toContain(listingOf(world)))

    unfollowTopic(beta)
    unfollowTopic(world)
    expect(getFollowedTopics()).toEqual([])
    await waitFor(() => expect(held()).not.toContain(listingOf(world)))
    expect(held()).toContain(listingOf(beta))
  })

  test('is refreshed when the app opens, with nothing kept on its own', async () => {
    const held = withCacheStorage()
    followTopics([world])
    setKeepFollowing(true)
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    await waitFor(() => expect(held()).toContain(listingOf(world)))
  })

  test('is one entry, "Following", in the Offline reading panel, with its size and Stop keeping', async () => {
    withCacheStorage()
    followTopics([beta, world])
    setKeepFollowing(true)
    const { user } = renderApp('/saved')
    const panel = await screen.findByRole('region', { name: 'Offline reading' })
    const item = within(panel).getByRole('link', { name: 'Following' }).closest('li')!
    expect(within(panel).getByRole('link', { name: 'Following' })).toHaveAttribute(
      'href',
      '/following',
    )
    await waitFor(() => expect(item).toHaveTextContent(/Following \d+ (kB|MB)/))
    expect(item).toHaveTextContent('Every topic you follow.')
    // The followed topics are not listed one by one.
    expect(within(panel).queryByRole('link', { name: 'Beta' })).toBeNull()

    const stop = within(item).getByRole('button', { name: 'Stop keeping' })
    expect(stop).toHaveAccessibleDescription('Following')
    await user.click(stop)
    expect(keepsFollowing()).toBe(false)
    expect(within(panel).queryByRole('link', { name: 'Following' })).toBeNull()
  })
})

describe('a topic kept offline', () => {
  const fixture = async <T,>(file: string) =>
    JSON.parse(await readFile(path.join(inject('fixtureApiDir'), file), 'utf8')) as T

  test('is refreshed when the app next opens: a story published since is stored too', async () => {
    const held = withCacheStorage()
    keepTopic(world, 'World')
    const first = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    await waitFor(() => expect(held()).toContain(listingOf(world)))
    const keptBefore = held().filter((p) => p.startsWith('/__kept-story__/'))
    expect(keptBefore.length).toBeGreaterThan(0)
    first.unmount()
    // A new start of the app: the kept cache's code starts afresh, as on a page load.
    resetKeptCache()

    // The newsroom publishes a story in World; the reader opens the app again, online.
    const head = await fixture<ListingHead>('lists/sections/world/1.json')
    const template = await fixture<Article>(`articles/${head.items[0]!.slug}.json`)
    const fresh = {
      ...head.items[0]!,
      id: 90_001,
      slug: 'world-breaking',
      headline: 'World breaking',
    }
    const newer = withNewestStories(head, [fresh])
    server.use(
      respondWithJson('lists/sections/world/1.json', newer),
      respondWithJson('articles/world-breaking.json', {
        ...template,
        id: 90_001,
        slug: 'world-breaking',
        headline: 'World breaking',
      }),
    )
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    await waitFor(() => expect(held()).toContain('/__kept-story__/world-breaking'))
    expect(held()).toContain('/api/articles/world-breaking.json')
    // The topic's first page as it is now is kept, each story on it; what fell off it is not.
    const kept = held().filter((p) => p.startsWith('/__kept-story__/'))
    expect(kept.sort()).toEqual(newer.items.map((story) => `/__kept-story__/${story.slug}`).sort())
    expect(keptBefore.length).toBeGreaterThan(0)
  })
})
