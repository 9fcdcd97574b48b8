// @vitest-environment node
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import robotsParser from 'robots-parser'
import { parseSitemap, parseSitemapIndex } from 'sitemap'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import type { Article, ListingHead } from '@/features/articles/api/schemas'
import type { Site } from '@/features/site/api/schemas'
import { buildApi } from '../../../scripts/api/build-api.ts'
import { loadContentFolder, type LoadedSource } from '../../../scripts/api/content.ts'
import { ledgerFromBuild, storyKey } from '../../../scripts/api/ledger.ts'
import { updateApi } from '../../../scripts/api/update-api.ts'
import { planSitemaps, type SitemapStory } from '../../../scripts/sitemaps/plan.ts'
import { renderIndex, renderNews, renderUrlset } from '../../../scripts/sitemaps/render.ts'
import { writeSitemaps } from '../../../scripts/sitemaps/site-sitemaps.ts'
import { articleSource, tempDir } from '../../utils/content-dir'
import { filesUnder } from '../../utils/file-tree'

/**
 * The sitemaps, the Google News sitemap and robots.txt a build writes (scripts/sitemaps/), read back with
 * parsers written by others (the `sitemap` package's, robots-parser) and checked against the API the
 * same build wrote; the sync's update of them against a full build; and 100,000 stories within the
 * protocol's limits.
 */

const DEMO_CONTENT = path.resolve(import.meta.dirname, '../../../content')
const ORIGIN = new URL('https://news.example.org/')
const DAY = 24 * 60 * 60 * 1000
/** The protocol's limits (sitemaps.org) and Google News's, as they say them, not as the code does. */
const MAX_URLS = 50_000
const MAX_BYTES = 50 * 1024 * 1024
const NEWS_MAX = 1000

const parseUrls = async (file: string) => parseSitemap(Readable.from([await readFile(file)]))
const parseIndex = async (file: string) => parseSitemapIndex(Readable.from([await readFile(file)]))
const readJson = async <T>(file: string) => JSON.parse(await readFile(file, 'utf8')) as T
const change = (s: { published: string; updated: string | null }) =>
  Date.parse(s.updated ?? s.published)

/**
 * The demo newsroom with a few stories of its newest days added (one in Arabic, one just outside the
 * news sitemap's two days), so the news sitemap has something to choose from.
 */
async function demoWithRecentStories(content: string): Promise<string> {
  await cp(DEMO_CONTENT, content, { recursive: true })
  const base = await loadContentFolder(content)
  const story = (title: string, published: string, extra: Record<string, string> = {}) =>
    articleSource({
      title,
      summary: 'Recent.',
      section: base.taxonomy.sections[0]!.slug,
      author: base.taxonomy.authors[0]!.slug,
      tags: `[${base.taxonomy.tags[0]!.slug}]`,
      published,
      ...extra,
    })
  const recent = {
    'recent-outside.md': story('Just outside the two days', '2031-01-01T07:59:00Z'),
    'recent-edge.md': story('Exactly two days before the newest', '2031-01-01T08:00:00Z'),
    'recent-arabic.md': story('خبر عاجل عن الطقس', '2031-01-02T09:00:00Z', { lang: 'ar' }),
    'recent-edited.md': story('Edited & "quoted" <news>', '2031-01-02T10:00:00Z', {
      updated: '2031-01-03T07:00:00Z',
    }),
    'recent-newest.md': story('The newest story', '2031-01-03T08:00:00Z'),
  }
  for (const [name, text] of Object.entries(recent))
    await writeFile(path.join(content, 'articles', name), text)
  return content
}

/** Builds the API of `content` into `<site>/api` and the sitemaps beside it, as `vite build` does. */
async function buildSite(content: string, site: string, source?: LoadedSource): Promise<string> {
  const outDir = path.join(site, 'api')
  await buildApi({ ...(source ? { source } : { contentDir: content }), outDir, validate: false })
  await writeSitemaps(site, path.join(site, 'api'), ORIGIN)
  return site
}

