// @vitest-environment node
import { access, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ArticleSchema,
  FrontSchema,
  IdIndexSchema,
  ListingChunkSchema,
  ListingHeadSchema,
  SummarySchema,
  type Article,
  type ListingPage,
} from '@/features/articles/api/schemas'
import { SiteSchema, type Site } from '@/features/site/api/schemas'
import {
  DocChunkSchema,
  SearchManifestSchema,
  TermShardSchema,
} from '@/features/search/api/schemas'
import { buildApi, type BuildApiResult } from '../../../scripts/api/build-api.ts'
import { articleSource, contentWith, FIXTURE_CONTENT, tempDir } from '../../utils/content-dir'
import { filesUnder } from '../../utils/file-tree'
import { widestRendition } from '../../utils/renditions'

let outDir: string
let result: BuildApiResult

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'newsroom-build-api-'))
  result = await buildApi({ contentDir: FIXTURE_CONTENT, outDir })
})
afterAll(() => rm(outDir, { recursive: true, force: true }))

const readJson = async (file: string, dir = outDir): Promise<unknown> =>
  JSON.parse(await readFile(path.join(dir, file), 'utf8'))
const head = async (file: string) => v.parse(ListingHeadSchema, await readJson(file))
const article = async (slug: string) =>
  v.parse(ArticleSchema, await readJson(`articles/${slug}.json`))
const slugsOf = (page: ListingPage) => page.items.map((item) => item.slug)

const SKY = widestRendition('sky', [640, 800, 1280], 720)

