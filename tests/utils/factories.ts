import type { ListingHead, Summary } from '@/features/articles/api/schemas'

/** A story summary that passes the API schema, for hand-made listings. */
export function makeSummary(id: number, overrides: Partial<Summary> = {}): Summary {
  return {
    id,
    slug: `story-${id}`,
    headline: `Story ${id}`,
    summary: `The summary of story ${id}.`,
    kind: 'news',
    section: { slug: 'world', name: 'World' },
    tags: [],
    author: { slug: 'ada-writer', name: 'Ada Writer' },
    published: new Date(Date.UTC(2025, 0, 1) + id * 3_600_000).toISOString(),
    updated: null,
    readingMinutes: 1,
    image: null,
    ...overrides,
  }
}

/**
 * A listing's head (docs/api.md) whose page 1 holds all of `items`: what the API sends for a listing of one
 * page, for hand-made listings.
 */
export function makeListingHead(
  items: Summary[],
  pageSize = Math.max(1, items.length),
): ListingHead {
  return {
    page: 1,
    pageCount: Math.max(1, Math.ceil(items.length / pageSize)),
    pageSize,
    total: items.length,
    items: items.slice(0, pageSize),
    rest: items.slice(pageSize),
    chunkSize: pageSize,
    chunkCount: 0,
    version: 0,
    changed: [],
  }
}

/** The same head with `fresh` stories, published since, on top: what a new story does to it. */
export function withNewestStories(head: ListingHead, fresh: Summary[]): ListingHead {
  const own = [...fresh, ...head.items, ...head.rest]
  const total = head.total + fresh.length
  return {
    ...head,
    total,
    pageCount: Math.max(1, Math.ceil(total / head.pageSize)),
    items: own.slice(0, head.pageSize),
    rest: own.slice(head.pageSize),
    version: head.version + 1,
  }
}
