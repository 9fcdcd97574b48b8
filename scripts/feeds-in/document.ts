import { createHash } from 'node:crypto'
import {
  parseFeed,
  type AnyFeed,
  type AtomFeed,
  type JsonFeed,
  type MediaNs,
  type RssFeed,
} from 'feedsmith'

/**
 * One feed document (RSS 2.0, RSS 1.0/RDF, Atom or JSON Feed), as the bytes a server sent, turned into
 * the few fields a newsroom story needs. Parsing is feedsmith's; this module only decodes the bytes
 * (the encoding a feed declares, strictly) and picks each field from where each format keeps it.
 * It never throws for a feed that parses: what is missing is null or empty, and the source decides.
 */

export interface FeedItem {
  /** What identifies the item across fetches: its guid or id, else its link, else its title. */
  key: string
  /** Plain text; empty when the item has none. */
  title: string
  /** The original's address (absolute http(s)), or null. */
  link: string | null
  /** HTML (or text made HTML) of the item's body, and of its summary; either may be empty. */
  contentHtml: string
  summaryHtml: string
  author: string | null
  /** ISO date-times, or null when absent or unreadable. */
  published: string | null
  updated: string | null
  categories: string[]
  /** The item's own image (enclosure, media:content, media:thumbnail, JSON Feed image), absolute. */
  image: { url: string; alt: string; credit: string } | null
  /** The item's language as the feed gives it (JSON Feed items may have their own), or null. */
  language: string | null
}

export interface FeedDocument {
  format: 'rss' | 'atom' | 'rdf' | 'json'
  /** Plain text; empty when the feed has none. */
  title: string
  link: string | null
  description: string
  author: string | null
  /** RSS `language`, JSON Feed `language`, Dublin Core `language`, or null. */
  language: string | null
  items: FeedItem[]
}

/** A feed that cannot be read, with what is wrong in words a newsroom can act on. */
export class FeedProblem extends Error {}

/**
 * Decodes and parses a fetched feed. `contentType` is the response's header, for its charset. Throws a
 * FeedProblem saying what is wrong: bytes that are not the encoding declared, not a feed at all (an HTML
 * page, JSON of another shape), or a JSON document cut short.
 */
export function readFeedDocument(
  bytes: Uint8Array,
  contentType: string | null,
  base: string,
): FeedDocument {
  const text = decode(bytes, contentType)
  let parsed: AnyFeed<string>
  try {
    parsed = parseFeed<string>(text)
  } catch (error) {
    throw new FeedProblem(notAFeed(text, error as Error))
  }
  const doc = normalise(parsed, base)
  return doc
}

function notAFeed(text: string, error: Error): string {
  const start = text.trimStart().slice(0, 200).toLowerCase()
  if (start.startsWith('{') || start.startsWith('[')) {
    try {
      JSON.parse(text)
      return 'JSON, but not a JSON Feed (no "version" of jsonfeed.org with "items")'
    } catch (json) {
      return `not valid JSON (${(json as Error).message})`
    }
  }
  if (/^(<!doctype html|<html)/.test(start)) return 'an HTML page, not a feed'
  if (!start.startsWith('<')) return 'neither XML nor JSON'
  return `not an RSS, Atom or JSON feed (${error.message})`
}

/**
 * The document's text. JSON is UTF-8 (RFC 8259); XML says its encoding in a byte order mark, its XML
 * declaration, or the response's charset, in that order, else UTF-8. Decoding is strict: a byte that is
 * not in the declared encoding is reported, not replaced, so a mislabelled feed is found out.
 */
export function decode(bytes: Uint8Array, contentType: string | null): string {
  const bom = bomEncoding(bytes)
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512))
  const declared =
    bom ??
    /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1] ??
    /;\s*charset\s*=\s*"?([A-Za-z0-9._:-]+)/i.exec(contentType ?? '')?.[1] ??
    'utf-8'
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(declared, { fatal: true })
  } catch {
    throw new FeedProblem(`declares an encoding this build does not know: ${declared}`)
  }
  try {
    return decoder.decode(bytes)
  } catch {
    throw new FeedProblem(`has bytes that are not ${declared} (the encoding it declares)`)
  }
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return null
}

