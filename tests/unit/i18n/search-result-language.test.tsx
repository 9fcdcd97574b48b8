import { render, screen, within } from '@testing-library/react'
import { parse } from 'valibot'
import { MemoryRouter } from 'react-router'
import { describe, expect, test } from 'vitest'
import { DocChunkSchema } from '@/features/search/api/schemas'
import { SearchResultList } from '@/features/search/components/search-results'
import type { SearchDoc } from '@/features/search/lib/index-format'

const doc = (extra: Partial<SearchDoc> = {}): SearchDoc => ({
  slug: 'seabirds',
  headline: 'عودة الطيور البحرية',
  summary: 'ملخص القصة',
  section: ['science', 'Science'],
  tags: [['birds', 'Birds']],
  author: 'Ada Lovelace',
  published: '2026-01-05T09:00:00Z',
  ...extra,
})

/** The result list with one hit, the story `found`. */
function renderResultFor(found: SearchDoc) {
  render(
    <MemoryRouter>
      <SearchResultList
        results={{
          terms: [],
          prefix: null,
          total: 1,
          complete: true,
          hits: [{ id: 0, score: 1, doc: found }],
        }}
      />
    </MemoryRouter>,
  )
}

/**
 * A search result for a story in another language than the site's carries the story's `lang` and `dir` (the
 * article API's, in the search index's documents) on the parts written in it: headline and summary.
 */
describe('a search result in another language', () => {
  test('its headline and summary carry the language and direction; names stay in the site’s', () => {
    renderResultFor(doc({ lang: 'ar', dir: 'rtl' }))
    const heading = screen.getByRole('heading', { level: 2 })
    expect(heading).toHaveAttribute('lang', 'ar')
    expect(heading).toHaveAttribute('dir', 'rtl')
    const summary = screen.getByText('ملخص القصة')
    expect(summary).toHaveAttribute('lang', 'ar')
    expect(summary).toHaveAttribute('dir', 'rtl')
    const tags = screen.getByRole('list', { name: 'Tags' })
    expect(tags.closest('[lang]')).toBeNull()
    expect(within(screen.getByRole('article')).getByText('Science').closest('[lang]')).toBeNull()
  })

  test('a story in the site’s language sets neither', () => {
    renderResultFor(doc({ headline: 'Seabirds return' }))
    expect(screen.getByRole('heading', { level: 2 })).not.toHaveAttribute('lang')
    expect(screen.getByRole('heading', { level: 2 })).not.toHaveAttribute('dir')
  })

  test('the index documents keep `lang` and `dir`, and a tag that is not canonical is refused', () => {
    expect(parse(DocChunkSchema, [doc({ lang: 'ar', dir: 'rtl' }), null])[0]).toMatchObject({
      lang: 'ar',
      dir: 'rtl',
    })
    expect(() => parse(DocChunkSchema, [doc({ lang: 'AR' })])).toThrow()
    expect(() => parse(DocChunkSchema, [{ ...doc(), dir: 'up' }])).toThrow()
  })
})
