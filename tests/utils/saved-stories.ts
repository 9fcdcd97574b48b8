import { afterEach, beforeEach } from 'vitest'
import { savedList, type SavableStory } from '@/features/saved/api/saved-stories'

/**
 * Every test in the file starts and ends with nothing saved on the device. Before each, a write the
 * storage accepts also ends any in-memory list a test with blocked or full storage left behind.
 */
export function withNothingSaved() {
  beforeEach(() => {
    savedList.write([])
    localStorage.clear()
  })
  afterEach(() => localStorage.clear())
}

/** A story summary to save, as a card would pass it. */
export const savableStory = (slug: string, headline = `The ${slug}`): SavableStory => ({
  slug,
  headline,
  summary: `About ${headline}.`,
  section: { slug: 'world', name: 'World' },
  author: { slug: 'ada-writer', name: 'Ada Writer' },
  published: '2025-01-01T08:00:00.000Z',
  readingMinutes: 2,
})
