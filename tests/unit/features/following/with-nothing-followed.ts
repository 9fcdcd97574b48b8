import { afterEach, beforeEach } from 'vitest'
import { followedTopics } from '@/features/following/api/followed-topics'

/**
 * Every test in the file starts and ends following nothing. Before each, a write the storage accepts
 * also ends any in-memory list a test with full storage left behind.
 */
export function withNothingFollowed() {
  beforeEach(() => {
    followedTopics.write([])
    localStorage.clear()
  })
  afterEach(() => localStorage.clear())
}
