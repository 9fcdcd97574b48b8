// @vitest-environment node
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { countsFlag, runsAlone, wholeNumberFlag } from '../../../scripts/bench/flags.ts'
import { median, medians } from '../../../scripts/bench/median.ts'
import { readBenchOptions } from '../../../scripts/bench/options.ts'
import { buildProduction } from '../../../scripts/bench/production-build.ts'
import { createReport } from '../../../scripts/bench/report.ts'

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

describe("npm run bench's command line", () => {
  test('by default: every group, 5 runs, newsrooms of 1k, 10k and 100k stories', () => {
    expect(readBenchOptions([])).toEqual({
      quick: false,
      runs: 5,
      counts: [1_000, 10_000, 100_000],
      withLighthouse: true,
      withScale: true,
      withSync: true,
      syncCounts: [1_000],
      restartCounts: [100_000],
      dist: undefined,
    })
  })

  test('--quick: one run, 1k and 10k stories, no Lighthouse and no sync', () => {
    expect(readBenchOptions(['--quick'])).toMatchObject({
      quick: true,
      runs: 1,
      counts: [1_000, 10_000],
      withLighthouse: false,
      withScale: true,
      withSync: false,
    })
  })

  test('each --skip-… leaves its group out, and only it', () => {
    expect(readBenchOptions(['--skip-scale'])).toMatchObject({
      withScale: false,
      withLighthouse: true,
      withSync: true,
    })
    expect(readBenchOptions(['--skip-lighthouse'])).toMatchObject({
      withScale: true,
      withLighthouse: false,
      withSync: true,
    })
    expect(readBenchOptions(['--skip-sync'])).toMatchObject({
      withScale: true,
      withLighthouse: true,
      withSync: false,
    })
  })

  test('sizes, runs and a build made already are taken as given; a bad value or flag is refused', () => {
    expect(
      readBenchOptions([
        '--sync-counts',
        '1000,10000',
        '--restart-counts',
        '10000',
        '--runs',
        '7',
        '--dist',
        '/tmp/x',
      ]),
    ).toMatchObject({
      syncCounts: [1_000, 10_000],
      restartCounts: [10_000],
      runs: 7,
      dist: '/tmp/x',
    })
    expect(() => readBenchOptions(['--runs', '0'])).toThrow('--runs')
    expect(() => readBenchOptions(['--skip-everything'])).toThrow('--skip-everything')
  })
})

describe("the bench's report", () => {
  let dir: string | undefined
  afterEach(async () => {
    vi.restoreAllMocks()
    process.exitCode = undefined
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  test('prints each section, and writes the sections and the figures, a failed group in its place', async () => {
    const printed: string[] = []
    vi.spyOn(console, 'log').mockImplementation((text: string) => printed.push(text))
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const report = createReport(new Date('2026-12-07T04:00:00Z'), { quick: true })
    report.record('scale', [{ articles: 1000 }])
    report.print('Generated newsrooms', 'What it measures.', '| a |')
    report.failed('Search', new Error('no nginx\nmore detail'))
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-bench-report-'))
    const written = await report.write(dir)

    expect(process.exitCode).toBe(1)
    expect(printed).toEqual([
      '\n## Generated newsrooms\n\nWhat it measures.\n\n| a |\n',
      '\n## Search\n\nNot measured: no nginx\n',
    ])
    expect(path.basename(written)).toBe('2026-12-07T04-00-00-000Z.json')
    const latest = JSON.parse(await readFile(path.join(dir, 'latest.json'), 'utf8')) as Record<
      string,
      unknown
    >
    expect(latest).toMatchObject({
      date: '2026-12-07T04:00:00.000Z',
      options: { quick: true },
      errors: { Search: 'no nginx\nmore detail' },
      scale: [{ articles: 1000 }],
    })
    expect(await readFile(written, 'utf8')).toBe(
      await readFile(path.join(dir, 'latest.json'), 'utf8'),
    )
    expect(await readFile(path.join(dir, 'latest.md'), 'utf8')).toBe(
      `# Bench 2026-12-07T04:00:00.000Z\n\n${printed.map((text) => text.slice(1)).join('\n')}`,
    )
  })
})
