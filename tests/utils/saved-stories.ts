import { afterEach, beforeEach } from 'vitest'
import { resetSavedStoriesMemory } from '@/features/saved/api/saved-stories'

/** Every test in the file starts and ends with nothing saved on the device. */
export function withNothingSaved() {
  const forget = () => {
    localStorage.clear()
    resetSavedStoriesMemory()
  }
  beforeEach(forget)
  afterEach(forget)
}
