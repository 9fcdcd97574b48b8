import { afterEach, beforeEach } from 'vitest'
import { resetReadingHistoryMemory } from '@/features/reading-history/api/reading-history'

/** Every test in the file starts and ends with no story read on the device. */
export function withNoHistory() {
  const forget = () => {
    localStorage.clear()
    resetReadingHistoryMemory()
  }
  beforeEach(forget)
  afterEach(forget)
}
