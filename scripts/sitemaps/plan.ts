/**
 * What the sitemaps list (docs/decisions/024-sitemaps.md), worked out from the stories alone, so that a
 * full build (from the API it wrote) and a sync (from the ledger) plan the same files byte for byte.
 *
 * - `sitemap.xml` is always a sitemap index. Its children: `sitemaps/listings.xml` (the home page and
 *   the first page of every section, tag and author that has stories) and one `sitemaps/stories-YYYY-MM.xml`
 *   per month of publication (UTC), newest month first. A month is a stable range: a story never leaves
 *   its month unless its date changes, so a new story or an edit rewrites one child and the index.
 * - A child never holds more than MAX_URLS URLs: a month (or the listings) with more is cut into parts
 *   (`stories-2026-10.xml`, `stories-2026-10-2.xml`, …) in publication order.
 * - `news-sitemap.xml` holds the stories published in the two days up to the newest story's publication,
 *   newest first, at most NEWS_MAX.
 */

/** One story, as the ledger holds it and the latest listing shows it. */
export interface SitemapStory {
  slug: string
  /** ISO times, as the API writes them. */
  published: string
  updated: string | null
  headline: string
  /** The story's language when it is not the site's. */
  lang?: string | null
  section: string
  tags: readonly string[]
  author: string
}

/** What the sitemaps need of site.json. */
export interface SitemapSite {
  name: string
  pageSize: number
  sections: readonly { slug: string }[]
  tags: readonly { slug: string }[]
  authors: readonly { slug: string }[]
}

export interface SitemapUrl {
  /** The page's path on the site: `/`, `/articles/x`. */
  path: string
  /** ISO time of the newest change it shows, or null when it shows no story. */
  lastmod: string | null
}

export interface SitemapChild {
  /** The file, relative to the site's root: `sitemaps/stories-2026-10.xml`. */
  file: string
  urls: SitemapUrl[]
  /** The newest lastmod of its URLs. */
  lastmod: string | null
}

export interface NewsEntry {
  path: string
  published: string
  title: string
  /** The publication's language, as Google News names it (ISO 639: `en`, `ar`, `zh-cn`). */
  language: string
}

export interface SitemapPlan {
  children: SitemapChild[]
  news: NewsEntry[]
}

export const SITEMAP_INDEX = 'sitemap.xml'
export const NEWS_SITEMAP = 'news-sitemap.xml'
export const ROBOTS = 'robots.txt'
/** The protocol's limit of URLs in one file (sitemaps.org; the index's own limit is the same). */
export const MAX_URLS = 50_000
/** Google News: at most 1,000 stories in a news sitemap, published in the last two days. */
export const NEWS_MAX = 1000
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000
/** The site's own language (index.html's `lang`): a story without `lang` is in it. */
export const SITE_LANGUAGE = 'en'

/** The file of a month's part: the first part has no number, so a month's file keeps its name as it grows. */
const monthFile = (month: string, part: number) =>
  `sitemaps/stories-${month}${part === 0 ? '' : `-${part + 1}`}.xml`
const listingsFile = (part: number) => `sitemaps/listings${part === 0 ? '' : `-${part + 1}`}.xml`

/** The month (`2026-10`, UTC) whose sitemap lists a story published at this ISO time. */
export function monthOf(published: string): string {
  return published.slice(0, 7)
}

const changeOf = (story: SitemapStory) => story.updated ?? story.published
const later = (a: string | null, b: string | null) =>
  a === null ? b : b === null || a >= b ? a : b

/**
 * Plans every sitemap of a site whose stories are `stories`, in id order (publication order, oldest
 * first; a withdrawn story's gap is null). Pure and cheap (one pass, no XML), so a sync can plan the whole
 * site and render only the files its change touches.
 */
