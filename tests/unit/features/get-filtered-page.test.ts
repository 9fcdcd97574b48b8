import { http, HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import { getFilteredPage } from '@/features/articles/api/fetch-listing'
import { gapsFromIds } from '@/features/articles/api/schemas'
import { apiRoute, respondWithJson } from '../../mocks/handlers'
import { requestCount, server } from '../../mocks/server'
import { layOutListing } from '../../../scripts/api/listing-update.ts'
import { makeSummary } from '../../utils/factories'
import { apiFailureOf } from '../../utils/api-failure'

const latest = { kind: 'latest' } as const
const ids = (page: { items: { id: number }[] }) => page.items.map((item) => item.id)
const slugs = (page: { items: { slug: string }[] }) => page.items.map((item) => item.slug)

/**
 * A hand-made tag listing (its id index, its head and chunks, newest first, laid out as the API build
 * does), served through MSW. `summaryOf` makes its stories.
 */
function tagListing(slug: string, storyIds: number[], pageSize: number, summaryOf = makeSummary) {
  const dir = `lists/tags/${slug}`
  const { head, chunks } = layOutListing(dir, storyIds, (id) => summaryOf(id), pageSize)
  const files = new Map<string, unknown>([[`${dir}/1.json`, head], ...chunks])
  return [
    respondWithJson(`ids/tags/${slug}.json`, {
      total: storyIds.length,
      pageSize,
      gaps: gapsFromIds(storyIds),
    }),
    http.get(apiRoute(`${dir}/*`), ({ request }) => {
      const file = new URL(request.url).pathname.replace(/^.*?\/api\//, '')
      const body = files.get(file)
      return body ? HttpResponse.json(body) : HttpResponse.json({}, { status: 404 })
    }),
  ]
}

describe('getFilteredPage on the fixture API', () => {
  test('keeps only stories that carry every tag, newest first', async () => {
    const page = await getFilteredPage(latest, ['alpha', 'beta'], 1)

    expect(slugs(page)).toEqual(['third-story', 'first-story'])
    expect(page).toMatchObject({ page: 1, pageCount: 1, pageSize: 2, total: 2 })
  })

  test('intersects with the listing itself (a section)', async () => {
    const page = await getFilteredPage({ kind: 'sections', slug: 'world' }, ['beta'], 1)

    expect(slugs(page)).toEqual(['third-story', 'first-story'])
    expect(page.total).toBe(2)
  })

  test("a tag listing filtered by its own tag asks for that tag's index once", async () => {
    const page = await getFilteredPage({ kind: 'tags', slug: 'alpha' }, ['alpha'], 1)

    expect(slugs(page)).toEqual(['third-story', 'first-story'])
    expect(requestCount('ids/tags/alpha.json')).toBe(1)
  })

  test('pages the matches by the listing page size', async () => {
    const first = await getFilteredPage(latest, ['beta'], 1)
    const second = await getFilteredPage(latest, ['beta'], 2)

    expect(slugs(first)).toEqual(['third-story', 'second-story'])
    expect(slugs(second)).toEqual(['first-story'])
    expect(second).toMatchObject({ page: 2, pageCount: 2, pageSize: 2, total: 3 })
  })

  test('no matches is one empty page, not an error', async () => {
    const page = await getFilteredPage({ kind: 'sections', slug: 'science' }, ['alpha'], 1)

    expect(page).toEqual({ page: 1, pageCount: 1, pageSize: 2, total: 0, items: [] })
  })

  test('a page past the last is not-found', async () => {
    const error = await apiFailureOf(getFilteredPage(latest, ['beta'], 3))
    expect(error.kind).toBe('not-found')
  })

  test('page 2 of no matches is not-found', async () => {
    const error = await apiFailureOf(
      getFilteredPage({ kind: 'sections', slug: 'science' }, ['alpha'], 2),
    )
    expect(error.kind).toBe('not-found')
  })

  test('an unknown tag is not-found', async () => {
    const error = await apiFailureOf(getFilteredPage(latest, ['nope'], 1))
    expect(error.kind).toBe('not-found')
  })
})

describe('getFilteredPage reading as little as it can', () => {
  // `rare` has 5 stories: in pages of 2, a head of 3 (8, 6, 4) and chunk 0 (2, 1). `common` has 9, all but
  // story 6.
  const rare = [8, 6, 4, 2, 1]
  const common = [9, 8, 7, 5, 4, 3, 2, 1, 0]

  test('reads the stories from the smallest listing, whatever the tag order', async () => {
    server.use(...tagListing('rare', rare, 2), ...tagListing('common', common, 2))

    const page = await getFilteredPage(latest, ['common', 'rare'], 1)
    expect(ids(page)).toEqual([8, 4])
    expect(page).toMatchObject({ page: 1, pageCount: 2, pageSize: 2, total: 4 })
    expect(requestCount('lists/tags/common/1.json')).toBe(0)
    // Both matches are in rare's head: no chunk is read.
    expect(requestCount('lists/tags/rare/1.json')).toBe(1)
    expect(requestCount('lists/tags/rare/chunks/0.json')).toBe(0)

    const reversed = await getFilteredPage(latest, ['rare', 'common'], 1)
    expect(ids(reversed)).toEqual([8, 4])
  })

  test('fetches only the chunks that hold this page of matches', async () => {
    server.use(...tagListing('rare', rare, 2), ...tagListing('common', common, 2))

    const page = await getFilteredPage(latest, ['common', 'rare'], 2)

    // Matches 3 and 4 (stories 2 and 1) sit in chunk 0 of `rare`.
    expect(ids(page)).toEqual([2, 1])
    expect(page.items[0]).toEqual(makeSummary(2))
    expect(requestCount('lists/tags/rare/1.json')).toBe(1)
    expect(requestCount('lists/tags/rare/chunks/0.json')).toBe(1)
    expect(requestCount('lists/tags/common/1.json')).toBe(0)
    expect(requestCount('lists/tags/common/chunks/0.json')).toBe(0)
  })

  test('listings that disagree with their id index are invalid', async () => {
    // The index says story 8 comes first; the listing's head says story 5.
    server.use(
      ...tagListing('rare', rare, 2, (id) => makeSummary(id === 8 ? 5 : id)),
      ...tagListing('common', common, 2),
    )

    const error = await apiFailureOf(getFilteredPage(latest, ['common', 'rare'], 1))
    expect(error.kind).toBe('invalid')
    expect(error.message).toBe('The newsroom sent listings that do not agree with each other.')
  })

  test('a chunk that is not what the head says is invalid, never a page with a story missing', async () => {
    server.use(
      respondWithJson('lists/tags/rare/chunks/0.json', { chunk: 0, items: [makeSummary(2)] }),
      ...tagListing('rare', rare, 2),
      ...tagListing('common', common, 2),
    )

    const error = await apiFailureOf(getFilteredPage(latest, ['common', 'rare'], 2))
    expect(error.kind).toBe('invalid')
  })
})