function normalise(parsed: AnyFeed<string>, base: string): FeedDocument {
  switch (parsed.format) {
    case 'rss':
      return fromRss(parsed.feed, base)
    case 'rdf': {
      const feed = parsed.feed
      const link = absolute(feed.link, base)
      return {
        format: 'rdf',
        title: text(feed.title),
        link,
        description: text(feed.description),
        author: first(feed.dc?.creators),
        language: first(feed.dc?.languages),
        items: (feed.items ?? []).map((item) =>
          finish({
            key: item.rdf?.about ?? item.link ?? '',
            title: text(item.title),
            link: absolute(item.link, link ?? base),
            contentHtml: item.content?.encoded ?? '',
            summaryHtml: item.description ?? '',
            author: first(item.dc?.creators),
            published: date(first(item.dc?.dates)),
            updated: null,
            categories: item.dc?.subjects ?? [],
            image: mediaImage(item.media, link ?? base),
            language: first(item.dc?.languages),
          }),
        ),
      }
    }
    case 'atom':
      return fromAtom(parsed.feed, base)
    case 'json':
      return fromJson(parsed.feed, base)
  }
}

function fromRss(feed: RssFeed.Feed<string>, base: string): FeedDocument {
  const link = absolute(feed.link, base)
  const person = (p: RssFeed.Person | undefined) => (p ? (p.name ?? p.email ?? null) : null)
  return {
    format: 'rss',
    title: text(feed.title),
    link,
    description: text(feed.description),
    author: first(feed.dc?.creators) ?? person(feed.managingEditor),
    language: feed.language ?? first(feed.dc?.languages),
    items: (feed.items ?? []).map((item) => {
      const itemLink = absolute(item.link, link ?? base)
      const enclosure = item.enclosures?.find((e) => e.type?.startsWith('image/') && e.url)
      return finish({
        key: item.guid?.value ?? item.link ?? item.title ?? '',
        title: text(item.title),
        link: itemLink,
        contentHtml: item.content?.encoded ?? '',
        summaryHtml: item.description ?? '',
        author: first(item.dc?.creators) ?? person(item.authors?.[0]),
        published: date(item.pubDate ?? first(item.dc?.dates)),
        updated: date(item.atom?.updated),
        categories: [
          ...(item.categories ?? []).flatMap((c) => (c.name ? [c.name] : [])),
          ...(item.dc?.subjects ?? []),
        ],
        image:
          mediaImage(item.media, itemLink ?? base) ??
          imageAt(enclosure?.url, itemLink ?? base, '', ''),
        language: first(item.dc?.languages),
      })
    }),
  }
}

function fromAtom(feed: AtomFeed.Feed<string>, base: string): FeedDocument {
  const link = alternate(feed.links, base)
  return {
    format: 'atom',
    title: text(atomText(feed.title)),
    link,
    description: text(atomText(feed.subtitle)),
    author: feed.authors?.[0]?.name ?? null,
    language: feed.xml?.lang ?? null,
    items: (feed.entries ?? []).map((entry) => {
      const entryLink = alternate(entry.links, link ?? base)
      const enclosure = entry.links?.find(
        (l) => l.rel === 'enclosure' && l.type?.startsWith('image/'),
      )
      return finish({
        key: entry.id ?? entryLink ?? atomText(entry.title),
        title: text(atomText(entry.title)),
        link: entryLink,
        contentHtml: atomText(entry.content),
        summaryHtml: atomText(entry.summary),
        author: entry.authors?.[0]?.name ?? null,
        published: date(entry.published ?? entry.updated),
        updated: entry.published ? date(entry.updated) : null,
        categories: (entry.categories ?? []).flatMap((c) => {
          const name = c.label ?? c.term
          return name ? [name] : []
        }),
        image:
          mediaImage(entry.media, entryLink ?? base) ??
          imageAt(enclosure?.href, entryLink ?? base, enclosure?.title ?? '', ''),
        language: entry.xml?.lang ?? null,
      })
    }),
  }
}

