// @vitest-environment node
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { ArticleSchema, FrontSchema, ListingHeadSchema } from '@/features/articles/api/schemas'
import { SiteSchema } from '@/features/site/api/schemas'
import { buildApi } from '../../../scripts/api/build-api.ts'
import { articleSource, contentWith, tempDir } from '../../utils/content-dir'

/**
 * What the API gives the front page (docs/api.md, `featured` and `front.json`; docs/decisions/030): the
 * newsroom's mark on its lead story, and each section's newest stories in one file.
 */

const readJson = async (dir: string, file: string): Promise<unknown> =>
  JSON.parse(await readFile(path.join(dir, file), 'utf8'))

/** Builds the fixture newsroom with these articles added (pages of `pageSize`); returns the API folder. */
async function build(articles: Record<string, string>, pageSize = 2) {
  const site = `name: Fixture News\ndescription: A tiny newsroom for the API build's tests.\npageSize: ${pageSize}\n`
  const contentDir = await contentWith(articles, {
    keepArticles: true,
    files: { 'site.yml': site },
  })
  const outDir = await tempDir('front-api')
  await buildApi({ contentDir, outDir })
  return outDir
}

/** `count` stories in a section, a day apart from `from` (a date), named "<Section> story <n>". */
const storiesIn = (section: 'world' | 'science', count: number, from: string) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => {
      const day = new Date(Date.parse(from) + i * 86_400_000).toISOString()
      const name = `${section === 'world' ? 'World' : 'Science'} story ${i}`
      return [`${section}-${i}.md`, articleSource({ title: name, section, published: day })]
    }),
  )

describe('the lead story mark', () => {
  test('a story marked featured carries the flag on its article and in its listings; no other story does', async () => {
    const api = await build(
      {
        'the-lead.md': articleSource({
          title: 'The lead',
          featured: 'true',
          published: '2025-02-15T08:00:00Z',
        }),
        'not-the-lead.md': articleSource({ title: 'Not the lead', featured: 'false' }),
      },
      8,
    )
    const lead = v.parse(ArticleSchema, await readJson(api, 'articles/the-lead.json'))
    expect(lead.featured).toBe(true)
    const other = await readJson(api, 'articles/not-the-lead.json')
    expect(other).not.toHaveProperty('featured')

    for (const file of ['lists/latest/1.json', 'lists/sections/world/1.json']) {
      const head = v.parse(ListingHeadSchema, await readJson(api, file))
      const marked = [...head.items, ...head.rest]
        .filter((item) => 'featured' in item)
        .map((item) => item.slug)
      expect(marked, file).toEqual(['the-lead'])
      // On page 1, its own flag says it leads: the head carries no `lead` beside it.
      expect(head, file).not.toHaveProperty('lead')
    }
  })

  test("an older marked story than page 1 is the latest head's lead, once, and front.json's rows leave it out", async () => {
    const api = await build(
      {
        ...storiesIn('science', 6, '2025-04-01T08:00:00Z'),
        ...storiesIn('world', 6, '2024-06-01T08:00:00Z'),
        // Two marks below page 1: the newer leads.
        'world-5.md': articleSource({
          title: 'World story 5',
          featured: 'true',
          published: '2024-06-06T08:00:00Z',
        }),
        'world-4.md': articleSource({
          title: 'World story 4',
          featured: 'true',
          published: '2024-06-05T08:00:00Z',
        }),
      },
      8,
    )
    const home = v.parse(ListingHeadSchema, await readJson(api, 'lists/latest/1.json'))
    expect(home.lead?.slug).toBe('world-5')
    expect(home.lead?.featured).toBe(true)
    expect(home.items.some((story) => story.featured)).toBe(false)
    // Not a position: the story is still where it is in the listing, among the older ones.
    expect(home.total).toBe(15)
    const world = v.parse(ListingHeadSchema, await readJson(api, 'lists/sections/world/1.json'))
    expect(world).not.toHaveProperty('lead')

    const front = v.parse(FrontSchema, await readJson(api, 'front.json'))
    expect(front.sections.find((s) => s.slug === 'world')!.items.map((s) => s.headline)).toEqual([
      'The first story',
      'World story 4',
      'World story 3',
      'World story 2',
    ])
  })

  test('a mark that is not true or false is refused, with the file and the field', async () => {
    const contentDir = await contentWith(
      { 'odd.md': articleSource({ featured: 'sometimes' }) },
      { keepArticles: true },
    )
    await expect(buildApi({ contentDir, outDir: await tempDir('front-api') })).rejects.toThrow(
      /odd\.md: featured/,
    )
  })
})

describe('front.json', () => {
  test("holds each section's newest stories that home does not show above, at most four, in navigation order", async () => {
    // Pages of eight. Six Science stories are the newest: with the fixture's third and second stories they
    // are home's first page. World's first page is the fixture's third and first stories and six older
    // World stories.
    const api = await build(
      {
        ...storiesIn('science', 6, '2025-04-01T08:00:00Z'),
        ...storiesIn('world', 6, '2024-06-01T08:00:00Z'),
      },
      8,
    )
    const front = v.parse(FrontSchema, await readJson(api, 'front.json'))
    const site = v.parse(SiteSchema, await readJson(api, 'site.json'))
    expect(front.sections.map((s) => s.slug)).toEqual(site.sections.map((s) => s.slug))

    const home = v.parse(ListingHeadSchema, await readJson(api, 'lists/latest/1.json'))
    const shown = new Set(home.items.map((s) => s.slug))
    for (const { slug, items } of front.sections) {
      const head = v.parse(ListingHeadSchema, await readJson(api, `lists/sections/${slug}/1.json`))
      const expected = head.items.filter((story) => !shown.has(story.slug)).slice(0, 4)
      expect(items, slug).toEqual(
        expected.map((story) => ({
          slug: story.slug,
          headline: story.headline,
          section: story.section,
          published: story.published,
          readingMinutes: story.readingMinutes,
        })),
      )
    }
    const row = (slug: string) => front.sections.find((s) => s.slug === slug)!.items
    // World: its newest stories but the one home shows (the third), four of them.
    expect(row('world').map((s) => s.headline)).toEqual([
      'The first story',
      'World story 5',
      'World story 4',
      'World story 3',
    ])
    // Every Science story on its first page is on home's too; Empty has none.
    expect(row('science')).toEqual([])
    expect(row('empty')).toEqual([])
  })
})
