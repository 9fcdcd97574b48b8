import { generateAtomFeed, generateJsonFeed, generateRssFeed } from 'feedsmith'
import type { FeedFormat } from '../../src/features/feeds/feed-paths.ts'

/**
 * One listing's feed in RSS 2.0, Atom 1.0 and JSON Feed 1.1, from one description of it: the XML and
 * JSON are written by feedsmith's generators (escaping, dates in each format's own form, namespaces),
 * not by templates of ours. Nothing in them depends on when they are written: a sync and a full build
 * of the same stories write the same bytes.
 */

export interface FeedChannel {
  title: string
  description: string
  /** The listing's page: the feed's home page and its Atom id. */
  pageUrl: string
  /** The feed's own URL in each format (`rel="self"`). */
  feedUrls: Record<FeedFormat, string>
  /** The site's icon, absolute. */
  iconUrl: string
  language: string
  /** The newest change among the items (ISO); a fixed date for a feed with none. */
  updated: string
}

export interface FeedCategory {
  /** The slug, Atom's `term`. */
  term: string
  /** The name a reader sees. */
  label: string
  /** The listing's page for it: RSS `domain`, Atom `scheme`. */
  url: string
}

export interface FeedPhoto {
  url: string
  /** Its media type, from the file name (`image/webp`). */
  type: string
  width: number
  height: number
  alt: string
  credit: string
}

export interface FeedEntry {
  /** The story's canonical URL: its link and, never reused, its id. */
  url: string
  title: string
  summary: string
  /** The story's text as HTML (scripts/feeds/story-html.ts). */
  html: string
  published: string
  updated: string | null
  author: { name: string; url: string }
  /** The section first, then the tags. */
  categories: FeedCategory[]
  photo: FeedPhoto | null
  /** The story's language when it is not the site's. */
  lang?: string
}

export interface FeedDocuments {
  rss: string
  atom: string
  json: string
}

/** RSS gives no size for a photo we do not measure: 0, as the RSS Advisory Board advises for unknown lengths. */
const UNKNOWN_LENGTH = 0

const mediaContent = (photo: FeedPhoto) => ({
  contents: [
    {
      url: photo.url,
      medium: 'image',
      type: photo.type,
      width: photo.width,
      height: photo.height,
      ...(photo.alt ? { description: { value: photo.alt, type: 'plain' } } : {}),
      ...(photo.credit ? { credits: [{ value: photo.credit }] } : {}),
    },
  ],
})

function rss(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  return generateRssFeed({
    title: channel.title,
    link: channel.pageUrl,
    description: channel.description,
    language: channel.language,
    lastBuildDate: new Date(channel.updated),
    image: { url: channel.iconUrl, title: channel.title, link: channel.pageUrl },
    atom: {
      links: [{ href: channel.feedUrls.rss, rel: 'self', type: 'application/rss+xml' }],
    },
    items: entries.map((entry) => ({
      title: entry.title,
      link: entry.url,
      guid: { value: entry.url, isPermaLink: true },
      description: entry.summary,
      pubDate: new Date(entry.published),
      dc: { creators: [entry.author.name] },
      ...(entry.updated ? { dcterms: { modified: [new Date(entry.updated)] } } : {}),
      categories: entry.categories.map((c) => ({ name: c.label, domain: c.url })),
      content: { encoded: entry.html },
      ...(entry.photo
        ? {
            enclosures: [{ url: entry.photo.url, length: UNKNOWN_LENGTH, type: entry.photo.type }],
            media: mediaContent(entry.photo),
          }
        : {}),
    })),
  })
}

function atom(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  return generateAtomFeed({
    id: channel.pageUrl,
    title: { value: channel.title },
    subtitle: { value: channel.description },
    updated: new Date(channel.updated),
    icon: channel.iconUrl,
    links: [
      { href: channel.pageUrl, rel: 'alternate', type: 'text/html' },
      { href: channel.feedUrls.atom, rel: 'self', type: 'application/atom+xml' },
    ],
    entries: entries.map((entry) => ({
      id: entry.url,
      title: { value: entry.title },
      links: [
        { href: entry.url, rel: 'alternate', type: 'text/html' },
        ...(entry.photo
          ? [{ href: entry.photo.url, rel: 'enclosure', type: entry.photo.type }]
          : []),
      ],
      published: new Date(entry.published),
      updated: new Date(entry.updated ?? entry.published),
      authors: [{ name: entry.author.name, uri: entry.author.url }],
      categories: entry.categories.map((c) => ({ term: c.term, label: c.label, scheme: c.url })),
      summary: { value: entry.summary, type: 'text' },
      content: { value: entry.html, type: 'html' },
      ...(entry.photo ? { media: mediaContent(entry.photo) } : {}),
    })),
  })
}

function json(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  const feed = generateJsonFeed({
    title: channel.title,
    home_page_url: channel.pageUrl,
    feed_url: channel.feedUrls.json,
    description: channel.description,
    icon: channel.iconUrl,
    language: channel.language,
    items: entries.map((entry) => ({
      id: entry.url,
      url: entry.url,
      title: entry.title,
      summary: entry.summary,
      content_html: entry.html,
      ...(entry.photo ? { image: entry.photo.url } : {}),
      date_published: new Date(entry.published),
      ...(entry.updated ? { date_modified: new Date(entry.updated) } : {}),
      authors: [{ name: entry.author.name, url: entry.author.url }],
      tags: entry.categories.map((c) => c.label),
      ...(entry.lang ? { language: entry.lang } : {}),
    })),
  })
  return JSON.stringify(feed)
}

/** The three documents of one feed; deterministic for the same channel and entries. */
export function feedDocuments(channel: FeedChannel, entries: readonly FeedEntry[]): FeedDocuments {
  return { rss: rss(channel, entries), atom: atom(channel, entries), json: json(channel, entries) }
}
