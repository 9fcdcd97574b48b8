// @vitest-environment node
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { buildApi } from '../../../scripts/api/build-api.ts'
import { textDirection } from '../../../scripts/api/content.ts'
import {
  ArticleSchema,
  LanguageTagSchema,
  ListingPageSchema,
  SummarySchema,
} from '@/features/articles/api/schemas'
import { articleSource, contentWith, tempDir } from '../../utils/content-dir'

describe('textDirection: the direction of a language, from its script', () => {
  test.each<[string, 'ltr' | 'rtl']>([
    // Languages written in Arabic, Hebrew, Thaana and Syriac scripts, by their likely script.
    ...['ar', 'ar-EG', 'fa', 'ur', 'ps', 'sd', 'ug', 'ckb', 'he', 'he-IL', 'yi', 'dv', 'syr'].map(
      (tag): [string, 'rtl'] => [tag, 'rtl'],
    ),
    // A script subtag decides: Kurdish and Azerbaijani in Arabic script run right to left, Arabic in
    // Latin letters (and Kurdish, in Latin by default) left to right.
    ['ku-Arab', 'rtl'],
    ['az-Arab', 'rtl'],
    ['pa-Arab', 'rtl'],
    ['ar-Latn', 'ltr'],
    ['ku', 'ltr'],
    ...['en', 'en-GB', 'de-DE', 'fr', 'zh-Hant', 'ja', 'hi', 'ru', 'el'].map(
      (tag): [string, 'ltr'] => [tag, 'ltr'],
    ),
  ])('%s is %s', (tag, direction) => {
    expect(textDirection(tag)).toBe(direction)
  })
})

describe('LanguageTagSchema: a canonical BCP 47 tag', () => {
  test.each(['ar', 'he-IL', 'ku-Arab', 'zh-Hant-TW', 'de-DE', 'sr-Latn', 'en-GB-oxendict'])(
    'accepts %s',
    (tag) => {
      expect(v.is(LanguageTagSchema, tag)).toBe(true)
    },
  )

  test.each([
    ['an empty string', ''],
    ['a language name', 'Arabic language'],
    ['a subtag too long', 'arabicspeak'],
    ['underscores', 'ar_EG'],
    ['a tag not in canonical case', 'AR-eg'],
    ['a stray hyphen', 'ar-'],
    ['markup', '<b>ar</b>'],
    ['a number', 42],
  ])('rejects %s', (_, tag) => {
    expect(v.is(LanguageTagSchema, tag)).toBe(false)
  })

  test('is optional in a summary, and checked there', () => {
    const summary = {
      id: 0,
      slug: 'a-story',
      headline: 'A story',
      summary: '',
      kind: 'news',
      section: { slug: 'world', name: 'World' },
      tags: [],
      author: { slug: 'ada', name: 'Ada' },
      published: '2025-04-01T08:00:00.000Z',
      updated: null,
      readingMinutes: 1,
      image: null,
    }
    expect(v.is(SummarySchema, summary)).toBe(true)
    expect(v.is(SummarySchema, { ...summary, lang: 'ar', dir: 'rtl' })).toBe(true)
    expect(v.is(SummarySchema, { ...summary, lang: 'not a tag', dir: 'rtl' })).toBe(false)
    expect(v.is(SummarySchema, { ...summary, lang: 'ar', dir: 'up' })).toBe(false)
  })
})

describe('the API build', () => {
  async function build(articles: Record<string, string>) {
    const contentDir = await contentWith(articles)
    const outDir = await tempDir('out')
    await buildApi({ contentDir, outDir })
    const read = async (file: string) =>
      JSON.parse(await readFile(path.join(outDir, file), 'utf8')) as unknown
    return {
      article: async (slug: string) => v.parse(ArticleSchema, await read(`articles/${slug}.json`)),
      latest: async () => v.parse(ListingPageSchema, await read('lists/latest/1.json')),
    }
  }

  test("writes a story's language, canonicalized, and its direction; nothing for the site's own", async () => {
    const api = await build({
      // The newest, so first in the listing (the fixture's pages hold two stories).
      'arabic-story.md': articleSource({ lang: 'AR-eg', published: '2030-01-01T00:00:00Z' }),
      'hebrew-story.md': articleSource({ lang: 'he' }),
      'kurdish-story.md': articleSource({ lang: 'ku-Latn' }),
      'english-story.md': articleSource({ published: '2029-01-01T00:00:00Z' }),
    })
    expect(await api.article('arabic-story')).toMatchObject({ lang: 'ar-EG', dir: 'rtl' })
    expect(await api.article('hebrew-story')).toMatchObject({ lang: 'he', dir: 'rtl' })
    expect(await api.article('kurdish-story')).toMatchObject({ lang: 'ku-Latn', dir: 'ltr' })
    const english = await api.article('english-story')
    expect('lang' in english || 'dir' in english).toBe(false)
    // The listings carry them too: a story card needs them.
    const items = (await api.latest()).items
    expect(items.find((s) => s.slug === 'arabic-story')).toMatchObject({
      lang: 'ar-EG',
      dir: 'rtl',
    })
    expect(items.map((s) => s.slug)).toEqual(['arabic-story', 'english-story'])
    expect(items[0]).toMatchObject({ lang: 'ar-EG', dir: 'rtl' })
    expect(items[1]).not.toHaveProperty('lang')
    // And so do related stories, for the headline below another story.
    const related = english.related ?? []
    expect(related.find((s) => s.slug === 'arabic-story')).toMatchObject({
      lang: 'ar-EG',
      dir: 'rtl',
    })
    expect(related.find((s) => s.slug === 'kurdish-story')).toMatchObject({ dir: 'ltr' })
    expect(
      (await api.article('arabic-story')).related?.find((s) => s.slug === 'english-story'),
    ).not.toHaveProperty('lang')
  })

  test('fails on a language that is not a language tag, naming the file', async () => {
    const contentDir = await contentWith({
      'good-story.md': articleSource(),
      'bad-story.md': articleSource({ lang: 'Arabic language' }),
    })
    await expect(buildApi({ contentDir, outDir: await tempDir('out') })).rejects.toThrow(
      /^ {2}bad-story\.md: lang must be a BCP 47 language tag/m,
    )
  })
})
