// @vitest-environment node
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseFeed as parseXmlFeed } from '@rowanmanning/feed-parser'
import { parseFeed } from 'feedsmith'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApi } from '../../../scripts/api/build-api.ts'
import { feedDocuments, type FeedEntry } from '../../../scripts/feeds-out/feed-documents.ts'
import { FEED_ITEMS } from '../../../scripts/feeds-out/listing-feeds.ts'
import { storyHtml } from '../../../scripts/feeds-out/story-html.ts'
import { writeFeeds } from '../../../scripts/feeds-out/write-feeds.ts'
import type { Article } from '../../../src/features/articles/api/schemas.ts'
import type { Site } from '../../../src/features/site/api/schemas.ts'

/**
 * The feeds out (scripts/feeds-out, docs/decisions/025-feeds-out.md): the story text they carry, the three
 * documents as two parsers written by others read them (@rowanmanning/feed-parser for RSS and Atom,
 * feedsmith for all three), and every feed a build of the demo newsroom writes, against its API.
 */

const SITE = 'https://news.example.org/'
const ctx = { siteUrl: SITE, apiUrl: `${SITE}api/` }
const HOSTILE = 'Puffins ]]> return <script>alert(1)</script> & "friends"'

describe('a story as HTML', () => {
  test('escapes its text, makes its links and images absolute, and drops links it would not follow', () => {
    const html = storyHtml(
      {
        hero: {
          src: 'images/puffin-1280.webp',
          width: 1280,
          height: 720,
          alt: 'A puffin "at rest"',
          srcset: [],
          caption: 'On the cliff <b>edge</b>',
          credit: 'Ana Ortiz',
        },
        body: [
          { type: 'paragraph', content: [{ type: 'text', text: HOSTILE }] },
          {
            type: 'paragraph',
            content: [
              { type: 'link', href: '/articles/older', content: [{ type: 'text', text: 'older' }] },
              { type: 'link', href: 'javascript:alert(1)', content: [{ type: 'text', text: 'x' }] },
              {
                type: 'link',
                href: 'mailto:desk@example.org',
                content: [{ type: 'text', text: 'm' }],
              },
            ],
          },
          { type: 'html', html: '<table><tr><td>1</td></tr></table>' },
          { type: 'embed', url: 'https://video.example/1', provider: 'Video', title: '' },
        ],
      },
      ctx,
    )
    expect(html).toContain(
      '<p>Puffins ]]&gt; return &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;</p>',
    )
    expect(html).toContain('<img src="https://news.example.org/api/images/puffin-1280.webp"')
    expect(html).toContain('alt="A puffin &quot;at rest&quot;"')
    expect(html).toContain(
      '<figcaption>On the cliff &lt;b&gt;edge&lt;/b&gt; Ana Ortiz</figcaption>',
    )
    expect(html).toContain('<a href="https://news.example.org/articles/older">older</a>')
    expect(html).not.toContain('javascript:')
    expect(html).toContain('<a href="mailto:desk@example.org">m</a>')
    expect(html).toContain('<table><tr><td>1</td></tr></table>')
    expect(html).toContain('<a href="https://video.example/1">https://video.example/1</a> (Video)')
  })
})

