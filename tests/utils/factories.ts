import type { Summary } from '@/features/articles/api/schemas'

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
