import { describe, expect, test } from 'vitest'
import { serialSyncs } from '@/lib/serial-syncs'

/** A sync that waits until released, recording each run's `refresh` and how many ran at once. */
function gatedSync() {
  const runs: boolean[] = []
  const releases: (() => void)[] = []
  let running = 0
  let most = 0
  const sync = (refresh: boolean) => {
    runs.push(refresh)
    most = Math.max(most, ++running)
    return new Promise<void>((resolve) => {
      releases.push(() => {
        running--
        resolve()
      })
    })
  }
  const releaseNext = async () => {
    await expect.poll(() => releases.length).toBeGreaterThan(0)
    releases.shift()!()
  }
  return { sync, runs, releaseNext, most: () => most }
}

describe('serialSyncs', () => {
  test('runs one sync at a time; those asked for during one run once after it, refreshing if any asked', async () => {
    const gate = gatedSync()
    const schedule = serialSyncs(gate.sync)
    const first = schedule(false)
    await expect.poll(() => gate.runs).toEqual([false])
    const second = schedule(false)
    const third = schedule(true)
    const fourth = schedule(false)
    await gate.releaseNext()
    await first
    await gate.releaseNext()
    await Promise.all([second, third, fourth])
    expect(gate.runs).toEqual([false, true])
    expect(gate.most()).toBe(1)
  })

  test('a failed sync does not stop the next', async () => {
    const runs: boolean[] = []
    const schedule = serialSyncs((refresh) => {
      runs.push(refresh)
      return runs.length === 1 ? Promise.reject(new Error('refused')) : Promise.resolve()
    })
    await expect(schedule(true)).resolves.toBeUndefined()
    await schedule(false)
    expect(runs).toEqual([true, false])
  })
})
