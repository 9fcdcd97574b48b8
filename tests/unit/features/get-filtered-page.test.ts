import { http, HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import { getFilteredPage } from '@/features/articles/api/fetch-listing'
import { gapsFromIds } from '@/features/articles/api/schemas'
import { ApiError } from '@/lib/api-client'
import { apiRoute, respondWithJson } from '../../mocks/handlers'
import { requestCount, server } from '../../mocks/server'
import { makeSummary } from '../../utils/factories'

const latest = { kind: 'latest' } as const
const ids = (page: { items: { id: number }[] }) => page.items.map((item) => item.id)
const slugs = (page: { items: { slug: string }[] }) => page.items.map((item) => item.slug)

/** A hand-made tag listing (its id index and its pages, newest first), served through MSW. */
function tagListing(slug: string, storyIds: number[], pageSize: number) {
  const pageCount = Math.max(1, Math.ceil(storyIds.length / pageSize))
  return [
    respondWithJson(`ids/tags/${slug}.json`, {
      total: storyIds.length,
      pageSize,
      gaps: gapsFromIds(storyIds),
    }),
    http.get(apiRoute(`lists/tags/${slug}/:file`), ({ params }) => {
      const page = Number.parseInt(String(params.file), 10)
      if (!(page >= 1 && page <= pageCount)) return HttpResponse.json({}, { status: 404 })
      return HttpResponse.json({
        page,
        pageCount,
        pageSize,
        total: storyIds.length,
        items: storyIds.slice((page - 1) * pageSize, page * pageSize).map((id) => makeSummary(id)),
      })
    }),
  ]
}

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected getFilteredPage to fail')
    },
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
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
    const error = await failureOf(getFilteredPage(latest, ['beta'], 3))
    expect(error.kind).toBe('not-found')
  })

  test('page 2 of no matches is not-found', async () => {
    const error = await failureOf(
      getFilteredPage({ kind: 'sections', slug: 'science' }, ['alpha'], 2),
    )
    expect(error.kind).toBe('not-found')
  })

  test('an unknown tag is not-found', async () => {
    const error = await failureOf(getFilteredPage(latest, ['nope'], 1))
    expect(error.kind).toBe('not-found')
  })
})

describe('getFilteredPage reading as little as it can', () => {
  // `rare` has 5 stories on 3 pages; `common` has 9, all but story 6.
  const rare = [8, 6, 4, 2, 1]
  const common = [9, 8, 7, 5, 4, 3, 2, 1, 0]

  test('reads the stories from the smallest listing, whatever the tag order', async () => {
    server.use(...tagListing('rare', rare, 2), ...tagListing('common', common, 2))

    const page = await getFilteredPage(latest, ['common', 'rare'], 1)
    expect(ids(page)).toEqual([8, 4])
    expect(page).toMatchObject({ page: 1, pageCount: 2, pageSize: 2, total: 4 })
    expect(requestCount('lists/tags/common/1.json')).toBe(0)

    const reversed = await getFilteredPage(latest, ['rare', 'common'], 1)
    expect(ids(reversed)).toEqual([8, 4])
  })

  test('fetches only the listing pages that hold this page of matches', async () => {
    server.use(...tagListing('rare', rare, 2), ...tagListing('common', common, 2))

    const page = await getFilteredPage(latest, ['common', 'rare'], 2)

    // Matches 3 and 4 (stories 2 and 1) sit on pages 2 and 3 of `rare`.
    expect(ids(page)).toEqual([2, 1])
    expect(page.items[0]).toEqual(makeSummary(2))
    expect(requestCount('lists/tags/rare/1.json')).toBe(0)
    expect(requestCount('lists/tags/rare/2.json')).toBe(1)
    expect(requestCount('lists/tags/rare/3.json')).toBe(1)
    expect(requestCount('lists/tags/common/2.json')).toBe(0)
  })

  test('listings that disagree with their id index are invalid', async () => {
    server.use(
      // Listed first, so it wins over the listing's own pages: the index says story 8 comes
      // first, this page says story 5.
      respondWithJson('lists/tags/rare/1.json', {
        page: 1,
        pageCount: 3,
        pageSize: 2,
        total: 5,
        items: [makeSummary(5), makeSummary(6)],
      }),
      ...tagListing('rare', rare, 2),
      ...tagListing('common', common, 2),
    )

    const error = await failureOf(getFilteredPage(latest, ['common', 'rare'], 1))
    expect(error.kind).toBe('invalid')
    expect(error.message).toBe('The newsroom sent listings that do not agree with each other.')
  })
})
