// @vitest-environment node
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { countsFlag, runsAlone, wholeNumberFlag } from '../../../scripts/bench/flags.ts'
import { median, medians } from '../../../scripts/bench/median.ts'
import { buildProduction } from '../../../scripts/bench/production-build.ts'

const ROOT = path.resolve(import.meta.dirname, '../../..')

describe("the bench's median", () => {
  test('is the middle figure of an odd count, the mean of the middle two of an even one', () => {
    expect(median([30, 10, 20])).toBe(20)
    expect(median([40, 10, 30, 20])).toBe(25)
    expect(median([])).toBeNaN()
  })

  test('medians summarise every numeric field of like runs', () => {
    expect(
      medians([
        { ms: 3, bytes: 10, page: 'a' },
        { ms: 1, bytes: 30, page: 'a' },
        { ms: 2, bytes: 20, page: 'a' },
      ]),
    ).toEqual({ ms: 2, bytes: 20 })
  })
})

describe("the bench's production build", () => {
  test("refuses the repository's dist/, before running vite", async () => {
    await expect(buildProduction(path.join(ROOT, 'dist'))).rejects.toThrow(
      'never builds into dist/',
    )
  })
})

describe("the bench's flags, read the same way by every file that runs alone", () => {
  test('a whole number ≥ 1, or the fallback when absent; anything else is refused by name', () => {
    expect(wholeNumberFlag('runs', '7', 5)).toBe(7)
    expect(wholeNumberFlag('runs', undefined, 5)).toBe(5)
    expect(() => wholeNumberFlag('runs', '0', 5)).toThrow('--runs must be a whole number ≥ 1')
    expect(() => wholeNumberFlag('runs', '2.5', 5)).toThrow('--runs')
  })

  test('a list of counts, or the fallback when absent; a count that is not a number is refused', () => {
    expect(countsFlag('counts', '1000,10000', [1])).toEqual([1000, 10000])
    expect(countsFlag('counts', undefined, [1000])).toEqual([1000])
    expect(() => countsFlag('sync-counts', '1000,10k', [])).toThrow('--sync-counts')
  })

  test('a module imported by a test does not run its main', () => {
    expect(runsAlone(import.meta)).toBe(false)
  })
})
