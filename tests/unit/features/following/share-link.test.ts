import { describe, expect, test } from 'vitest'
import { countNew, mergeNewest, newestTime } from '@/features/following/lib/merge'
import {
  offerFromShare,
  readSharedTopics,
  shareFollowsPath,
} from '@/features/following/lib/share-link'

const site = {
  sections: [{ slug: 'world', name: 'World' }],
  tags: [
    { slug: 'climate', name: 'Climate' },
    { slug: 'energy', name: 'Energy' },
  ],
  authors: [{ slug: 'ada-writer', name: 'Ada Writer' }],
}

describe('a shared list of follows', () => {
  test('goes into a link and comes back out the same', () => {
    const topics = [
      { kind: 'tags', slug: 'climate' },
      { kind: 'sections', slug: 'world' },
      { kind: 'authors', slug: 'ada-writer' },
    ] as const
    const path = shareFollowsPath(topics)
    expect(path).toBe('/following?follow=tags:climate,sections:world,authors:ada-writer')
    const value = new URL(path, 'https://news.example.org').searchParams.get('follow')!
    expect(readSharedTopics(value)).toEqual({ topics, unreadable: 0 })
  })

  test('counts what it cannot read, and names each topic once', () => {
    expect(
      readSharedTopics(
        'tags:climate,,latest:x,tags:,tags:Climate!,tags:climate, sections:world ,a:b:c',
      ),
    ).toEqual({
      topics: [
        { kind: 'tags', slug: 'climate' },
        { kind: 'sections', slug: 'world' },
      ],
      unreadable: 4,
    })
    expect(readSharedTopics('nonsense')).toEqual({ topics: [], unreadable: 1 })
  })

  test('offers only what the newsroom has and the device does not follow, with its names', () => {
    const shared = readSharedTopics('tags:climate,tags:gone,sections:world,tags:energy').topics
    expect(offerFromShare(shared, site, [{ kind: 'sections', slug: 'world' }])).toEqual({
      topics: [
        { kind: 'tags', slug: 'climate', name: 'Climate' },
        { kind: 'tags', slug: 'energy', name: 'Energy' },
      ],
      unknown: 1,
      followed: 1,
    })
    // A slug known under another kind is unknown under this one.
    expect(offerFromShare([{ kind: 'authors', slug: 'climate' }], site, []).unknown).toBe(1)
  })
})

describe('merging the followed topics', () => {
  const story = (slug: string, day: number) => ({
    slug,
    published: `2025-01-${String(day).padStart(2, '0')}T08:00:00Z`,
  })

  test('newest first, each story once', () => {
    const merged = mergeNewest([
      [story('c', 3), story('a', 1)],
      [story('d', 4), story('c', 3), story('b', 2)],
    ])
    expect(merged.map((s) => s.slug)).toEqual(['d', 'c', 'b', 'a'])
  })

  test('counts what was published after the last visit', () => {
    const stories = [story('c', 3), story('b', 2), story('a', 1)]
    expect(countNew(stories, Date.parse('2025-01-02T08:00:00Z'))).toBe(1)
    expect(countNew(stories, 0)).toBe(3)
    expect(newestTime(stories)).toBe(Date.parse('2025-01-03T08:00:00Z'))
    expect(newestTime([])).toBeNull()
  })
})
