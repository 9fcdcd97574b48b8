import { parseFeed as parseXmlFeed } from '@rowanmanning/feed-parser'
import { parseFeed } from 'feedsmith'
import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { DEFAULT_SITE_URL } from '../../src/config/env'
import type { ListingHead } from '../../src/features/articles/api/schemas'
import type { Site } from '../../src/features/site/api/schemas'
import { browserSession } from './support/browser'
import { h1, settled } from '../../scripts/app-page'

/**
 * The feeds out (docs/decisions/025-feeds-out.md) as nginx serves them with the configuration we ship:
 * their types and caching, what two parsers written by others read in them against the API, and the
 * autodiscovery links and visible feed links of the pages, prerendered and after the app navigates.
 */

const baseURL = inject('baseURL')
const browser = browserSession()
const SITE_URL = new URL('/', process.env.NEWSROOM_SITE_URL || DEFAULT_SITE_URL).href
const TYPES = {
  xml: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${baseURL}${path}`)
  expect(response.status, path).toBe(200)
  return (await response.json()) as T
}

/** The `<link rel="alternate">` elements in the page's head, as [type, href, title]. */
const alternates = (page: Page) =>
  page.evaluate(() =>
    [...document.head.querySelectorAll('link[rel="alternate"]')].map((link) => [
      link.getAttribute('type'),
      link.getAttribute('href'),
      link.getAttribute('title'),
    ]),
  )

const SITE_FEEDS = [
  ['application/rss+xml', '/feed.xml', 'Latest stories (RSS)'],
  ['application/atom+xml', '/feed.atom', 'Latest stories (Atom)'],
  ['application/feed+json', '/feed.json', 'Latest stories (JSON Feed)'],
]
const listingFeeds = (base: string, name: string) => [
  ['application/rss+xml', `${base}/feed.xml`, `${name} (RSS)`],
  ['application/atom+xml', `${base}/feed.atom`, `${name} (Atom)`],
  ['application/feed+json', `${base}/feed.json`, `${name} (JSON Feed)`],
]

describe('feeds, served', () => {
  it('come with their own types, revalidated, and read as the API says, in all three formats', async () => {
    const site = await getJson<Site>('/api/site.json')
    const listings = [
      ['', 'lists/latest'],
      [`/sections/${site.sections[0]!.slug}`, `lists/sections/${site.sections[0]!.slug}`],
      [`/tags/${site.tags[0]!.slug}`, `lists/tags/${site.tags[0]!.slug}`],
      [`/authors/${site.authors[0]!.slug}`, `lists/authors/${site.authors[0]!.slug}`],
    ] as const
    for (const [base, dir] of listings) {
      const head = await getJson<ListingHead>(`/api/${dir}/1.json`)
      const newest = head.items[0]!
      const count = Math.min(20, head.total)
      for (const ext of ['xml', 'atom', 'json'] as const) {
        const path = `${base}/feed.${ext}`
        const response = await fetch(`${baseURL}${path}`)
        expect(response.status, path).toBe(200)
        expect(response.headers.get('content-type'), path).toBe(TYPES[ext])
        expect(response.headers.get('cache-control'), path).toBe('no-cache')
        const text = await response.text()
        if (ext === 'json') {
          const json = parseFeed(text)
          if (json.format !== 'json') throw new Error(`${path} read as ${json.format}`)
          expect(json.feed.items, path).toHaveLength(count)
          expect(json.feed.items![0], path).toMatchObject({
            id: new URL(`/articles/${newest.slug}`, SITE_URL).href,
            title: newest.headline,
            date_published: newest.published,
          })
        } else {
          const feed = parseXmlFeed(text)
          expect(feed.items, path).toHaveLength(count)
          const [item] = feed.items
          expect(item!.title, path).toBe(newest.headline)
          expect(item!.url, path).toBe(new URL(`/articles/${newest.slug}`, SITE_URL).href)
          expect(item!.published?.toISOString(), path).toBe(newest.published)
          expect(
            item!.categories.map((c) => c.label),
            path,
          ).toEqual([newest.section.name, ...newest.tags.map((t) => t.name)])
          if (newest.image)
            expect(item!.mediaImages.length, `${path}: the photo`).toBeGreaterThan(0)
        }
      }
    }
  })

  it('answer a listing that does not exist with a 404, not the app shell', async () => {
    const response = await fetch(`${baseURL}/tags/no-such-tag-xyz/feed.xml`)
    expect(response.status).toBe(404)
    // nginx's own error page, not the app's shell (whose root the app would render into).
    expect(await response.text()).not.toContain('id="root"')
  })
})

describe('feeds, found', () => {
  it('every page links the site’s feeds; a listing links its own, prerendered and after the app navigates', async () => {
    const site = await getJson<Site>('/api/site.json')
    const [first, second] = site.sections
    const { page } = await browser.open(`/sections/${first!.slug}`)
    await h1(page).waitFor()
    // The prerendered page, before the app runs.
    expect(await alternates(page)).toEqual([
      ...SITE_FEEDS,
      ...listingFeeds(`/sections/${first!.slug}`, first!.name),
    ])
    await settled(page)
    expect(await alternates(page)).toEqual([
      ...SITE_FEEDS,
      ...listingFeeds(`/sections/${first!.slug}`, first!.name),
    ])
    // The visible links, by the names a screen reader gives them.
    const main = page.getByRole('main')
    expect(await main.getByRole('link', { name: 'RSS feed' }).getAttribute('href')).toBe(
      `/sections/${first!.slug}/feed.xml`,
    )
    expect(await main.getByRole('link', { name: 'JSON Feed' }).getAttribute('href')).toBe(
      `/sections/${first!.slug}/feed.json`,
    )

    // Another section, in the app: its feeds replace the first one's.
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: second!.name })
      .click()
    await page.waitForURL(`**/sections/${second!.slug}`)
    await h1(page).filter({ hasText: second!.name }).waitFor()
    await expect
      .poll(() => alternates(page))
      .toEqual([...SITE_FEEDS, ...listingFeeds(`/sections/${second!.slug}`, second!.name)])

    // A story: the site's feeds only.
    await page.locator('main article h2 a').first().click()
    await page.waitForURL('**/articles/**')
    await expect.poll(() => alternates(page)).toEqual(SITE_FEEDS)
  })

  it('the home page links the site’s feeds in its head and shows them', async () => {
    const { page } = await browser.open('/')
    await settled(page)
    expect(await alternates(page)).toEqual(SITE_FEEDS)
    expect(
      await page.getByRole('main').getByRole('link', { name: 'Atom feed' }).getAttribute('href'),
    ).toBe('/feed.atom')
  })
})