describe('building the fixture newsroom', () => {
  test('writes one file per article, listing head and chunk, id index, image size, and site.json', async () => {
    const files = await filesUnder(outDir)
    // The search index (tests/unit/search) has a manifest, one document chunk and a shard per prefix.
    const search = files.filter((f) => f.startsWith('search/'))
    expect(search).toEqual(
      expect.arrayContaining([
        'search/manifest.json',
        'search/docs/0.json',
        'search/terms/st.json',
      ]),
    )
    // The two stories without a photo have a share card each (scripts/api/share-card.ts).
    expect(files.filter((f) => f.startsWith('images/card-'))).toHaveLength(2)
    expect(files.filter((f) => !f.startsWith('search/') && !f.startsWith('images/card-'))).toEqual([
      'articles/first-story.json',
      'articles/second-story.json',
      'articles/third-story.json',
      'front.json',
      'ids/authors/ada-writer.json',
      'ids/authors/bo-editor.json',
      'ids/sections/empty.json',
      'ids/sections/science.json',
      'ids/sections/world.json',
      'ids/tags/alpha.json',
      'ids/tags/beta.json',
      'ids/tags/gamma.json',
      'images/sky-1280.webp',
      'images/sky-1x1.webp',
      'images/sky-4x3.webp',
      'images/sky-640.webp',
      'images/sky-800.webp',
      'lists/authors/ada-writer/1.json',
      'lists/authors/bo-editor/1.json',
      'lists/latest/1.json',
      'lists/sections/empty/1.json',
      'lists/sections/science/1.json',
      'lists/sections/world/1.json',
      'lists/tags/alpha/1.json',
      'lists/tags/beta/1.json',
      'lists/tags/gamma/1.json',
      'site.json',
    ])
    // files counts the JSON written (22, and the search index's), not the rendered images.
    expect(result).toMatchObject({ articles: 3, files: 22 + search.length })
    expect(result.bytes).toBeGreaterThan(0)
  })

  test('every JSON file matches the schema the app parses it with', async () => {
    for (const file of await filesUnder(outDir)) {
      const body = file.endsWith('.json') ? await readJson(file) : null
      if (file.startsWith('articles/')) v.parse(ArticleSchema, body)
      else if (file.includes('/chunks/')) v.parse(ListingChunkSchema, body)
      else if (file.startsWith('lists/')) v.parse(ListingHeadSchema, body)
      else if (file.startsWith('ids/')) v.parse(IdIndexSchema, body)
      else if (file === 'site.json') v.parse(SiteSchema, body)
      else if (file === 'front.json') v.parse(FrontSchema, body)
      else if (file === 'search/manifest.json') v.parse(SearchManifestSchema, body)
      else if (file.startsWith('search/terms/')) v.parse(TermShardSchema, body)
      else if (file.startsWith('search/docs/')) v.parse(DocChunkSchema, body)
      else expect(file).toMatch(/^images\/(.+\.webp|card-[0-9a-f]{20}\.png)$/)
    }
  })

  test('the latest listing: page 1 newest first, then the rest, in its head while under a page and a chunk', async () => {
    const first = await head('lists/latest/1.json')

    expect(first).toMatchObject({ page: 1, pageCount: 2, pageSize: 2, total: 3, chunkCount: 0 })
    expect(slugsOf(first)).toEqual(['third-story', 'second-story'])
    expect(first.rest.map((s) => s.slug)).toEqual(['first-story'])
  })

  test('listing items are summaries: the article without its hero and body', async () => {
    // Read raw: parsing with a schema would drop any extra keys.
    const raw = (await readJson('lists/latest/1.json')) as { rest: Record<string, unknown>[] }
    const [first] = raw.rest

    // lang and dir are written only for a story not in the site's language (article-language.test.ts),
    // featured only for the newsroom's lead (front-page-api.test.ts).
    const always = Object.keys(SummarySchema.entries).filter(
      (key) => !['lang', 'dir', 'featured'].includes(key),
    )
    expect(Object.keys(first!).sort()).toEqual(always.sort())
    expect(first).toEqual(v.parse(SummarySchema, await article('first-story')))
  })

  test('section, tag and author listings hold only their stories; an empty one has one empty page', async () => {
    expect(slugsOf(await head('lists/sections/world/1.json'))).toEqual([
      'third-story',
      'first-story',
    ])
    expect(slugsOf(await head('lists/authors/bo-editor/1.json'))).toEqual(['second-story'])
    expect((await head('lists/tags/beta/1.json')).rest.map((s) => s.slug)).toEqual(['first-story'])
    expect(await head('lists/sections/empty/1.json')).toEqual({
      page: 1,
      pageCount: 1,
      pageSize: 2,
      total: 0,
      items: [],
      rest: [],
      chunkSize: 2,
      chunkCount: 0,
      version: 0,
      changed: [],
    })
  })

  test('ids are given in publication order and indexed newest first', async () => {
    // Written delta-encoded: the newest id, then the gap to each next one.
    expect(await readJson('ids/tags/beta.json')).toEqual({ total: 3, pageSize: 2, gaps: [2, 1, 1] })
    expect(await readJson('ids/tags/alpha.json')).toEqual({ total: 2, pageSize: 2, gaps: [2, 2] })
    expect(await readJson('ids/sections/empty.json')).toEqual({ total: 0, pageSize: 2, gaps: [] })
    expect(v.parse(IdIndexSchema, await readJson('ids/tags/beta.json')).ids).toEqual([2, 1, 0])
    expect((await article('first-story')).id).toBe(0)
    expect((await article('third-story')).id).toBe(2)
  })

  test('site.json names the newsroom and counts each section, tag and author', async () => {
    const site = (await readJson('site.json')) as Site
    expect(site).toMatchObject({
      name: 'Fixture News',
      description: "A tiny newsroom for the API build's tests.",
      pageSize: 2,
      totalArticles: 3,
      // The latest change: the newest publication or update.
      generatedAt: '2025-03-01T08:00:00.000Z',
    })
    const counts = (list: { slug: string; count: number }[]) =>
      Object.fromEntries(list.map((entry) => [entry.slug, entry.count]))
    expect(counts(site.sections)).toEqual({ world: 2, science: 1, empty: 0 })
    expect(counts(site.tags)).toEqual({ alpha: 2, beta: 3, gamma: 1 })
    expect(counts(site.authors)).toEqual({ 'ada-writer': 2, 'bo-editor': 1 })
    expect(site.sections[0]).toEqual({
      slug: 'world',
      name: 'World',
      description: 'News from everywhere.',
      count: 2,
    })
    expect(site.authors[0]).toMatchObject({
      name: 'Ada Writer',
      role: 'Reporter',
      bio: 'Writes things.',
    })
  })

  test('an article carries its front matter, named references and reading time', async () => {
    const first = await article('first-story')
    expect(first).toMatchObject({
      slug: 'first-story',
      headline: 'The first story',
      summary: 'Where it all begins.',
      kind: 'news',
      section: { slug: 'world', name: 'World' },
      tags: [
        { slug: 'alpha', name: 'Alpha' },
        { slug: 'beta', name: 'Beta' },
      ],
      author: { slug: 'ada-writer', name: 'Ada Writer' },
      published: '2025-01-01T08:00:00.000Z',
      updated: null,
      readingMinutes: 1,
    })
    const second = await article('second-story')
    expect(second).toMatchObject({
      kind: 'brief',
      updated: '2025-02-02T10:00:00.000Z',
      hero: null,
      image: null,
    })
  })

  test('the hero image is rendered at each width, with caption and credit', async () => {
    const first = await article('first-story')
    expect(first.hero).toEqual({
      ...SKY,
      alt: 'A blue sky over green hills',
      caption: 'Hills at dawn',
      credit: 'Fixture Photo',
    })
    expect(first.image).toEqual({ ...SKY, alt: 'A blue sky over green hills' })
    const small = await sharp(path.join(outDir, 'images/sky-640.webp')).metadata()
    expect(small).toMatchObject({ format: 'webp', width: 640, height: 360 })
    const middle = await sharp(path.join(outDir, 'images/sky-800.webp')).metadata()
    expect(middle).toMatchObject({ format: 'webp', width: 800, height: 450 })
  })

  test('the Markdown body becomes blocks', async () => {
    const text = (value: string) => ({ type: 'text' as const, text: value })
    expect((await article('first-story')).body).toEqual<Article['body']>([
      {
        type: 'paragraph',
        content: [
          text('Opening paragraph with '),
          { type: 'em', content: [text('emphasis')] },
          text(', '),
          { type: 'strong', content: [text('strength')] },
          text(' and a '),
          { type: 'link', href: 'https://example.org', content: [text('link')] },
          text('.'),
        ],
      },
      { type: 'heading', level: 2, content: [text('A subheading')] },
      {
        type: 'quote',
        paragraphs: [[text('A quotation that matters.')]],
        cite: 'A Person, spokesperson',
      },
      { type: 'list', ordered: false, items: [[text('one')], [text('two')]] },
      {
        type: 'figure',
        figure: { ...SKY, alt: 'A sky', caption: 'The sky again', credit: 'Fixture Photo' },
      },
    ])
    expect((await article('third-story')).body).toEqual([
      { type: 'list', ordered: true, items: [[text('First')], [text('Second')]] },
    ])
    expect((await article('second-story')).body).toEqual([
      {
        type: 'paragraph',
        content: [
          text('A brief that links to '),
          { type: 'link', href: '/articles/first-story', content: [text('the first')] },
          text('.'),
        ],
      },
    ])
  })
})