describe('the three documents', () => {
  const withPhoto: FeedEntry = {
    url: `${SITE}articles/puffins`,
    title: HOSTILE,
    summary: 'Seabirds & their cliffs.',
    html: `<p>${HOSTILE.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`,
    published: '2026-05-01T08:00:00.000Z',
    updated: '2026-05-02T09:30:00.000Z',
    author: { name: 'Ana Ortiz', url: `${SITE}authors/ana-ortiz` },
    categories: [
      { term: 'science', label: 'Science', url: `${SITE}sections/science` },
      { term: 'birds', label: 'Birds & bees', url: `${SITE}tags/birds` },
    ],
    photo: {
      url: `${SITE}api/images/puffins-1280.webp`,
      type: 'image/webp',
      width: 1280,
      height: 720,
      alt: 'A puffin',
      credit: 'Ana Ortiz',
    },
  }
  const withoutPhoto: FeedEntry = {
    ...withPhoto,
    url: `${SITE}articles/gulls`,
    title: 'Gulls',
    published: '2026-04-30T08:00:00.000Z',
    updated: null,
    photo: null,
    lang: 'ar',
  }
  const science = {
    title: 'Science – Newsroom',
    description: 'The latest Science stories.',
    pageUrl: `${SITE}sections/science`,
    feedUrls: {
      rss: `${SITE}sections/science/feed.xml`,
      atom: `${SITE}sections/science/feed.atom`,
      json: `${SITE}sections/science/feed.json`,
    },
    iconUrl: `${SITE}pwa-512x512.png`,
    language: 'en',
    updated: withPhoto.updated!,
  }
  const documents = feedDocuments(science, [withPhoto, withoutPhoto])

  test.each(['rss', 'atom'] as const)(
    '%s reads back whole with @rowanmanning/feed-parser',
    (format) => {
      const feed = parseXmlFeed(documents[format])
      expect(feed.title).toBe('Science – Newsroom')
      expect(feed.url).toBe(`${SITE}sections/science`)
      expect(feed.self).toBe(`${SITE}sections/science/feed.${format === 'rss' ? 'xml' : 'atom'}`)
      const [first, second] = feed.items
      expect(feed.items).toHaveLength(2)
      expect(first!.title).toBe(HOSTILE)
      expect(first!.url).toBe(withPhoto.url)
      expect(first!.id).toBe(withPhoto.url)
      expect(first!.published?.toISOString()).toBe(withPhoto.published)
      if (format === 'atom') expect(first!.updated?.toISOString()).toBe(withPhoto.updated)
      expect(first!.authors.map((a) => a.name)).toEqual(['Ana Ortiz'])
      expect(first!.categories.map((c) => c.label)).toEqual(['Science', 'Birds & bees'])
      // This parser hands content back with its character references decoded; feedsmith's, below, as written.
      expect(first!.content).toMatch(/^<p>Puffins \]\]/)
      expect(first!.description).toBe(withPhoto.summary)
      expect(first!.mediaImages.map((m) => m.url)).toContain(withPhoto.photo!.url)
      expect(second!.media).toEqual([])
    },
  )

  test('JSON Feed 1.1, RSS and Atom read back the same with feedsmith', () => {
    const json = parseFeed(documents.json)
    expect(json.format).toBe('json')
    if (json.format !== 'json') return
    expect(JSON.parse(documents.json)).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
    })
    const [item, other] = json.feed.items ?? []
    expect(item).toMatchObject({
      id: withPhoto.url,
      url: withPhoto.url,
      title: HOSTILE,
      content_html: withPhoto.html,
      summary: withPhoto.summary,
      image: withPhoto.photo!.url,
      date_published: withPhoto.published,
      date_modified: withPhoto.updated,
      tags: ['Science', 'Birds & bees'],
      authors: [{ name: 'Ana Ortiz', url: withPhoto.author.url }],
    })
    expect(other).toMatchObject({ language: 'ar' })
    expect(other).not.toHaveProperty('image')

    const rss = parseFeed(documents.rss)
    if (rss.format !== 'rss') throw new Error(`read as ${rss.format}`)
    const rssItem = rss.feed.items![0]!
    expect(rssItem.enclosures).toEqual([
      { url: withPhoto.photo!.url, length: 0, type: 'image/webp' },
    ])
    expect(rssItem.content?.encoded).toBe(withPhoto.html)
    expect(rssItem.guid).toMatchObject({ value: withPhoto.url, isPermaLink: true })
    expect(rssItem.media?.contents?.[0]).toMatchObject({
      width: 1280,
      height: 720,
      medium: 'image',
    })

    const atom = parseFeed(documents.atom)
    if (atom.format !== 'atom') throw new Error(`read as ${atom.format}`)
    const entry = atom.feed.entries![0]!
    expect(entry.content).toMatchObject({ value: withPhoto.html, type: 'html' })
    expect(entry.links).toContainEqual(
      expect.objectContaining({ rel: 'enclosure', href: withPhoto.photo!.url }),
    )
  })

  test('are the same bytes for the same stories', () => {
    const again = feedDocuments(science, [withPhoto, withoutPhoto])
    expect(again).toEqual(documents)
  })
})

