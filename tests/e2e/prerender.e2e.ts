import { describe, expect, inject, it } from 'vitest'
import { env } from '@/config/env'
import type { Inline } from '@/features/articles/api/schemas'
import { browserSession } from './support/browser'
import { arrivedAtListing } from './support/listing-page'
import { untilNetworkQuiet } from './support/network'
import { listedSlugs, settled, storyLinks } from '../../scripts/app-page'
import { busiest, data, SEED } from './support/site-data'
import { parseHtml } from '../utils/parse-html'

/**
 * Prerendered pages as crawlers and link previews see them (raw HTML, no browser, no JavaScript), and
 * as readers get them (hydrated by the app, which then runs as a single-page app).
 */
const baseURL = inject('baseURL')
const browser = browserSession()

/** The public address the build wrote into canonical URLs: NEWSROOM_SITE_URL, as the build read it. */
const canonical = (path: string) => new URL(path, env.siteUrl).href

/** A page's HTML as the server sends it, parsed without running any script. */
async function fetchPage(path: string) {
  const response = await fetch(baseURL + path, { headers: { Accept: 'text/html' } })
  expect(response.status, path).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/html/)
  const html = await response.text()
  const document = parseHtml(html)
  const one = (selector: string, attribute = 'content') => {
    const found = [...document.querySelectorAll(selector)]
    expect(found, selector).toHaveLength(1)
    return found[0]!.getAttribute(attribute)
  }
  const all = (selector: string) =>
    [...document.querySelectorAll(selector)].map((el) => el.getAttribute('content'))
  const jsonLd = [...document.querySelectorAll('script[type="application/ld+json"]')].map(
    (s) => JSON.parse(s.textContent ?? '') as Record<string, unknown>,
  )
  return { html, document, one, all, jsonLd }
}

const text = (inlines: Inline[]): string =>
  inlines.map((i) => ('text' in i ? i.text : 'content' in i ? text(i.content) : '\n')).join('')

describe('prerendered HTML, without a browser', () => {
  it('the seed story carries its metadata, its structured data and its text', async () => {
    const article = data.article(SEED.slug)
    const site = data.site()
    const path = `/articles/${SEED.slug}`
    const url = canonical(path)
    const { document, one, all, jsonLd } = await fetchPage(path)

    const title = `${SEED.headline} – ${site.name}`
    expect(document.title).toBe(title)
    expect(one('meta[name="description"]')).toBe(article.summary)
    expect(one('link[rel="canonical"]', 'href')).toBe(url)
    expect(one('meta[property="og:type"]')).toBe('article')
    expect(one('meta[property="og:title"]')).toBe(title)
    expect(one('meta[property="og:description"]')).toBe(article.summary)
    expect(one('meta[property="og:url"]')).toBe(url)
    expect(one('meta[property="og:site_name"]')).toBe(site.name)
    const image = one('meta[property="og:image"]')!
    expect(image).toBe(canonical(`/api/${article.hero!.src}`))
    expect(one('meta[property="og:image:width"]')).toBe(String(article.hero!.width))
    expect(one('meta[property="og:image:height"]')).toBe(String(article.hero!.height))
    expect(one('meta[property="og:image:alt"]')).toBe(article.hero!.alt)
    expect(one('meta[property="article:published_time"]')).toBe(article.published)
    expect(one('meta[property="article:modified_time"]')).toBe(article.updated)
    expect(one('meta[property="article:section"]')).toBe(article.section.name)
    expect(all('meta[property="article:tag"]')).toEqual(article.tags.map((t) => t.name))
    expect(one('meta[name="twitter:card"]')).toBe('summary_large_image')
    expect(one('meta[name="twitter:title"]')).toBe(title)
    expect(one('meta[name="twitter:description"]')).toBe(article.summary)
    expect(one('meta[name="twitter:image"]')).toBe(image)

    // The image the previews show is really there (at this server, under the canonical path).
    const served = await fetch(baseURL + new URL(image).pathname)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toMatch(/^image\//)

    expect(jsonLd).toHaveLength(1)
    const ld = jsonLd[0]!
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: SEED.headline,
      datePublished: article.published,
      dateModified: article.updated,
      author: {
        '@type': 'Person',
        name: article.author.name,
        url: canonical(`/authors/${article.author.slug}`),
      },
      publisher: { '@type': 'Organization', name: site.name },
      articleSection: article.section.name,
      keywords: article.tags.map((t) => t.name),
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    })
    expect(ld.image).toContain(image)
    const logo = (ld.publisher as { logo: { url: string } }).logo.url
    expect((await fetch(baseURL + new URL(logo).pathname)).status).toBe(200)

    // The story itself, in the body.
    const story = document.querySelector('#root main article')!
    expect(story.querySelector('h1')?.textContent).toBe(SEED.headline)
    const first = article.body.find((b) => b.type === 'paragraph')
    expect(first, 'the seed story has a paragraph').toBeDefined()
    expect(story.querySelector('.article-body p')?.textContent).toBe(
      text(first!.type === 'paragraph' ? first!.content : []),
    )
    expect(story.querySelector('time')?.getAttribute('datetime')).toBe(article.published)
  })

  it('the front page has its own title, description and canonical URL, and the latest stories', async () => {
    const site = data.site()
    const { document, one, jsonLd } = await fetchPage('/')
    expect(document.title).toBe(site.name)
    expect(one('meta[name="description"]')).toBe(site.description)
    expect(one('link[rel="canonical"]', 'href')).toBe(canonical('/'))
    expect(one('meta[property="og:type"]')).toBe('website')
    expect(one('meta[property="og:url"]')).toBe(canonical('/'))
    expect(jsonLd[0]).toMatchObject({ '@type': 'CollectionPage', url: canonical('/') })
    expect([...document.querySelectorAll('main article h2')].map((h) => h.textContent)).toEqual(
      data.latest(1).items.map((s) => s.headline),
    )
  })

  it('a section page and a tag page describe themselves', async () => {
    const site = data.site()
    const section = site.sections.find((s) => s.slug === busiest('sections').slug)!
    const sectionPage = await fetchPage(`/sections/${section.slug}`)
    expect(sectionPage.document.title).toBe(`${section.name} – ${site.name}`)
    expect(sectionPage.one('meta[name="description"]')).toBe(section.description)
    expect(sectionPage.one('link[rel="canonical"]', 'href')).toBe(
      canonical(`/sections/${section.slug}`),
    )
    expect(sectionPage.document.querySelector('main h1')?.textContent).toBe(section.name)

    const tag = busiest('tags')
    const tagPage = await fetchPage(`/tags/${tag.slug}`)
    expect(tagPage.document.title).toBe(`${tag.name} – ${site.name}`)
    expect(tagPage.one('meta[name="description"]')).toContain(tag.name)
    expect(tagPage.one('link[rel="canonical"]', 'href')).toBe(canonical(`/tags/${tag.slug}`))
    expect(
      [...tagPage.document.querySelectorAll('main article h2')].map((h) => h.textContent),
    ).toEqual(data.listing('tags', tag.slug).items.map((s) => s.headline))
  })

  it('a URL with no page of its own gets the empty app shell', async () => {
    const { document } = await fetchPage('/page/2')
    expect(document.getElementById('root')?.childElementCount).toBe(0)
    expect(document.getElementById('newsroom-data')).toBeNull()
    expect(document.querySelector('link[rel="canonical"]')).toBeNull()
  })
})