describe('building other content', () => {
  test('pageSize overrides site.yml', async () => {
    const contentDir = await contentWith({
      'one.md': articleSource({ published: '2025-01-01T00:00:00Z' }),
      'two.md': articleSource({ published: '2025-01-02T00:00:00Z' }),
    })
    const out = await tempDir('out')
    await buildApi({ contentDir, outDir: out, pageSize: 1 })

    // Page 1 in the head; the older story sealed in chunk 0.
    expect(await readJson('lists/latest/1.json', out)).toMatchObject({
      pageCount: 2,
      pageSize: 1,
      items: [{ slug: 'two' }],
      chunkCount: 1,
    })
    expect(await readJson('lists/latest/chunks/0.json', out)).toMatchObject({
      chunk: 0,
      items: [{ slug: 'one' }],
    })
  })

  test('a rebuild removes the files of stories that are gone', async () => {
    const out = await tempDir('out')
    await buildApi({
      contentDir: await contentWith({ 'stays.md': articleSource(), 'goes.md': articleSource() }),
      outDir: out,
    })
    await access(path.join(out, 'articles/goes.json'))

    await buildApi({ contentDir: await contentWith({ 'stays.md': articleSource() }), outDir: out })
    expect(await filesUnder(path.join(out, 'articles'))).toEqual(['stays.json'])
    expect(await readJson('site.json', out)).toMatchObject({ totalArticles: 1 })
  })

  test('reading time counts the words of the body', async () => {
    const words = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ')
    const out = await tempDir('out')
    await buildApi({
      contentDir: await contentWith({ 'long.md': articleSource({}, words) }),
      outDir: out,
    })

    // 500 words at 230 a minute.
    expect(await readJson('articles/long.json', out)).toMatchObject({ readingMinutes: 3 })
  })
})
