import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  FOLLOWED_STORAGE_KEY,
  followedTopics,
  followTopic,
  followTopics,
  getFollowedTopics,
  isFollowed,
  openFollowedTopics,
  recordVisit,
  unfollowTopic,
} from '@/features/following/api/followed-topics'
import { withNothingFollowed } from './with-nothing-followed'

withNothingFollowed()

const climate = { kind: 'tags', slug: 'climate', name: 'Climate' } as const
const world = { kind: 'sections', slug: 'world', name: 'World' } as const
const ada = { kind: 'authors', slug: 'ada-writer', name: 'Ada Writer' } as const
const keys = () => getFollowedTopics().map((t) => `${t.kind}:${t.slug}`)

describe('the followed topics', () => {
  test('follows newest first, once each, and unfollows', () => {
    followTopic(climate, 1_000)
    followTopic(world, 2_000)
    followTopic(climate, 3_000)
    expect(keys()).toEqual(['sections:world', 'tags:climate'])
    expect(getFollowedTopics()[1]).toEqual({
      ...climate,
      followedAt: 1_000,
      visitedAt: null,
      seenUpTo: 1_000,
    })
    expect(isFollowed({ kind: 'tags', slug: 'climate' })).toBe(true)
    // The same slug under another kind is another topic.
    expect(isFollowed({ kind: 'sections', slug: 'climate' })).toBe(false)

    unfollowTopic({ kind: 'tags', slug: 'climate' })
    expect(keys()).toEqual(['sections:world'])
    expect(isFollowed({ kind: 'tags', slug: 'climate' })).toBe(false)
  })

  test('is read back by a new page (another tab, the next release), with every field', () => {
    followTopic(ada, 5_000)
    recordVisit(ada, 4_000, 6_000)
    expect(openFollowedTopics().read()).toEqual([
      { ...ada, followedAt: 5_000, visitedAt: 6_000, seenUpTo: 5_000 },
    ])
    expect(JSON.parse(localStorage.getItem(FOLLOWED_STORAGE_KEY)!)).toMatchObject({ version: 1 })
  })

  test('drops damaged entries and keeps the rest', () => {
    const good = { ...world, followedAt: 1, visitedAt: null, seenUpTo: 1 }
    localStorage.setItem(
      FOLLOWED_STORAGE_KEY,
      JSON.stringify({
        version: 1,
        stories: [
          good,
          { ...good, kind: 'latest' },
          { ...good, slug: 'Not A Slug' },
          { ...good, seenUpTo: 'yesterday' },
          { ...good, visitedAt: '2025' },
          { ...good, name: undefined },
          { ...good, kind: 'tags', visitedAt: 7 },
        ],
      }),
    )
    expect(openFollowedTopics().read()).toEqual([good, { ...good, kind: 'tags', visitedAt: 7 }])
  })

  test('follows a shared list in its order in one write, leaving topics already followed as they were', () => {
    followTopic(world, 1_000)
    recordVisit(world, 9_000, 9_500)
    let writes = 0
    const stop = followedTopics.subscribe(() => writes++)
    followTopics([climate, world, ada], 10_000)
    stop()
    expect(writes).toBe(1)
    expect(keys()).toEqual(['tags:climate', 'authors:ada-writer', 'sections:world'])
    expect(getFollowedTopics()[2]).toEqual({
      ...world,
      followedAt: 1_000,
      visitedAt: 9_500,
      seenUpTo: 9_000,
    })
  })

  test('a visit moves what counts as seen forward, never back', () => {
    followTopic(climate, 1_000)
    recordVisit(climate, 5_000, 6_000)
    recordVisit(climate, 3_000, 7_000)
    recordVisit(climate, null, 8_000)
    expect(getFollowedTopics()[0]).toMatchObject({ visitedAt: 8_000, seenUpTo: 5_000 })
    // A topic no longer followed is not brought back by a late visit.
    unfollowTopic(climate)
    recordVisit(climate, 9_000)
    expect(getFollowedTopics()).toEqual([])
  })
})

describe('storage', () => {
  let setItem: typeof Storage.prototype.setItem
  beforeEach(() => {
    setItem = Storage.prototype.setItem
  })
  afterEach(() => {
    Storage.prototype.setItem = setItem
  })

  test('full storage: following still works for the rest of the visit', () => {
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError')
    }
    followTopic(climate)
    expect(isFollowed(climate)).toBe(true)
    expect(localStorage.getItem(FOLLOWED_STORAGE_KEY)).toBeNull()
  })
})