describe('every feed of a built newsroom', () => {
  let work: string
  let api: string
  let siteDir: string
  let written: Awaited<ReturnType<typeof writeFeeds>>

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'newsroom-feeds-'))
    api = path.join(work, 'site/api')
    siteDir = path.join(work, 'site')
    await buildApi({
      contentDir: path.resolve(import.meta.dirname, '../../../content'),
      outDir: api,
    })
    written = await writeFeeds({ apiDir: api, siteDir, siteUrl: SITE })
  }, 120_000)
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true })
  })

  test('has the newest stories of its listing, as the API tells them, in all three formats', async () => {
    const site = JSON.parse(await readFile(path.join(api, 'site.json'), 'utf8')) as Site
    const redirects = JSON.parse(
      await readFile(path.join(api, 'redirects.json'), 'utf8').catch(() => '{}'),
    ) as Record<string, string>
    const articles: Article[] = []
    for (const name of await readdir(path.join(api, 'articles'))) {
      if (name.slice(0, -'.json'.length) in redirects) continue
      articles.push(JSON.parse(await readFile(path.join(api, 'articles', name), 'utf8')) as Article)
    }
    articles.sort((a, b) => b.id - a.id)
    const listings: [string, (a: Article) => boolean][] = [
      ['', () => true],
      ...site.sections.map((s): [string, (a: Article) => boolean] => [
        `sections/${s.slug}/`,
        (a) => a.section.slug === s.slug,
      ]),
      ...site.tags.map((t): [string, (a: Article) => boolean] => [
        `tags/${t.slug}/`,
        (a) => a.tags.some((tag) => tag.slug === t.slug),
      ]),
      ...site.authors.map((u): [string, (a: Article) => boolean] => [
        `authors/${u.slug}/`,
        (a) => a.author.slug === u.slug,
      ]),
    ]
    expect(written.files).toBe(listings.length * 3)
    for (const [dir, inListing] of listings) {
      const expected = articles.filter(inListing).slice(0, FEED_ITEMS)
      const read = (file: string) => readFile(path.join(siteDir, dir, file), 'utf8')
      const rss = parseXmlFeed(await read('feed.xml'))
      const atom = parseXmlFeed(await read('feed.atom'))
      const json = parseFeed(await read('feed.json'))
      if (json.format !== 'json') throw new Error(`${dir}feed.json read as ${json.format}`)
      for (const [format, items] of [
        ['rss', rss.items],
        ['atom', atom.items],
      ] as const) {
        const where = `${dir}feed (${format})`
        expect(items.length, where).toBe(expected.length)
        items.forEach((item, i) => {
          const story = expected[i]!
          const url = `${SITE}articles/${story.slug}`
          const photo = story.hero ?? story.image
          expect(item.title, where).toBe(story.headline)
          expect(item.url, where).toBe(url)
          expect(item.id, where).toBe(url)
          expect(item.published?.toISOString(), where).toBe(story.published)
          if (format === 'atom')
            expect(item.updated?.toISOString(), where).toBe(story.updated ?? story.published)
          expect(
            item.authors.map((a) => a.name),
            where,
          ).toEqual([story.author.name])
          expect(
            item.categories.map((c) => c.label),
            where,
          ).toEqual([story.section.name, ...story.tags.map((t) => t.name)])
          expect(
            item.mediaImages.map((m) => m.url),
            where,
          ).toEqual(photo ? [new URL(photo.src, `${SITE}api/`).href] : [])
          expect(item.content, where).toMatch(/^<(p|figure|h2|ul|ol|blockquote|table)/)
        })
      }
      const items = json.feed.items ?? []
      expect(items.map((item) => item.url)).toEqual(
        expected.map((story) => `${SITE}articles/${story.slug}`),
      )
      expect(items.map((item) => item.date_modified ?? null)).toEqual(
        expected.map((story) => story.updated),
      )
    }
  })

  test('stay small: a fixed number of stories each', () => {
    expect(written.largest.bytes).toBeLessThan(400_000)
  })
})
