import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { http, HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import type { ListingRef } from '@/config/paths'
import { getFilteredPage, getListingPage } from '@/features/articles/api/fetch-listing'
import {
  idsFromGaps,
  type ListingChunk,
  type ListingHead,
  type Summary,
} from '@/features/articles/api/schemas'
import {
  applyListingChange,
  chunksToRead,
  layOutListing,
  type ListingChange,
  type ListingState,
} from '../../../scripts/api/listing-update.ts'
import { buildApi } from '../../../scripts/api/build-api.ts'
import { encodeIdIndex } from '../../../scripts/api/listings.ts'
import { apiRoute } from '../../mocks/handlers'
import { server } from '../../mocks/server'
import { articleSource, contentWith, tempDir } from '../../utils/content-dir'
import { makeSummary } from '../../utils/factories'

/**
 * The sync's listing update (scripts/api/listing-update.ts, docs/decisions/019-listing-chunks.md): each
 * change writes a handful of files, never rewrites a chunk file under its old name, and the reader's
 * fetchers, reading the files it leaves, show every story once, in order, as it now is.
 */

/** A listing's files in memory, served to the app's fetchers through MSW. */
class MemoryListing {
  readonly files = new Map<string, unknown>()
  state: ListingState

  constructor(
    readonly ref: ListingRef & { kind: 'tags' },
    ids: number[],
    summaryOf: (id: number) => Summary,
    pageSize: number,
  ) {
    const dir = `lists/tags/${ref.slug}`
    const { head, chunks } = layOutListing(dir, ids, summaryOf, pageSize)
    for (const [file, chunk] of chunks) this.files.set(file, chunk)
    const idsFile = `ids/tags/${ref.slug}.json`
    this.files.set(idsFile, encodeIdIndex(ids, pageSize))
    this.files.set(`${dir}/1.json`, head)
    this.state = { dir, idsFile, head, ids }
    server.use(
      http.get(apiRoute('*'), ({ request }) => {
        const file = new URL(request.url).pathname.replace(/^.*?\/api\//, '')
        return this.files.has(file)
          ? HttpResponse.json(this.files.get(file) as object)
          : HttpResponse.json({ error: 'not_found' }, { status: 404 })
      }),
    )
  }

  /** Applies a change as the sync would; returns the files it wrote. */
  apply(change: ListingChange): string[] {
    const chunks = new Map(
      chunksToRead(this.state, change).map((file) => [file, this.files.get(file) as ListingChunk]),
    )
    const { files, state } = applyListingChange(this.state, change, chunks)
    for (const { path: file, text } of files) {
      if (file.includes('/chunks/')) {
        expect(this.files.has(file), `${file} rewritten under its old name`).toBe(false)
      }
      this.files.set(file, JSON.parse(text))
    }
    this.state = state
    return files.map((f) => f.path)
  }

  /** Every page as the reader gets it, unfiltered and through the tag filter. */
  async pages(): Promise<{ listing: Summary[][]; filtered: Summary[][] }> {
    const first = await getListingPage(this.ref, 1)
    const numbers = Array.from({ length: first.pageCount }, (_, i) => i + 1)
    const listing = await Promise.all(numbers.map((n) => getListingPage(this.ref, n)))
    const filtered = await Promise.all(
      numbers.map((n) => getFilteredPage(this.ref, [this.ref.slug], n)),
    )
    return { listing: listing.map((p) => p.items), filtered: filtered.map((p) => p.items) }
  }
}

/** Pages of `pageSize` from stories newest first. */
const paged = <T>(items: T[], pageSize: number): T[][] =>
  items.length === 0
    ? [[]]
    : Array.from({ length: Math.ceil(items.length / pageSize) }, (_, i) =>
        items.slice(i * pageSize, (i + 1) * pageSize),
      )

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('one change to a listing', () => {
  test('300 random adds, edits and withdrawals: every page right after each, ≤ 3 files each', async () => {
    const pageSize = 3
    const next = random(11)
    const stories = new Map<number, Summary>()
    for (let id = 0; id < 40; id += 2) stories.set(id, makeSummary(id))
    const newestFirst = () => [...stories.values()].sort((a, b) => b.id - a.id)
    const listing = new MemoryListing(
      { kind: 'tags', slug: 'alpha' },
      newestFirst().map((s) => s.id),
      (id) => stories.get(id)!,
      pageSize,
    )
    const written: number[] = []
    for (let step = 0; step < 300; step++) {
      const present = [...stories.keys()]
      const roll = next()
      let change: ListingChange
      if (roll < 0.4 || present.length === 0) {
        // New stories are mostly the newest, sometimes filed into the past (a re-tagged story).
        const id =
          roll < 0.25
            ? Math.max(0, ...present) + 1
            : (Array.from({ length: 200 }, (_, i) => i).find(
                (i) => !stories.has(i) && next() < 0.1,
              ) ?? Math.max(0, ...present) + 1)
        change = { type: 'add', summary: makeSummary(id) }
        stories.set(id, change.summary)
      } else if (roll < 0.7) {
        const id = present[Math.floor(next() * present.length)]!
        change = {
          type: 'edit',
          summary: makeSummary(id, { headline: `Story ${id}, step ${step}` }),
        }
        stories.set(id, change.summary)
      } else {
        const id = present[Math.floor(next() * present.length)]!
        change = { type: 'remove', id }
        stories.delete(id)
      }
      written.push(listing.apply(change).length)

      const expected = paged(newestFirst(), pageSize)
      const { listing: pages, filtered } = await listing.pages()
      expect(pages, `after step ${step} (${change.type})`).toEqual(expected)
      expect(filtered, `filtered, after step ${step} (${change.type})`).toEqual(expected)
    }
    expect(Math.max(...written)).toBeLessThanOrEqual(3)
  }, 90_000) // CPU-bound: every page is read back after each of 300 changes (17–32 s on this machine under load)

  test('on a 100,000-story listing, a new story, an edit and a withdrawal each write ≤ 3 files', async () => {
    const pageSize = 20
    const count = 100_000
    const ids = Array.from({ length: count }, (_, i) => count - 1 - i)
    const listing = new MemoryListing({ kind: 'tags', slug: 'big' }, ids, makeSummary, pageSize)
    const before = listing.files.size

    const added = listing.apply({ type: 'add', summary: makeSummary(count) })
    const edited = listing.apply({
      type: 'edit',
      summary: makeSummary(12_345, { headline: 'Corrected' }),
    })
    const removed = listing.apply({ type: 'remove', id: 54_321 })
    console.info(
      `100,000-story listing (${before} files): add ${added.length} files (${added.join(', ')}); ` +
        `edit ${edited.length} (${edited.join(', ')}); remove ${removed.length} (${removed.join(', ')})`,
    )
    for (const files of [added, edited, removed]) expect(files.length).toBeLessThanOrEqual(3)

    const ref = listing.ref
    const first = await getListingPage(ref, 1)
    expect(first.items.map((s) => s.id)).toEqual(
      Array.from({ length: pageSize }, (_, i) => count - i),
    )
    expect(first.total).toBe(count)
    // The edited story shows on its page as edited; the withdrawn one is gone, and its page closes up.
    const editedPage = Math.floor((count - 12_345) / pageSize) + 1
    const shown = await getListingPage(ref, editedPage)
    expect(shown.items.find((s) => s.id === 12_345)?.headline).toBe('Corrected')
    const around = Math.floor((count - 54_321) / pageSize) + 1
    const page = await getListingPage(ref, around)
    expect(page.items.map((s) => s.id)).not.toContain(54_321)
    expect(page.items).toHaveLength(pageSize)
    const last = await getListingPage(ref, first.pageCount)
    expect(last.items.at(-1)?.id).toBe(0)
  })

  test('lays a listing out as the API build writes it', async () => {
    const articles = Object.fromEntries(
      Array.from({ length: 9 }, (_, i) => [
        `story-${i}.md`,
        articleSource({
          title: `Story ${i}`,
          tags: i % 3 ? '[alpha, beta]' : '[alpha]',
          published: new Date(Date.UTC(2025, 3, 1 + i)).toISOString(),
        }),
      ]),
    )
    const root = await tempDir('listing-layout')
    await buildApi({ contentDir: await contentWith(articles), outDir: root, parallel: false })
    const read = async (file: string) =>
      JSON.parse(await readFile(path.join(root, file), 'utf8')) as unknown
    // Every story's summary, from the files of the latest stories.
    const latest = (await read('lists/latest/1.json')) as ListingHead
    const summaries = new Map<number, Summary>()
    for (const s of [...latest.items, ...latest.rest]) summaries.set(s.id, s)
    for (let chunk = 0; chunk < latest.chunkCount; chunk++) {
      const { items } = (await read(`lists/latest/chunks/${chunk}.json`)) as ListingChunk
      for (const s of items) summaries.set(s.id, s)
    }
    expect(summaries.size).toBe(9)
    const listings = [
      { dir: 'lists/latest', ids: [...summaries.keys()].sort((a, b) => b - a) },
      {
        dir: 'lists/tags/beta',
        ids: idsFromGaps(((await read('ids/tags/beta.json')) as { gaps: number[] }).gaps),
      },
    ]
    let chunkFiles = 0
    for (const { dir, ids } of listings) {
      const { head, chunks } = layOutListing(dir, ids, (id) => summaries.get(id)!, latest.pageSize)
      expect(await read(`${dir}/1.json`)).toEqual(head)
      chunkFiles += chunks.size
      for (const [file, chunk] of chunks) expect(await read(file)).toEqual(chunk)
    }
    // 9 stories in pages of 2: three chunks and a head of three; beta's 6: two chunks and a head of two.
    expect(chunkFiles).toBe(5)
  })
})
