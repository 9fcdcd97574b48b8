// @vitest-environment node
import path from 'node:path'
import { describe, expect, test } from 'vitest'
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