/** Every story the API serves at its own address (a renamed story's old file aside), by slug. */
async function apiStories(apiDir: string): Promise<Map<string, Article>> {
  const redirects = await readJson<Record<string, string>>(
    path.join(apiDir, 'redirects.json'),
  ).catch(() => ({}) as Record<string, string>)
  const stories = new Map<string, Article>()
  for (const name of await readdir(path.join(apiDir, 'articles'))) {
    const slug = name.replace(/\.json$/, '')
    if (!(slug in redirects))
      stories.set(slug, await readJson<Article>(path.join(apiDir, 'articles', name)))
  }
  return stories
}

/** The sitemap files of a built site: robots.txt, the index, the news sitemap and every child. */
async function sitemapFiles(site: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const file of ['robots.txt', 'sitemap.xml', 'news-sitemap.xml'])
    files.set(file, await readFile(path.join(site, file), 'utf8'))
  for (const file of await filesUnder(path.join(site, 'sitemaps')))
    files.set(`sitemaps/${file}`, await readFile(path.join(site, 'sitemaps', file), 'utf8'))
  return files
}

describe('the sitemaps a build writes', () => {
  // One build of the demo with recent stories, shared by the tests that only read it.
  let work: string
  let shared: string
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'newsroom-sitemaps-'))
    const content = await demoWithRecentStories(path.join(work, 'content'))
    shared = await buildSite(content, path.join(work, 'site'))
  }, 180_000)
  afterAll(() => rm(work, { recursive: true, force: true }))
  const demoSite = () => shared

  test('robots.txt names the sitemaps; they list every story and listing the API has, once, with its lastmod', async () => {
    const site = await demoSite()
    const apiDir = path.join(site, 'api')

    const robots = robotsParser(
      new URL('robots.txt', ORIGIN).href,
      await readFile(path.join(site, 'robots.txt'), 'utf8'),
    )
    const named = robots.getSitemaps()
    expect(named).toEqual([
      new URL('sitemap.xml', ORIGIN).href,
      new URL('news-sitemap.xml', ORIGIN).href,
    ])
    // It allows what public/robots.txt allowed: everything.
    expect(robots.isAllowed(new URL('/articles/x', ORIGIN).href, 'Googlebot')).toBe(true)
    expect(robots.isAllowed(new URL('/', ORIGIN).href, 'Googlebot-News')).toBe(true)

    // Every sitemap file the build wrote is named by robots.txt or by the index it names, and every
    // child the index names is a file of the build.
    const index = await parseIndex(path.join(site, 'sitemap.xml'))
    const children = index.map((entry) => new URL(entry.url).pathname.slice(1))
    const written = (await filesUnder(path.join(site, 'sitemaps'))).map((f) => `sitemaps/${f}`)
    expect([...children].sort()).toEqual(written)

    // Every URL of every child, with the child's lastmod the newest of its URLs'.
    const listed = new Map<string, number>()
    const seen: string[] = []
    for (const [i, child] of children.entries()) {
      const urls = await parseUrls(path.join(site, child))
      expect(urls.length).toBeGreaterThan(0)
      expect(urls.length).toBeLessThanOrEqual(MAX_URLS)
      for (const url of urls) {
        seen.push(url.url)
        listed.set(url.url, Date.parse(url.lastmod!))
      }
      expect(Date.parse(index[i]!.lastmod!), child).toBe(
        Math.max(...urls.map((u) => Date.parse(u.lastmod!))),
      )
    }
    expect(seen.length, 'each URL once').toBe(new Set(seen).size)

    // Every story, at its address, with its last change.
    const stories = await apiStories(apiDir)
    expect(stories.size).toBeGreaterThan(60)
    for (const [slug, story] of stories)
      expect(listed.get(new URL(`/articles/${slug}`, ORIGIN).href), slug).toBe(change(story))

    // The home page and every section's, tag's and author's first page that shows a story, with the
    // newest change among the stories it shows.
    const siteJson = await readJson<Site>(path.join(apiDir, 'site.json'))
    const listings: [string, string][] = [['/', 'lists/latest']]
    for (const facet of ['sections', 'tags', 'authors'] as const)
      for (const { slug, count } of siteJson[facet])
        if (count > 0) listings.push([`/${facet}/${slug}`, `lists/${facet}/${slug}`])
    for (const [page, dir] of listings) {
      const head = await readJson<ListingHead>(path.join(apiDir, dir, '1.json'))
      expect(listed.get(new URL(page, ORIGIN).href), page).toBe(Math.max(...head.items.map(change)))
    }
    // And nothing else.
    expect(listed.size).toBe(stories.size + listings.length)
  })

  test('the news sitemap holds the stories of the two days up to the newest, with the publication and titles', async () => {
    const site = await demoSite()
    const apiDir = path.join(site, 'api')
    const siteJson = await readJson<Site>(path.join(apiDir, 'site.json'))
    const stories = [...(await apiStories(apiDir)).values()]
    const newest = Math.max(...stories.map((s) => Date.parse(s.published)))
    const expected = stories
      .filter((s) => Date.parse(s.published) >= newest - 2 * DAY)
      .sort((a, b) => Date.parse(b.published) - Date.parse(a.published))
    expect(expected.length).toBeGreaterThanOrEqual(4)
    expect(expected.length).toBeLessThan(stories.length)

    const news = await parseUrls(path.join(site, 'news-sitemap.xml'))
    expect(news.map((n) => n.url)).toEqual(
      expected.map((s) => new URL(`/articles/${s.slug}`, ORIGIN).href),
    )
    for (const [i, item] of news.entries()) {
      const story = expected[i]!
      expect(item.news?.publication).toEqual({
        name: siteJson.name,
        language: story.lang ? new Intl.Locale(story.lang).language : 'en',
      })
      expect(Date.parse(item.news!.publication_date)).toBe(Date.parse(story.published))
      expect(item.news?.title).toBe(story.headline)
    }
    expect(news.some((n) => n.news?.publication.language === 'ar')).toBe(true)
  })

  test('a sync writes the sitemaps a full build of the same content writes, and only those that change', async () => {
    // The sync reads the site's origin where a scheduled `npm run sync` does: the environment.
    vi.stubEnv('NEWSROOM_SITE_URL', ORIGIN.origin)
    const content = await demoWithRecentStories(await tempDir('sitemaps-content'))
    const base = await loadContentFolder(content)
    // The build sorts base.articles into id order, as the ledger wants them.
    const live = await buildSite(content, await tempDir('sitemaps-live'), base)
    const ledger = await ledgerFromBuild(path.join(live, 'api'), base.articles)

    // A new story, an edit of an old one (a later `updated`), a withdrawal of another old one that no
    // story links to.
    const bodies = await Promise.all(base.articles.map((a) => readFile(a.file, 'utf8')))
    const free = base.articles.filter((a) => !bodies.some((b) => b.includes(`/articles/${a.slug}`)))
    const [edited, withdrawn] = [free[10]!, free[20]!]
    const text = await readFile(edited.file, 'utf8')
    await writeFile(
      edited.file,
      text
        .replace(/^updated: .*\n/m, '')
        .replace(/^published: .*$/m, '$&\nupdated: 2031-01-04T00:00:00Z'),
    )
    await writeFile(
      path.join(content, 'articles', 'zz-synced.md'),
      articleSource({
        title: 'A story the sync adds',
        section: base.taxonomy.sections[1]!.slug,
        author: base.taxonomy.authors[1]!.slug,
        tags: `[${base.taxonomy.tags[1]!.slug}]`,
        published: '2031-02-01T08:00:00Z',
      }),
    )
    await rm(withdrawn.file)
    const next = await loadContentFolder(content)
    const changed = new Set([storyKey(edited), 'zz-synced.md'])
    const update = await updateApi({
      ledger,
      apiDir: path.join(live, 'api'),
      source: { ...next, articles: next.articles.filter((a) => changed.has(storyKey(a))) },
      removed: [storyKey(withdrawn)],
      imagesDir: await tempDir('sitemaps-images'),
    })
    if (!update.incremental) throw new Error(`fell back: ${update.reason}`)

    const before = await sitemapFiles(live)
    // The files at the site's root: `../<path>` in the update, as the API's files are relative to api/.
    const sitemap = /^(robots\.txt|sitemap\.xml|news-sitemap\.xml|sitemaps\/.+)$/
    const atRoot = (file: string) =>
      file.startsWith('../') && sitemap.test(file.slice(3)) ? [file.slice(3)] : []
    const written = [...update.files].flatMap(([file, text]) =>
      atRoot(file).map((name) => [name, text] as const),
    )
    for (const [file, text] of written) {
      await mkdir(path.dirname(path.join(live, file)), { recursive: true })
      await writeFile(path.join(live, file), text)
    }
    for (const file of update.deletes.flatMap(atRoot)) await rm(path.join(live, file))
    const rebuilt = await buildSite(content, await tempDir('sitemaps-rebuilt'))
    const [mine, theirs] = [await sitemapFiles(live), await sitemapFiles(rebuilt)]
    expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort())
    for (const [file, text] of theirs) expect(mine.get(file), file).toBe(text)

    // It wrote the files that changed and no other: the new month, the edited and withdrawn stories'
    // months, the listings, the index and the news sitemap.
    const differ = [...theirs].filter(([file, text]) => before.get(file) !== text).map(([f]) => f)
    expect(written.map(([file]) => file).sort()).toEqual(differ.sort())
    expect(differ).toContain('sitemaps/stories-2031-02.xml')
    expect(differ.length).toBeLessThanOrEqual(7)
  }, 180_000)
})