describe('prerendered pages in the browser', () => {
  it('the seed story hydrates with no error, keeps its HTML, then navigates as a single-page app', async () => {
    const site = data.site()
    const article = data.article(SEED.slug)
    const { page } = await browser.open()
    // Watches #root from the first byte: React hydrating adopts its children; rendering anew replaces them.
    await page.addInitScript(() => {
      const w = window as unknown as { rootReplaced: boolean }
      w.rootReplaced = false
      document.addEventListener('DOMContentLoaded', () => {
        new MutationObserver((records) => {
          if (records.some((r) => r.removedNodes.length > 0)) w.rootReplaced = true
        }).observe(document.getElementById('root')!, { childList: true })
      })
    })
    const documents: string[] = []
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url())
    })

    await page.goto(`/articles/${SEED.slug}`)
    const title = `${SEED.headline} – ${site.name}`
    expect(await page.title()).toBe(title)
    // Live: the dates have turned into the reader's form ("… ago").
    await page
      .locator('main article time')
      .first()
      .filter({ hasText: /ago|yesterday/ })
      .waitFor()
    await settled(page)
    expect(
      await page.evaluate(() => (window as unknown as { rootReplaced: boolean }).rootReplaced),
    ).toBe(false)
    expect(await page.title()).toBe(title)

    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same document'))
    const tag = article.tags[0]!
    await page
      .locator('main article footer')
      .getByRole('link', { name: tag.name, exact: true })
      .click()
    await arrivedAtListing(page, 'tags', tag)
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
      'same document',
    )
    expect(documents).toHaveLength(1)
    await expect.poll(() => page.title()).toBe(`${tag.name} – ${site.name}`)
    // The head no longer describes the story the reader left.
    expect(await page.locator('head link[rel="canonical"]').count()).toBe(0)
  })

  it('a prerendered page asks for nothing it already holds, even when it was built hours ago', async () => {
    // No service worker: what is asked for is what reaches the network.
    const visitor = await browser.openFresh(undefined, { serviceWorkers: 'block' })
    const { page } = visitor
    // The page as a build of three hours ago would have written it: every query's time moved back, so
    // a cache that took the build's time as the data's age would find it stale and fetch it again.
    const hoursAgo = Date.now() - 3 * 60 * 60_000
    await page.route('**/', async (route) => {
      if (route.request().resourceType() !== 'document') return route.fallback()
      const response = await route.fetch()
      const html = (await response.text()).replace(
        /"dataUpdatedAt":\d+/g,
        `"dataUpdatedAt":${hoursAgo}`,
      )
      expect(html).toContain(`"dataUpdatedAt":${hoursAgo}`)
      await route.fulfill({ response, body: html })
    })
    const api: string[] = []
    page.on('request', (request) => {
      const { pathname } = new URL(request.url())
      if (pathname.startsWith('/api/') && !pathname.startsWith('/api/images/')) api.push(pathname)
    })
    await page.goto('/')
    await settled(page)
    // Once the page is live, the idle-time work (device cache, connection watch, frame extras) runs too:
    // counted when that has had its turn and nothing is on its way.
    await untilNetworkQuiet(visitor)
    expect(api).toEqual([])
  })

  it('a page that was not prerendered still opens from its URL', async () => {
    const second = data.latest(2)
    const { page } = await browser.open('/page/2')
    await storyLinks(page).first().waitFor()
    expect(await listedSlugs(page)).toEqual(second.items.map((s) => s.slug))
    await expect.poll(() => page.title()).toMatch(/page 2/)
  })
})