export function planSitemaps(
  stories: readonly (SitemapStory | null)[],
  site: SitemapSite,
): SitemapPlan {
  const children: SitemapChild[] = []
  const cut = (name: (part: number) => string, urls: SitemapUrl[]) => {
    for (let part = 0; part * MAX_URLS < urls.length; part++) {
      const slice = urls.slice(part * MAX_URLS, (part + 1) * MAX_URLS)
      children.push({
        file: name(part),
        urls: slice,
        lastmod: slice.reduce<string | null>((max, url) => later(max, url.lastmod), null),
      })
    }
  }

  cut(listingsFile, listingUrls(stories, site))

  // Months newest first; within a month, publication order (the order a sync appends in).
  const months = new Map<string, SitemapUrl[]>()
  for (let id = stories.length - 1; id >= 0; id--) {
    const story = stories[id]
    if (!story) continue
    const month = monthOf(story.published)
    if (!months.has(month)) months.set(month, [])
    months.get(month)!.push({ path: `/articles/${story.slug}`, lastmod: changeOf(story) })
  }
  for (const [month, urls] of months) cut((part) => monthFile(month, part), urls.reverse())

  return { children, news: newsEntries(stories) }
}

/**
 * The home page and each section's, tag's and author's first page, in site.json's order, each with the
 * newest change among the stories it shows (its first `pageSize`, newest first). A listing with no story
 * is left out: its page says only that there is nothing yet.
 */
function listingUrls(stories: readonly (SitemapStory | null)[], site: SitemapSite): SitemapUrl[] {
  const shown = new Map<string, { count: number; lastmod: string | null }>()
  const see = (key: string, story: SitemapStory) => {
    const entry = shown.get(key) ?? { count: 0, lastmod: null }
    if (entry.count < site.pageSize) {
      entry.count++
      entry.lastmod = later(entry.lastmod, changeOf(story))
    }
    shown.set(key, entry)
  }
  for (let id = stories.length - 1; id >= 0; id--) {
    const story = stories[id]
    if (!story) continue
    see('/', story)
    see(`/sections/${story.section}`, story)
    for (const tag of story.tags) see(`/tags/${tag}`, story)
    see(`/authors/${story.author}`, story)
  }
  const paths = [
    '/',
    ...site.sections.map((s) => `/sections/${s.slug}`),
    ...site.tags.map((t) => `/tags/${t.slug}`),
    ...site.authors.map((a) => `/authors/${a.slug}`),
  ]
  return paths.flatMap((path) => {
    const entry = shown.get(path)
    return entry ? [{ path, lastmod: entry.lastmod }] : []
  })
}

/**
 * The stories published within NEWS_WINDOW_MS before the newest story's publication, newest first, at
 * most NEWS_MAX. Relative to the newest story, not to the clock: a build of the same stories writes the
 * same file whenever it runs, and a sync writes what a full build would (the decision record says why).
 */
function newsEntries(stories: readonly (SitemapStory | null)[]): NewsEntry[] {
  const news: NewsEntry[] = []
  let since: number | null = null
  for (let id = stories.length - 1; id >= 0 && news.length < NEWS_MAX; id--) {
    const story = stories[id]
    if (!story) continue
    const published = Date.parse(story.published)
    since ??= published - NEWS_WINDOW_MS
    if (published < since) break
    news.push({
      path: `/articles/${story.slug}`,
      published: story.published,
      title: story.headline,
      language: newsLanguage(story.lang ?? SITE_LANGUAGE),
    })
  }
  return news
}

/**
 * Google News names a publication's language by its ISO 639 code, except Chinese, which it names by
 * script: `zh-cn` (simplified) and `zh-tw` (traditional). A BCP 47 tag (`ar-EG`, `zh-Hant`) becomes that.
 */
export function newsLanguage(tag: string): string {
  const locale = new Intl.Locale(tag)
  if (locale.language !== 'zh') return locale.language
  const script = locale.maximize().script
  return script === 'Hant' ? 'zh-tw' : 'zh-cn'
}
