import { afterEach, beforeEach } from 'vitest'
import { readingHistory } from '@/features/reading-history/api/reading-history'

/**
 * Every test in the file starts and ends with no story read on the device. Before each, a write the
 * storage accepts also ends any in-memory history a test with blocked or full storage left behind.
 */
export function withNoHistory() {
  beforeEach(() => {
    readingHistory.write([])
    localStorage.clear()
  })
  afterEach(() => localStorage.clear())
}
