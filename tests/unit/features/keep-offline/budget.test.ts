import { describe, expect, test } from 'vitest'
import {
  bytesOf,
  storiesOverBudget,
  topicUsage,
  totalBytes,
  type StoryCopy,
  type TopicCopy,
} from '@/features/keep-offline/api/budget'

/** A story's copy: its article and a photo, `bytes` in all, published on `day` of January. */
const copy = (slug: string, day: number, bytes: number, photo = `${slug}.webp`): StoryCopy => ({
  slug,
  published: `2026-01-${String(day).padStart(2, '0')}T08:00:00.000Z`,
  files: [
    { url: `/api/articles/${slug}.json`, bytes: 100 },
    { url: `/api/images/${photo}`, bytes: bytes - 100 },
  ],
})

const byslug = (...copies: StoryCopy[]) => new Map(copies.map((c) => [c.slug, c]))
const topic = (key: string, stories: string[], listingBytes = 50): TopicCopy => ({
  key,
  files: [{ url: `/api/lists/${key}/1.json`, bytes: listingBytes }],
  stories,
})
const nothingSaved = () => false

describe('the storage budget', () => {
  const stories = byslug(copy('new', 20, 1_000), copy('old', 5, 1_000), copy('middle', 12, 1_000))
  const world = topic('sections/world', ['new', 'middle', 'old'])

  test('drops nothing while the copies fit', () => {
    expect(totalBytes([world], stories)).toBe(3_050)
    expect(storiesOverBudget([world], stories, 3_050, nothingSaved)).toEqual([])
  })

  test('drops the oldest stories first, and only as many as it must', () => {
    expect(storiesOverBudget([world], stories, 3_049, nothingSaved)).toEqual(['old'])
    expect(storiesOverBudget([world], stories, 1_500, nothingSaved)).toEqual(['old', 'middle'])
    expect(storiesOverBudget([world], stories, 10, nothingSaved)).toEqual(['old', 'middle', 'new'])
  })

  test('never drops a saved story, even the oldest', () => {
    const saved = (slug: string) => slug === 'old'
    expect(storiesOverBudget([world], stories, 2_500, saved)).toEqual(['middle'])
    expect(storiesOverBudget([world], stories, 10, saved)).toEqual(['middle', 'new'])
  })
})

describe('what a kept topic uses', () => {
  test('is its listing and its stories’ copies, a photo two of them show counted once', () => {
    const stories = byslug(copy('a', 1, 300, 'shared.webp'), copy('b', 2, 300, 'shared.webp'))
    const world = topic('sections/world', ['a', 'b'], 40)
    expect(topicUsage(world, stories)).toBe(40 + 100 + 100 + 200)
  })

  test('counts a story two topics list in both, and once in the total', () => {
    const stories = byslug(copy('a', 1, 500), copy('b', 2, 700))
    const world = topic('sections/world', ['a', 'b'])
    const rail = topic('tags/rail', ['b'])
    expect(topicUsage(world, stories)).toBe(50 + 500 + 700)
    expect(topicUsage(rail, stories)).toBe(50 + 700)
    expect(totalBytes([world, rail], stories)).toBe(50 + 50 + 500 + 700)
  })

  test('leaves out a story whose copy is gone (dropped, or not made yet)', () => {
    expect(topicUsage(topic('tags/rail', ['gone']), new Map())).toBe(50)
  })

  test('bytesOf counts each URL once', () => {
    const file = { url: '/api/site.json', bytes: 4_263 }
    expect(bytesOf([file, file, { url: '/x', bytes: 1 }])).toBe(4_264)
  })
})
