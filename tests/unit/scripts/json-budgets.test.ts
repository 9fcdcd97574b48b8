// @vitest-environment node
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getFilteredPage } from '@/features/articles/api/fetch-listing'
import { makeQueryClient } from '@/lib/query-client'
import { buildApi } from '../../../scripts/api/build-api.ts'
import { generateCorpus } from '../../../scripts/bench/corpus.ts'
import { measureViews, type ViewBytes } from '../../../scripts/bench/view-bytes.ts'

/**
 * The JSON budgets of issue 4, checked on a generated newsroom of 1,000 stories (deterministic: seeded, and
 * counting bytes, never time): every file a view needs (site.json, every listing page, every id index,
 * every article) is under 30 KB gzip, and a two-tag filter's first page costs at most 200 KB gzip in all.
 * `npm run bench` (scripts/bench/scale.ts) reports the same figures at 10,000 and 100,000 stories.
 */
const FILE_BUDGET = 30 * 1024
const FILTER_BUDGET = 200 * 1024

let dir: string
let apiDir: string
let views: ViewBytes

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'newsroom-budgets-'))
  const contentDir = path.join(dir, 'content')
  apiDir = path.join(dir, 'api')
  await generateCorpus({ count: 1000, seed: 1, outDir: contentDir })
  await buildApi({ contentDir, outDir: apiDir })
  views = await measureViews(apiDir, { getFilteredPage, makeQueryClient })
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const gzipSize = async (file: string) => gzipSync(await readFile(path.join(apiDir, file))).length

async function jsonFiles(sub: string): Promise<string[]> {
  const names = await readdir(path.join(apiDir, sub), { recursive: true })
  return names.filter((name) => name.endsWith('.json')).map((name) => path.join(sub, name))
}

async function overBudget(files: string[]) {
  const over: string[] = []
  for (const file of files) {
    const size = await gzipSize(file)
    if (size >= FILE_BUDGET) over.push(`${file}: ${size} bytes gzip`)
  }
  return over
}

describe('JSON budgets on a generated newsroom of 1,000 stories', () => {
  test('site.json, needed by every view, is under 30 KB gzip', async () => {
    expect(await overBudget(['site.json'])).toEqual([])
  })

  test('every listing page is under 30 KB gzip', async () => {
    const files = await jsonFiles('lists')
    expect(files.length).toBeGreaterThan(100)
    expect(await overBudget(files)).toEqual([])
  })

  test('every id index is under 30 KB gzip', async () => {
    expect(await overBudget(await jsonFiles('ids'))).toEqual([])
  })

  test('every article is under 30 KB gzip', async () => {
    const files = await jsonFiles('articles')
    expect(files).toHaveLength(1000)
    expect(await overBudget(files)).toEqual([])
  })

  test("a two-tag filter's first page costs at most 200 KB gzip", () => {
    const { bytes, views: fetched } = views
    // Two id indexes, then listing pages of the smaller tag.
    expect(fetched.twoTagFilter.filter((file) => file.startsWith('ids/tags/'))).toHaveLength(2)
    expect(fetched.twoTagFilter.some((file) => file.startsWith('lists/tags/'))).toBe(true)
    expect(bytes.twoTagFilter.gzip).toBeLessThanOrEqual(FILTER_BUDGET)
  })

  test('each view fetches less than its budget', () => {
    const { bytes } = views
    // site.json and one page for home and a tag page (each file is within budget; together too, here).
    expect(bytes.home.gzip).toBeLessThan(2 * FILE_BUDGET)
    expect(bytes.tagPage.gzip).toBeLessThan(2 * FILE_BUDGET)
    expect(bytes.article.gzip).toBeLessThan(FILE_BUDGET)
  })
})