describe('100,000 stories', () => {
  test('valid sitemaps within the protocol limits: 50,000 URLs and 50 MB a file, a news sitemap of 1,000', async () => {
    const count = 100_000
    const start = Date.UTC(2026, 9, 1)
    const tags = Array.from({ length: 2000 }, (_, i) => ({ slug: `tag-${i}` }))
    // A story every 30 seconds: October holds 89,280 of them, more than one file may.
    const stories: SitemapStory[] = Array.from({ length: count }, (_, i) => ({
      slug: `story-${i}-with-a-slug-as-long-as-a-headline-makes-it`,
      published: new Date(start + i * 30_000).toISOString(),
      updated: i % 13 === 0 ? new Date(start + i * 30_000 + 3_600_000).toISOString() : null,
      headline: `Headline ${i} & more`,
      lang: i % 50 === 0 ? 'ar' : null,
      section: `section-${i % 10}`,
      tags: [`tag-${i % 2000}`, `tag-${(i * 7) % 2000}`],
      author: `author-${i % 300}`,
    }))
    const site = {
      name: 'Newsroom',
      pageSize: 12,
      sections: Array.from({ length: 10 }, (_, i) => ({ slug: `section-${i}` })),
      tags,
      authors: Array.from({ length: 300 }, (_, i) => ({ slug: `author-${i}` })),
    }
    const plan = planSitemaps(stories, site)

    const urls = new Set<string>()
    let largest = 0
    for (const child of plan.children) {
      const xml = await renderUrlset(child, ORIGIN)
      largest = Math.max(largest, Buffer.byteLength(xml))
      expect(Buffer.byteLength(xml), child.file).toBeLessThanOrEqual(MAX_BYTES)
      const parsed = await parseSitemap(Readable.from([xml]))
      expect(parsed.length, child.file).toBeLessThanOrEqual(MAX_URLS)
      for (const url of parsed) urls.add(url.url)
    }
    expect(plan.children.map((c) => c.file)).toEqual(
      expect.arrayContaining(['sitemaps/stories-2026-10.xml', 'sitemaps/stories-2026-10-2.xml']),
    )
    expect(urls.size).toBe(count + 1 + 10 + 2000 + 300)

    const index = await parseSitemapIndex(Readable.from([await renderIndex(plan.children, ORIGIN)]))
    expect(index.length).toBe(plan.children.length)

    const news = await parseSitemap(
      Readable.from([await renderNews(plan.news, 'Newsroom', ORIGIN)]),
    )
    expect(news.length).toBe(NEWS_MAX)
    expect(news[0]!.url).toBe(new URL(`/articles/${stories.at(-1)!.slug}`, ORIGIN).href)
    const languages = new Set(news.map((n) => n.news?.publication.language))
    expect([...languages].sort()).toEqual(['ar', 'en'])
    console.log(
      `100,000 stories: ${plan.children.length} child sitemaps, the largest ${(largest / 1e6).toFixed(1)} MB`,
    )
  }, 60_000)
})