function fromJson(feed: JsonFeed.Feed<string>, base: string): FeedDocument {
  const link = absolute(feed.home_page_url, base)
  const author = (authors: JsonFeed.Author[] | undefined) =>
    authors?.map((a) => a.name).find(Boolean) ?? null
  return {
    format: 'json',
    title: text(feed.title),
    link,
    description: text(feed.description),
    author: author(feed.authors),
    language: feed.language ?? null,
    items: (feed.items ?? []).map((item) => {
      const itemLink = absolute(item.url ?? item.external_url, link ?? base)
      const attachment = item.attachments?.find((a) => a.mime_type?.startsWith('image/'))
      return finish({
        key: String(item.id ?? item.url ?? item.title ?? ''),
        title: text(item.title),
        link: itemLink,
        contentHtml: item.content_html ?? (item.content_text ? textAsHtml(item.content_text) : ''),
        summaryHtml: item.summary ? textAsHtml(item.summary) : '',
        author: author(item.authors),
        published: date(item.date_published ?? item.date_modified),
        updated: item.date_published ? date(item.date_modified) : null,
        categories: item.tags ?? [],
        image:
          imageAt(item.image ?? item.banner_image, itemLink ?? base, '', '') ??
          imageAt(attachment?.url, itemLink ?? base, attachment?.title ?? '', ''),
        language: item.language ?? null,
      })
    }),
  }
}

/** An item with its key made whole (a hash of its body when it has nothing else) and its lists tidied. */
function finish(item: FeedItem): FeedItem {
  const key =
    item.key.trim() ||
    `sha1:${createHash('sha1')
      .update(item.contentHtml + item.summaryHtml)
      .digest('hex')}`
  // Some feeds put several categories in one, separated by commas ("workflow,omnifocus").
  const categories = [
    ...new Set(
      item.categories
        .flatMap((c) => text(c).split(','))
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ]
  return { ...item, key, categories, author: item.author ? text(item.author) || null : null }
}

function atomText(value: { value?: string; type?: string } | undefined): string {
  if (!value?.value) return ''
  return value.type === 'html' || value.type === 'xhtml' ? value.value : textAsHtml(value.value)
}

function alternate(
  links: { href?: string; rel?: string }[] | undefined,
  base: string,
): string | null {
  const found = links?.find((l) => !l.rel || l.rel === 'alternate') ?? links?.[0]
  return absolute(found?.href, base)
}

function mediaImage(media: MediaNs.ItemOrFeed | undefined, base: string): FeedItem['image'] {
  if (!media) return null
  const contents = [
    ...(media.contents ?? []),
    ...(media.groups ?? []).flatMap((g) => g.contents ?? []),
  ]
  const content = contents.find(
    (c) => c.url && (c.medium === 'image' || c.type?.startsWith('image/')),
  )
  const alt = text(content?.description?.value ?? media.description?.value ?? '')
  const credit = text(content?.credits?.[0]?.value ?? media.credits?.[0]?.value ?? '')
  return (
    imageAt(content?.url, base, alt, credit) ??
    imageAt(media.thumbnails?.[0]?.url, base, alt, credit)
  )
}

function imageAt(
  url: string | undefined,
  base: string,
  alt: string,
  credit: string,
): FeedItem['image'] {
  const href = absolute(url, base)
  return href ? { url: href, alt: text(alt), credit: text(credit) } : null
}

/** An http(s) address resolved against `base`, or null for anything else (javascript:, data:, junk). */
export function absolute(url: string | undefined | null, base: string): string | null {
  if (!url?.trim()) return null
  try {
    const resolved = new URL(url.trim(), base)
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null
  } catch {
    return null
  }
}

function date(value: string | null | undefined): string | null {
  if (!value?.trim()) return null
  const parsed = new Date(value.trim())
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString()
}

function first<T>(list: T[] | undefined): T | null {
  return list?.[0] ?? null
}

/** Text fields: markup in them is not shown as markup (tags dropped), whitespace collapsed. */
function text(value: string | undefined | null): string {
  return (value ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function textAsHtml(value: string): string {
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return escaped
    .split(/\n{2,}/)
    .map((p) => `<p>${p.trim()}</p>`)
    .join('')
}
