// @vitest-environment node
// Renders as the build does: in Node, with no window, reading the fixture API from files.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, inject, test, vi } from 'vitest'
import type { Article } from '@/features/articles/api/schemas'
import { createPrerenderer, type Prerenderer } from '@/entry-server'
import { env } from '@/config/env'
import { PAGE_DATA_ID } from '@/app/start/page-data'
import { getArticle } from '@/features/articles/api/get-article'
import { parseHtml } from '../../utils/parse-html'

/** No window here: the site's address is NEWSROOM_SITE_URL, or the default, as at build time. */
const SITE = env.siteUrl.href
let prerenderer: Prerenderer
let apiDir: string

beforeAll(async () => {
  apiDir = inject('fixtureApiDir')
  const template = await readFile(path.resolve(import.meta.dirname, '../../../index.html'), 'utf8')
  prerenderer = createPrerenderer({ template, apiDir })
})

async function page(url: string) {
  const html = await prerenderer.render(url)
  const document = parseHtml(html)
  const meta = (attribute: 'name' | 'property', key: string) =>
    [...document.querySelectorAll(`meta[${attribute}="${key}"]`)].map((m) =>
      m.getAttribute('content'),
    )
  const jsonLd = [...document.querySelectorAll('script[type="application/ld+json"]')].map(
    (s) => JSON.parse(s.textContent ?? '') as Record<string, unknown>,
  )
  const data = JSON.parse(document.getElementById(PAGE_DATA_ID)?.textContent ?? 'null') as {
    path: string
    router: { loaderData: Record<string, unknown> }
    queries: { queries: { queryKey: unknown[] }[] }
  }
  return {
    html,
    document,
    meta,
    jsonLd,
    data,
    canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
  }
}

/**
 * Checks the head every prerendered page has of its own: its title, description, canonical URL, and
 * Open Graph type and URL. Returns the page's absolute URL.
 */
function expectOwnHead(
  { document, meta, canonical }: Awaited<ReturnType<typeof page>>,
  own: { path: string; title: string; description: string; type: 'article' | 'website' },
): string {
  const url = new URL(own.path, SITE).href
  expect(document.title).toBe(own.title)
  expect(meta('name', 'description')).toEqual([own.description])
  expect(canonical).toBe(url)
  expect(meta('property', 'og:type')).toEqual([own.type])
  expect(meta('property', 'og:url')).toEqual([url])
  return url
}

const fixtureArticle = async (slug: string) =>
  JSON.parse(await readFile(path.join(apiDir, `articles/${slug}.json`), 'utf8')) as Article

describe('a prerendered story', () => {
  test('carries its metadata in the head', async () => {
    const story = await page('/articles/first-story')
    const { document, meta, jsonLd } = story
    const url = expectOwnHead(story, {
      path: '/articles/first-story',
      title: 'The first story – Newsroom',
      description: 'Where it all begins.',
      type: 'article',
    })
    expect(meta('property', 'og:title')).toEqual(['The first story – Newsroom'])
    expect(meta('property', 'og:site_name')).toEqual(['Fixture News'])
    expect(meta('property', 'og:image')).toEqual([new URL('/api/images/sky-1280.webp', SITE).href])
    expect(meta('property', 'og:image:alt')).toEqual(['A blue sky over green hills'])
    expect(meta('property', 'article:published_time')).toEqual(['2025-01-01T08:00:00.000Z'])
    expect(meta('property', 'article:section')).toEqual(['World'])
    expect(meta('property', 'article:tag')).toEqual(['Alpha', 'Beta'])
    expect(meta('name', 'twitter:card')).toEqual(['summary_large_image'])

    expect(jsonLd).toHaveLength(1)
    expect(jsonLd[0]).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'The first story',
      datePublished: '2025-01-01T08:00:00.000Z',
      dateModified: '2025-01-01T08:00:00.000Z',
      author: {
        '@type': 'Person',
        name: 'Ada Writer',
        url: new URL('/authors/ada-writer', SITE).href,
      },
      publisher: { '@type': 'Organization', name: 'Fixture News' },
      articleSection: 'World',
      keywords: ['Alpha', 'Beta'],
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    })
    expect(jsonLd[0]!.image).toEqual([
      new URL('/api/images/sky-1280.webp', SITE).href,
      new URL('/api/images/sky-800.webp', SITE).href,
      new URL('/api/images/sky-640.webp', SITE).href,
      // The 4:3 and 1:1 crops Google's article guidelines ask for beside the 16:9 photo.
      new URL('/api/images/sky-4x3.webp', SITE).href,
      new URL('/api/images/sky-1x1.webp', SITE).href,
    ])
    expect(meta('property', 'article:author')).toEqual([new URL('/authors/ada-writer', SITE).href])
    expect(meta('property', 'og:locale')).toEqual(['en_US'])
    expect(meta('name', 'robots')).toEqual(['max-image-preview:large'])
    // Only the page's own tags: the shell's generic description is gone.
    expect(document.querySelectorAll('title, meta[name="description"]')).toHaveLength(2)
  })

  test('has the story in its body, with the photo and the page frame', async () => {
    const { document } = await page('/articles/first-story')
    const story = document.querySelector('#root main article')!
    expect(story.querySelector('h1')?.textContent).toBe('The first story')
    expect(story.querySelector('.article-body p')?.textContent).toBe(
      'Opening paragraph with emphasis, strength and a link.',
    )
    expect(story.querySelector('time')?.getAttribute('datetime')).toBe('2025-01-01T08:00:00.000Z')
    expect(story.querySelector('time')?.textContent).toBe('1 January 2025, 08:00 UTC')
    expect(story.querySelector('figure img')?.getAttribute('src')).toBe('/api/images/sky-1280.webp')
    // Data no loader fetched is rendered too (the section navigation), and the lazy box of related stories.
    const nav = document.querySelector('nav[aria-label="Sections"]')!
    expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toEqual([
      'Latest',
      'World',
      'Science',
      'Empty',
    ])
    expect(document.querySelector('[role="status"][aria-label^="Loading"]')).toBeNull()
    expect(document.querySelector('aside')?.textContent).toContain('Related stories')
    expect(document.querySelector('aside')?.textContent).toContain('The third story')
  })

  test('hands the browser the data it was rendered from', async () => {
    const { data } = await page('/articles/first-story')
    expect(data.path).toBe('/articles/first-story')
    expect(Object.values(data.router.loaderData)).toContain(null)
    const keys = data.queries.queries.map((q) => JSON.stringify(q.queryKey))
    expect(keys).toEqual(
      expect.arrayContaining([
        JSON.stringify(['articles', 'detail', 'first-story']),
        JSON.stringify(['site', 'index']),
      ]),
    )
    const article = data.queries.queries.find((q) => q.queryKey[1] === 'detail') as unknown as {
      state: { data: Article }
    }
    expect(article.state.data).toEqual(await fixtureArticle('first-story'))
  })
})

