import { describe, expect, test, vi } from 'vitest'
import {
  clearPlace,
  getReadStories,
  getReadStory,
  MAX_STORIES,
  placeToContinue,
  recordOpened,
  recordPlace,
  openReadingHistory,
  STORAGE_KEY,
} from '@/features/reading-history/api/reading-history'
import { withNoHistory } from './with-no-history'

withNoHistory()

const slugs = () => getReadStories().map((s) => s.slug)

describe('the reading history', () => {
  test('records each story opened, newest first, once each, and keeps it across a new start', () => {
    recordOpened('first', 1)
    recordOpened('second', 2)
    recordOpened('first', 3)
    expect(slugs()).toEqual(['first', 'second'])
    expect(getReadStory('first')?.openedAt).toBe(3)

    // A new visit's history reads back what this one stored.
    expect(
      openReadingHistory()
        .read()
        .map((s) => s.slug),
    ).toEqual(['first', 'second'])
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY)!)).toMatchObject({ version: 1 })
  })

  test(`keeps the ${MAX_STORIES} stories opened last, and drops the oldest`, () => {
    for (let i = 0; i <= MAX_STORIES; i++) recordOpened(`story-${i}`, i)
    expect(getReadStories()).toHaveLength(MAX_STORIES)
    expect(slugs()[0]).toBe(`story-${MAX_STORIES}`)
    expect(getReadStory('story-0')).toBeUndefined()
    expect(getReadStory('story-1')).toBeDefined()
  })

  test('keeps a place until the story is finished; reopening keeps it too', () => {
    recordOpened('long', 1)
    recordPlace('long', { block: 12, progress: 0.4 })
    recordOpened('other', 2)
    recordOpened('long', 3)
    expect(getReadStory('long')?.place).toEqual({ block: 12, progress: 0.4 })
    // Still where it was in the history: a place does not count as opening it again.
    recordPlace('other', { block: 3, progress: 0.2 })
    expect(slugs()).toEqual(['long', 'other'])

    clearPlace('long')
    expect(getReadStory('long')).toEqual({ slug: 'long', openedAt: 3 })
    // A story never opened gets no place.
    recordPlace('never-opened', { block: 1, progress: 0.5 })
    expect(getReadStory('never-opened')).toBeUndefined()
  })

  test('offers to continue only between 10 % and 90 % of the way through', () => {
    const at = (progress: number) =>
      placeToContinue({ slug: 's', openedAt: 1, place: { block: 4, progress } })
    expect(at(0.05)).toBeUndefined()
    expect(at(0.1)).toEqual({ block: 4, progress: 0.1 })
    expect(at(0.5)).toEqual({ block: 4, progress: 0.5 })
    expect(at(0.9)).toEqual({ block: 4, progress: 0.9 })
    expect(at(0.95)).toBeUndefined()
    expect(placeToContinue({ slug: 's', openedAt: 1 })).toBeUndefined()
    expect(placeToContinue(undefined)).toBeUndefined()
  })

  test('a damaged entry, or one of another version, reads as nothing read, never as a crash', () => {
    localStorage.setItem(STORAGE_KEY, '{"version": 1, "stories": [{"slug": 4')
    expect(getReadStories()).toEqual([])
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ version: 2, stories: [{ slug: 'a', openedAt: 1 }] }),
    )
    expect(getReadStories()).toEqual([])
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        version: 1,
        stories: [
          { slug: 'kept', openedAt: 1, place: { block: 2, progress: 7 } },
          { slug: '', openedAt: 1 },
          { slug: 'no-date' },
          null,
        ],
      }),
    )
    // The bad place is dropped, the entry kept; the entries with no slug or date are dropped.
    expect(getReadStories()).toEqual([{ slug: 'kept', openedAt: 1 }])
  })

  test('works for the visit where storage cannot even be reached', () => {
    const blocked = vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('Access is denied for this document.', 'SecurityError')
    })
    try {
      recordOpened('first', 1)
      recordPlace('first', { block: 5, progress: 0.5 })
      expect(getReadStory('first')?.place?.block).toBe(5)
      expect(blocked).toHaveBeenCalled()
    } finally {
      blocked.mockRestore()
    }
  })

  test('works for the visit where storage refuses it (full)', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    recordOpened('first', 1)
    recordOpened('second', 2)
    expect(slugs()).toEqual(['second', 'first'])
  })
})
