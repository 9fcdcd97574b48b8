import ogs from 'open-graph-scraper'
import sharp from 'sharp'
import { structuredDataTestHtml, type TestResult } from 'structured-data-testing-tool'
import { Google } from 'structured-data-testing-tool/presets'
import { describe, expect, inject, it } from 'vitest'
import { CARD_HEIGHT, CARD_WIDTH } from '../../scripts/api/share-card'
import { twitterSite } from '@/app/ssr/social'
import type { Article } from '@/features/articles/api/schemas'
import { parseHtml } from '../utils/parse-html'
import { busiest, data, SEED } from './support/site-data'

/**
 * Link previews as chat apps and social networks read them, checked with a scraper written by others
 * (open-graph-scraper) on the served pages, and their structured data with structured-data-testing-tool's
 * Google preset: the seed story (a photo), a story without a photo (its share card) and a listing.
 */
const baseURL = inject('baseURL')

/** What open-graph-scraper reads from a served page, failing the test when it reports an error. */
async function scrape(path: string) {
  const html = await (await fetch(baseURL + path)).text()
  const { error, result } = await ogs({ html })
  expect(error, path).toBe(false)
  return { html, result }
}

/**
 * The preview image: an absolute http(s) address whose path this server answers with a picture (the
 * build writes NEWSROOM_SITE_URL's origin into it; the tests serve the same files elsewhere).
 */
async function fetchImage(url: string) {
  const address = new URL(url)
  expect(address.protocol).toMatch(/^https?:$/)
  const response = await fetch(baseURL + address.pathname)
  expect(response.status, url).toBe(200)
  expect(response.headers.get('content-type'), url).toMatch(/^image\//)
  return sharp(Buffer.from(await response.arrayBuffer())).metadata()
}

/** The structured data, run through the Google preset: every test it makes passes. */
async function googleTests(html: string, schema: string): Promise<TestResult> {
  return structuredDataTestHtml(html, { presets: [Google], schemas: [schema] }).catch(
    (error: { type?: string; res?: TestResult }) => {
      // Failed tests reject, with the whole result beside them: the test below names them.
      if (error.type === 'VALIDATION_FAILED' && error.res) return error.res
      throw error
    },
  )
}

/** The head tags every page carries once. */
function checkOnce(html: string) {
  const document = parseHtml(html)
  const count = (selector: string) => document.querySelectorAll(selector).length
  expect(count('meta[name="theme-color"]')).toBe(1)
  expect(document.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe(
    'max-image-preview:large',
  )
}

const storyWithoutPhoto = (): Article => {
  for (const article of data.articlesById().values()) if (!article.hero) return article
  throw new Error('the demo newsroom has no story without a photo')
}

describe('link previews, as a scraper reads them', () => {
  it('the seed story: its photo, its author, times, section, tags and locale', async () => {
    const article = data.article(SEED.slug)
    const { html, result } = await scrape(`/articles/${SEED.slug}`)
    checkOnce(html)
    const [image] = result.ogImage ?? []
    expect(image?.url).toMatch(new RegExp(`/api/${article.hero!.src}$`))
    const meta = await fetchImage(image!.url)
    expect([meta.width, meta.height]).toEqual([article.hero!.width, article.hero!.height])
    expect(result.twitterCard).toBe('summary_large_image')
    expect(result.articleAuthor).toBe(new URL(`/authors/${article.author.slug}`, image!.url).href)
    expect(result.articlePublishedTime).toBe(article.published)
    expect(result.articleSection).toBe(article.section.name)
    expect(result.ogLocale).toBe('en_US')
    expect(result.twitterSite).toBe(twitterSite() ?? undefined)

    // The crops are in the structured data's images, beside the photo's widths, and are served.
    const crops = article.previews ?? []
    expect(crops.map((c) => c.width / c.height)).toEqual([1, 4 / 3])
    const ld = (result.jsonLD ?? []) as { image?: string[] }[]
    for (const crop of crops) {
      const url = ld[0]!.image!.find((u) => u.endsWith(`/api/${crop.src}`))
      expect(url, crop.src).toBeDefined()
      const served = await fetchImage(url!)
      expect([served.width, served.height]).toEqual([crop.width, crop.height])
    }
  })

  it('a story without a photo: its share card, 1200 × 630, as a large image', async () => {
    const article = storyWithoutPhoto()
    const { html, result } = await scrape(`/articles/${article.slug}`)
    checkOnce(html)
    const [image] = result.ogImage ?? []
    expect(image?.url).toMatch(/\/api\/images\/card-[0-9a-f]{20}\.png$/)
    expect([image?.width, image?.height]).toEqual([String(CARD_WIDTH), String(CARD_HEIGHT)])
    const meta = await fetchImage(image!.url)
    expect(meta).toMatchObject({ format: 'png', width: CARD_WIDTH, height: CARD_HEIGHT })
    expect(result.twitterCard).toBe('summary_large_image')
    expect(result.twitterImage?.[0]?.url).toBe(image!.url)
    expect(result.ogImage?.[0]?.alt ?? result.twitterImage?.[0]?.alt).toBe(article.headline)
  })

  it('a listing: its lead story’s photo, or the newsroom’s logo', async () => {
    const section = busiest('sections')
    const { html, result } = await scrape(`/sections/${section.slug}`)
    checkOnce(html)
    const [image] = result.ogImage ?? []
    expect(image?.url).toBeDefined()
    const lead = data.listing('sections', section.slug).items.find((s) => s.image)
    const meta = await fetchImage(image!.url)
    if (lead) expect(image!.url).toMatch(new RegExp(`/api/${lead.image!.src}$`))
    else expect([meta.width, meta.height]).toEqual([512, 512])
    expect(result.ogLocale).toBe('en_US')
  })
})

describe('structured data, through the Google preset', () => {
  it('the seed story and a story without a photo are NewsArticles with nothing missing', async () => {
    for (const slug of [SEED.slug, storyWithoutPhoto().slug]) {
      const html = await (await fetch(`${baseURL}/articles/${slug}`)).text()
      const outcome = await googleTests(html, 'NewsArticle')
      expect(outcome.schemas, slug).toContain('NewsArticle')
      expect(
        outcome.failed.map((f) => f.test),
        slug,
      ).toEqual([])
      expect(outcome.passed.length, slug).toBeGreaterThan(5)
      // The publisher's logo carries its size, and is there.
      const ld = JSON.parse(
        parseHtml(html).querySelector('script[type="application/ld+json"]')!.textContent!,
      ) as { publisher: { logo: { url: string; width: number; height: number } } }
      const logo = await fetchImage(ld.publisher.logo.url)
      expect([logo.width, logo.height]).toEqual([ld.publisher.logo.width, ld.publisher.logo.height])
    }
  })
})
