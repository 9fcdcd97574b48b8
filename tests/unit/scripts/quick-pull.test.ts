// @vitest-environment node
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { http, passthrough } from 'msw'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { server as network } from '../../mocks/server'
import { ensureCorpus } from '../../../scripts/bench/corpus.ts'
import { startFakeWordPress, type FakeWordPress } from '../../../scripts/bench/fake-wordpress.ts'
import { pull, type PullOptions, type PullResult } from '../../../scripts/wordpress/mirror.ts'
import { createClient } from '../../../scripts/wordpress/rest.ts'

/**
 * The quick pull (docs/decisions/023-quick-pull.md): after the first, a pull asks WordPress only what
 * changed, in a handful of requests whatever the size of the site, and ends with the same copy as
 * listing every post would. Against the benchmark's fake WordPress, over HTTP, at 20 posts a page so
 * that finding a withdrawn post among 300 takes a real bisection.
 */

const STORIES = 300
let wp: FakeWordPress
let work: string
let mirror: string
let clock: Date

const letThrough = () => network.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
beforeEach(letThrough)

beforeAll(async () => {
  letThrough()
  work = await mkdtemp(path.join(tmpdir(), 'newsroom-quick-pull-'))
  wp = await startFakeWordPress(await ensureCorpus(path.join(work, 'corpus'), STORIES, 3))
  mirror = path.join(work, 'mirror')
  clock = new Date()
}, 120_000)

afterAll(async () => {
  await wp?.close()
  if (work) await rm(work, { recursive: true, force: true })
})

/** One pull of the copy, a minute after the last (the sync runs every minute). */
function pullNow(options: PullOptions = {}): Promise<PullResult> {
  clock = new Date(clock.getTime() + 60_000)
  return pull(createClient({ siteUrl: wp.url, perPage: 20 }), mirror, {
    now: () => clock,
    ...options,
  })
}

/** The copy a full list of every post gives, from scratch: what each quick pull must agree with. */
async function freshCopy(): Promise<{ stamps: string; posts: string[] }> {
  const fresh = await mkdtemp(path.join(work, 'fresh-'))
  await pull(createClient({ siteUrl: wp.url, perPage: 20 }), fresh)
  return copyOf(fresh)
}

async function copyOf(dir: string) {
  return {
    stamps: await readFile(path.join(dir, 'stamps.json'), 'utf8'),
    posts: (await readdir(path.join(dir, 'posts'))).sort(),
  }
}

const stampOf = async (id: number) =>
  (JSON.parse(await readFile(path.join(mirror, 'stamps.json'), 'utf8')) as { id: number }[]).find(
    (s) => s.id === id,
  )

describe('a pull after the first asks only what changed', () => {
  test('the first pull lists every post', async () => {
    const first = await pullNow()
    expect(first.fullList).toBe('the first pull')
    expect(first.added).toHaveLength(STORIES)
    // 15 pages of stamps at 20 a page, and the posts in 15 batches.
    expect(first.requests).toBeGreaterThan(30)
  })

  test('nothing new: a few requests, nothing fetched', async () => {
    const quiet = await pullNow()
    expect(quiet.fullList).toBeNull()
    expect([quiet.added, quiet.updated, quiet.removed]).toEqual([[], [], []])
    // The site, its terms (3 pages of tags at 20), its users, posts modified since, the newest page.
    expect(quiet.requests).toBeLessThanOrEqual(12)
  })

  test('a new story and an edit are fetched, and nothing else', async () => {
    const id = wp.add('A new story for the quick pull')
    wp.edit(17, 'An old story, edited')
    const result = await pullNow()
    expect(result.fullList).toBeNull()
    expect(result.added).toEqual([id])
    expect(result.updated).toEqual([17])
    expect(await copyOf(mirror)).toEqual(await freshCopy())
  })

  test('withdrawn stories, old and new, are found by bisection in a few requests', async () => {
    wp.withdraw(5)
    wp.withdraw(230)
    const result = await pullNow()
    expect(result.fullList).toBeNull()
    expect(result.removed.sort((a, b) => a - b)).toEqual([5, 230])
    // log2(300 / 20) ≈ 4 one-id requests and one page for each, beside the dozen of a quiet pull.
    expect(result.requests).toBeLessThanOrEqual(12 + 2 * 6)
    expect(await stampOf(5)).toBeUndefined()
    expect(await copyOf(mirror)).toEqual(await freshCopy())
  })

  test('a story moved to another section without a new modified time is seen by the counts', async () => {
    const other = [...wp.posts.values()].find(
      (p) => p.categories[0] !== wp.posts.get(40)!.categories[0],
    )!
    wp.move(40, { categories: other.categories, tags: [] })
    const result = await pullNow()
    expect(result.fullList).toBeNull()
    expect(result.updated).toEqual([40])
    expect((await stampOf(40)) as unknown).toMatchObject({ categories: other.categories, tags: [] })
    expect(await copyOf(mirror)).toEqual(await freshCopy())
  })

  test('a story published again with its old modified time: the counts do not add up, so every post is listed', async () => {
    wp.restore(5)
    const result = await pullNow()
    expect(result.fullList).toMatch(/did not see come/)
    expect(result.added).toEqual([5])
    expect(await copyOf(mirror)).toEqual(await freshCopy())
  })

  test('every hour, and when asked, the pull lists every post again', async () => {
    clock = new Date(clock.getTime() + 60 * 60_000)
    expect((await pullNow()).fullList).toMatch(/over 60 minutes old/)
    expect((await pullNow()).fullList).toBeNull()
    expect((await pullNow({ full: true })).fullList).toBe('asked for')
  })
})
