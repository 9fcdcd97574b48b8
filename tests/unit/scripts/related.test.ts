// @vitest-environment node
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { ArticleSchema } from '@/features/articles/api/schemas'
import { buildApi } from '../../../scripts/api/build-api.ts'
import { findRelated, type RelatedInput } from '../../../scripts/api/related.ts'
import { articleSource, contentWith, tempDir } from '../../utils/content-dir'

const story = (section: string, ...tags: string[]): RelatedInput => ({ section, tags })

describe('scoring related stories', () => {
  test('a rare shared tag outweighs a common one, and more shared tags outweigh fewer', () => {
    // Ids are publication order: 0 is the oldest.
    const related = findRelated([
      story('a', 'common'), // 0
      story('a', 'common'), // 1
      story('a', 'common'), // 2
      story('b', 'rare'), // 3: shares only the rare tag with 5
      story('b', 'common'), // 4
      story('c', 'common', 'rare'), // 5: the story we look at
      story('b', 'common', 'rare'), // 6: shares both tags
    ])
    expect(related[5]).toEqual([6, 3, 4, 2])
  })

  test('sharing the section counts, after a shared rare tag', () => {
    const related = findRelated([
      story('news', 'x'), // 0: same section, no tag
      story('sport', 'rare'), // 1: the rare tag, another section
      story('sport', 'x'), // 2: nothing shared
      story('news', 'rare', 'y'), // 3
      story('sport', 'x'),
      story('sport', 'x'),
    ])
    expect(related[3]).toEqual([1, 0])
  })

  test('equal matches: the more recent story first', () => {
    const related = findRelated([
      story('a', 't'),
      story('a', 't'),
      story('a', 't'),
      story('a', 't'),
      story('a', 't'),
      story('a', 't'),
    ])
    expect(related[0]).toEqual([5, 4, 3, 2])
    expect(related[5]).toEqual([4, 3, 2, 1])
  })

  test('never the story itself, at most four, and none when nothing is shared', () => {
    const related = findRelated([story('a', 'x'), story('b', 'y'), story('b', 'y', 'y')])
    expect(related[0]).toEqual([])
    expect(related[1]).toEqual([2])
    expect(related[2]).toEqual([1])
    const many = findRelated(Array.from({ length: 50 }, () => story('a', 't')))
    for (const [id, list] of many.entries()) {
      expect(list).toHaveLength(4)
      expect(list).not.toContain(id)
      expect(new Set(list).size).toBe(4)
    }
  })

  test('a long posting list is read only around the story: the stories nearest to it in time', () => {
    const stories = Array.from({ length: 1000 }, () => story('a', 'everywhere'))
    const related = findRelated(stories, { postingsCut: 10 })
    // Story 500 reads the ten stories from 495 to 504 of each list (itself excluded), newest first.
    expect(related[500]).toEqual([504, 503, 502, 501])
    // At the ends of the list the window shifts inwards, still ten long.
    expect(related[0]).toEqual([9, 8, 7, 6])
    expect(related[999]).toEqual([998, 997, 996, 995])
    // Uncut, every story would offer the newest ones.
    expect(findRelated(stories, { postingsCut: Infinity })[0]).toEqual([999, 998, 997, 996])
  })

  test('a rare tag is read whole, however far away its other stories are', () => {
    const stories = Array.from({ length: 1000 }, (_, i) =>
      i === 3 || i === 990 ? story('a', 'common', 'rare') : story('a', 'common'),
    )
    expect(findRelated(stories, { postingsCut: 10 })[3]![0]).toBe(990)
  })

  test('the work grows with the stories, not with their square', () => {
    // 20,000 stories in one section with one tag: without the cut, 400 million pairs.
    const stories = Array.from({ length: 20_000 }, (_, i) => story('a', 't', `t${i % 50}`))
    const started = performance.now()
    const related = findRelated(stories)
    expect(related[12_345]).toHaveLength(4)
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})

describe('related stories in the built API', () => {
  test('each article names its related stories, best match first, with their reading times', async () => {
    const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ')
    const contentDir = await contentWith({
      'base.md': articleSource({ tags: '[alpha, gamma]', published: '2025-01-01T08:00:00Z' }),
      'both-tags.md': articleSource(
        { title: 'Both tags', section: 'science', tags: '[alpha, gamma]' },
        words(700),
      ),
      'one-tag.md': articleSource({ title: 'One tag', tags: '[gamma]', section: 'science' }),
      'section-only.md': articleSource({ title: 'Section only', tags: '[beta]' }),
      // Three stories sharing nothing, so that gamma, on three of seven stories, is rare enough to
      // count for more than the section.
      ...Object.fromEntries(
        [1, 2, 3].map((i) => [
          `unrelated-${i}.md`,
          articleSource({ title: 'Unrelated', section: 'science', tags: '[beta]' }),
        ]),
      ),
    })
    const outDir = await tempDir('api')
    await buildApi({ contentDir, outDir })
    const text = await readFile(path.join(outDir, 'articles/base.json'), 'utf8')
    const article = v.parse(ArticleSchema, JSON.parse(text))
    expect(article.related).toEqual([
      {
        slug: 'both-tags',
        headline: 'Both tags',
        section: { slug: 'science', name: 'Science' },
        published: '2025-04-01T08:00:00.000Z',
        readingMinutes: 4,
      },
      expect.objectContaining({ slug: 'one-tag', readingMinutes: 1 }),
      expect.objectContaining({ slug: 'section-only' }),
    ])
    // The file is whole JSON, ending with the related stories.
    expect(text.endsWith(']}')).toBe(true)
  })
})
