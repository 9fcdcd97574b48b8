import robotsParser from 'robots-parser'
import { Readable } from 'node:stream'
import { parseSitemap, parseSitemapIndex } from 'sitemap'
import { describe, expect, inject, it } from 'vitest'
import { DEFAULT_SITE_URL } from '../../src/config/env'
import type { Site } from '../../src/features/site/api/schemas'

/**
 * robots.txt and the sitemaps (docs/decisions/024-sitemaps.md) as nginx serves them with the
 * configuration we ship: their types and caching, and what robots-parser and the `sitemap` package's
 * parsers read in them: every sitemap robots.txt names and every child the index names is there, and
 * the stories they list are the API's.
 */

const baseURL = inject('baseURL')
const SITE_URL = new URL('/', process.env.NEWSROOM_SITE_URL || DEFAULT_SITE_URL)

/** Fetches a path of the site from the server under test, checking its status, type and caching. */
async function served(path: string, type: RegExp): Promise<string> {
  const response = await fetch(`${baseURL}${path}`)
  expect(response.status, path).toBe(200)
  expect(response.headers.get('content-type'), path).toMatch(type)
  expect(response.headers.get('cache-control'), path).toBe('no-cache')
  return response.text()
}

/** The path on the server under test of an absolute URL on the site's public origin. */
const pathOf = (url: string) => {
  const parsed = new URL(url)
  expect(parsed.origin).toBe(SITE_URL.origin)
  return parsed.pathname
}

describe('robots.txt and the sitemaps, served', () => {
  it('robots.txt names the sitemaps; each is application/xml and lists every story of the API once', async () => {
    const robots = robotsParser(
      new URL('/robots.txt', SITE_URL).href,
      await served('/robots.txt', /^text\/plain/),
    )
    const named = robots.getSitemaps().map(pathOf)
    expect(named).toEqual(['/sitemap.xml', '/news-sitemap.xml'])
    expect(robots.isAllowed(new URL('/articles/any', SITE_URL).href, 'Googlebot')).toBe(true)

    const xml = /^application\/xml/
    const index = await parseSitemapIndex(Readable.from([await served('/sitemap.xml', xml)]))
    const urls: string[] = []
    for (const child of index)
      urls.push(
        ...(await parseSitemap(Readable.from([await served(pathOf(child.url), xml)]))).map(
          (item) => item.url,
        ),
      )
    expect(urls.length).toBe(new Set(urls).size)
    const stories = urls.filter((url) => pathOf(url).startsWith('/articles/'))
    const site = (await (await fetch(`${baseURL}/api/site.json`)).json()) as Site
    expect(stories.length).toBe(site.totalArticles)
    expect(urls).toContain(new URL('/', SITE_URL).href)

    const news = await parseSitemap(Readable.from([await served('/news-sitemap.xml', xml)]))
    expect(news.length).toBeGreaterThan(0)
    expect(news.length).toBeLessThanOrEqual(1000)
    for (const item of news) {
      expect(stories).toContain(item.url)
      expect(item.news?.publication.name).toBe(site.name)
    }

    // A child that is not there is a 404, not the app shell.
    expect((await fetch(`${baseURL}/sitemaps/stories-1999-01.xml`)).status).toBe(404)
  })
})
