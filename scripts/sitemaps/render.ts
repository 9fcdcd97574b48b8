import { Readable } from 'node:stream'
import {
  SitemapIndexStream,
  SitemapStream,
  streamToPromise,
  type IndexItem,
  type SitemapItemLoose,
} from 'sitemap'
import { NEWS_SITEMAP, SITEMAP_INDEX, type NewsEntry, type SitemapChild } from './plan.ts'

/**
 * The sitemaps' XML, written by the `sitemap` package (escaping, namespaces, the protocol's tags): it
 * costs about 0.5 s for 100,000 URLs on this machine, against the 50 s such a build takes
 * (docs/decisions/024-sitemaps.md).
 */

/** Only the namespaces a file uses: the package declares image, video and xhtml too unless told. */
const NAMESPACES = { news: false, xhtml: false, image: false, video: false }

/** A sitemap with no URL (a site with no story yet): the package refuses to write one. */
const EMPTY_URLSET =
  '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'

async function render(
  stream: SitemapStream | SitemapIndexStream,
  items: object[],
): Promise<string> {
  if (items.length === 0 && stream instanceof SitemapStream) return EMPTY_URLSET
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8')
}

/** A child sitemap: its URLs, absolute on `origin`, each with its lastmod. */
export function renderUrlset(child: SitemapChild, origin: URL): Promise<string> {
  const items: SitemapItemLoose[] = child.urls.map((url) => ({
    url: new URL(url.path, origin).href,
    ...(url.lastmod ? { lastmod: url.lastmod } : {}),
  }))
  return render(new SitemapStream({ xmlns: NAMESPACES }), items)
}

/** The sitemap index: every child, absolute on `origin`, with the newest lastmod of its URLs. */
export function renderIndex(children: readonly SitemapChild[], origin: URL): Promise<string> {
  const items: IndexItem[] = children.map((child) => ({
    url: new URL(child.file, origin).href,
    ...(child.lastmod ? { lastmod: child.lastmod } : {}),
  }))
  return render(new SitemapIndexStream(), items)
}

/** The Google News sitemap: the recent stories, each under the publication `name`. */
export function renderNews(news: readonly NewsEntry[], name: string, origin: URL): Promise<string> {
  const items: SitemapItemLoose[] = news.map((entry) => ({
    url: new URL(entry.path, origin).href,
    news: {
      publication: { name, language: entry.language },
      publication_date: entry.published,
      title: entry.title,
    },
  }))
  return render(new SitemapStream({ xmlns: { ...NAMESPACES, news: true } }), items)
}

/**
 * robots.txt: everything allowed (as public/robots.txt allowed before it was generated), and the two
 * sitemaps a crawler starts from, by absolute URL as the protocol asks; the index names the rest.
 */
export function renderRobots(origin: URL): string {
  return [
    'User-agent: *',
    'Allow: /',
    '',
    `Sitemap: ${new URL(SITEMAP_INDEX, origin).href}`,
    `Sitemap: ${new URL(NEWS_SITEMAP, origin).href}`,
    '',
  ].join('\n')
}
