import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, test, vi } from 'vitest'
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
import { KEPT_CACHE } from '@/features/pwa/cache-names'
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
