import { afterEach, beforeEach, vi } from 'vitest'
import { resetKeptCache } from '@/features/keep-offline/api/kept-cache'
import { budgetList, keepFollowingList, keptTopics } from '@/features/keep-offline/api/kept-topics'

/**
 * Every test in the file starts with no topic kept and the default budget, and ends with the kept cache's
 * sync stopped and no stubbed Cache Storage or fetch left behind.
 */
export function withNothingKept() {
  beforeEach(() => {
    // A write the storage accepts also ends an in-memory list left by a test with blocked storage.
    keptTopics.write([])
    budgetList.write([])
    keepFollowingList.write([])
    localStorage.clear()
  })
  afterEach(() => {
    resetKeptCache()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    localStorage.clear()
  })
}