describe('a prerendered listing', () => {
  test('a section page has its own title, description, canonical URL and stories', async () => {
    const section = await page('/sections/world')
    const { document, jsonLd } = section
    const url = expectOwnHead(section, {
      path: '/sections/world',
      title: 'World – Newsroom',
      description: 'News from everywhere.',
      type: 'website',
    })
    expect(document.querySelector('main h1')?.textContent).toBe('World')
    const headlines = [...document.querySelectorAll('main article h2')].map((h) => h.textContent)
    expect(headlines).toEqual(['The third story', 'The first story'])
    expect(jsonLd[0]).toMatchObject({
      '@type': 'CollectionPage',
      url,
      mainEntity: {
        '@type': 'ItemList',
        itemListElement: [
          { position: 1, url: new URL('/articles/third-story', SITE).href },
          { position: 2, url: new URL('/articles/first-story', SITE).href },
        ],
      },
    })
  })

  test('the front page is named after the site, with its description', async () => {
    const { document, meta, canonical, data } = await page('/')
    expect(document.title).toBe('Newsroom')
    expect(meta('name', 'description')).toEqual(["A tiny newsroom for the API build's tests."])
    expect(canonical).toBe(new URL('/', SITE).href)
    expect(document.querySelector('main h1')?.textContent).toBe('Latest stories')
    expect(data.path).toBe('/')
  })

  test('tag and author pages describe themselves', async () => {
    const tag = await page('/tags/alpha')
    expect(tag.document.title).toBe('Alpha – Newsroom')
    expect(tag.meta('name', 'description')).toEqual(['Stories tagged Alpha, from Fixture News.'])
    expect(tag.canonical).toBe(new URL('/tags/alpha', SITE).href)

    const author = await page('/authors/ada-writer')
    expect(author.document.title).toBe('Ada Writer – Newsroom')
    expect(author.meta('name', 'description')).toEqual(['Writes things.'])
  })

  test('an empty section renders as one', async () => {
    const { document } = await page('/sections/empty')
    expect(document.querySelector('main')?.textContent).toContain('There are no stories here yet.')
  })
})

describe('what the build prerenders', () => {
  test('every listing, and every story newest first', async () => {
    const { listings, articles } = await prerenderer.pagePaths()
    expect(listings).toEqual([
      '/',
      '/sections/world',
      '/sections/science',
      '/sections/empty',
      '/tags/alpha',
      '/tags/beta',
      '/tags/gamma',
      '/authors/ada-writer',
      '/authors/bo-editor',
    ])
    expect(articles).toEqual([
      '/articles/third-story',
      '/articles/second-story',
      '/articles/first-story',
    ])
  })

  test('a limit keeps the newest stories, and every listing', async () => {
    expect((await prerenderer.pagePaths({ articleLimit: 2 })).articles).toEqual([
      '/articles/third-story',
      '/articles/second-story',
    ])
    const none = await prerenderer.pagePaths({ articleLimit: 0 })
    expect(none.articles).toEqual([])
    expect(none.listings).toHaveLength(9)
  })

  test('reads the built API through its own QueryClients, redirecting nothing else in the process', async () => {
    await prerenderer.pagePaths()
    await prerenderer.render('/articles/first-story')
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockRejectedValue(new TypeError('the platform fetch, reached'))
    try {
      await expect(getArticle('first-story')).rejects.toThrow()
      expect(fetchSpy).toHaveBeenCalledOnce()
    } finally {
      fetchSpy.mockRestore()
    }
  })

  test('a page that does not exist, or redirects, fails the build instead of shipping', async () => {
    await expect(prerenderer.render('/articles/no-such-story')).rejects.toThrow(/status 404/)
    await expect(prerenderer.render('/sections/world/page/1')).rejects.toThrow(/302/)
  })
})
