import type {
  Article,
  ListingChunk,
  ListingHead,
  Summary,
} from '../../src/features/articles/api/schemas.ts'
import { chunkFile, chunkSpans, locate } from '../../src/features/articles/api/listing-layout.ts'
import type { Site } from '../../src/features/site/api/schemas.ts'
import type { ListingRef } from '../../src/config/paths.ts'
import { FEED_KINDS, feedPath, type FeedFormat } from '../../src/features/feeds/feed-paths.ts'
import { feedDocuments, type FeedChannel, type FeedEntry } from './feed-documents.ts'
import { imageUrl, storyHtml, type HtmlContext } from './story-html.ts'

/**
 * The feeds of the newsroom's listings (the latest stories, each section, tag and author), made from the
 * built API alone: a listing's newest stories from its head and chunks, each story's file for its text.
 * A full build and a sync both call it on the API as it stands, so the same stories give the same bytes
 * (docs/decisions/024-feeds.md).
 */

/** Stories in every feed: a day or more of a busy newsroom, and a fixed size whatever the archive's. */
export const FEED_ITEMS = 20

/** The date of a feed that has no stories yet: fixed, so an empty feed never changes. */
const EMPTY_FEED_DATE = '1970-01-01T00:00:00.000Z'

/** Reads a file of the API by its path under the API's root; null when there is none. */
export type ReadApi = (file: string) => Promise<string | null>

export interface FeedOptions {
  /** The site's root URL (`https://news.example.org/`): every link in a feed is absolute. */
  siteUrl: string
  /** Stories in each feed; FEED_ITEMS by default. */
  items?: number
}

/** The API folder of a listing (`lists/latest`, `lists/tags/climate`). */
export function listingDir(ref: ListingRef): string {
  return ref.kind === 'latest' ? 'lists/latest' : `lists/${ref.kind}/${ref.slug}`
}

/** The listing an API folder holds: listingDir's inverse. */
export function listingRef(dir: string): ListingRef {
  if (dir === 'lists/latest') return { kind: 'latest' }
  const [, kind, slug] = dir.split('/') as [string, 'sections' | 'tags' | 'authors', string]
  return { kind, slug }
}

/** Every listing of the site: the latest stories, then each section, tag and author. */
export function everyListing(site: Site): ListingRef[] {
  return [
    { kind: 'latest' },
    ...site.sections.map(({ slug }) => ({ kind: 'sections' as const, slug })),
    ...site.tags.map(({ slug }) => ({ kind: 'tags' as const, slug })),
    ...site.authors.map(({ slug }) => ({ kind: 'authors' as const, slug })),
  ]
}

async function readJson<T>(read: ReadApi, file: string): Promise<T> {
  const text = await read(file)
  if (text === null) throw new Error(`feeds: ${file} is not in the API`)
  return JSON.parse(text) as T
}

/** A listing's newest `count` stories, in its order, reading the head and as many chunks as they take. */
export async function newestStories(read: ReadApi, dir: string, count: number): Promise<Summary[]> {
  const head = await readJson<ListingHead>(read, `${dir}/1.json`)
  const inHead = [...head.items, ...head.rest]
  const wanted = Math.min(count, head.total)
  if (wanted <= inHead.length) return inHead.slice(0, wanted)
  const spans = chunkSpans(head, inHead.length)
  const chunks = new Map<number, Promise<ListingChunk>>()
  const stories: Summary[] = []
  for (let position = 0; position < wanted; position++) {
    const place = locate(spans, inHead.length, position)
    if (!place.span) {
      stories.push(inHead[place.index]!)
      continue
    }
    const { chunk, version } = place.span
    if (!chunks.has(chunk))
      chunks.set(chunk, readJson<ListingChunk>(read, `${dir}/${chunkFile(chunk, version)}`))
    stories.push((await chunks.get(chunk)!).items[place.index]!)
  }
  return stories
}

/** The site's language (src/i18n/en.ts's LANG: that module reads Vite's env, so it cannot load here). */
const LANG = 'en'
// As src/i18n/en.ts describes a listing whose newsroom gives no description.
const sectionDescription = (name: string, site: string) =>
  `The latest ${name} stories from ${site}.`
const tagDescription = (name: string, site: string) => `Stories tagged ${name}, from ${site}.`
const authorDescription = (name: string, site: string) => `Stories by ${name}, for ${site}.`

/** What a listing's feed is called and says about itself, as its page does. */
function describe(ref: ListingRef, site: Site): { title: string; description: string } {
  const find = <T extends { slug: string }>(list: readonly T[]) =>
    'slug' in ref ? list.find((entry) => entry.slug === ref.slug) : undefined
  switch (ref.kind) {
    case 'latest':
      return { title: site.name, description: site.description }
    case 'sections': {
      const section = find(site.sections)
      const name = section?.name ?? ref.slug
      return {
        title: `${name} – ${site.name}`,
        description: section?.description || sectionDescription(name, site.name),
      }
    }
    case 'tags': {
      const name = find(site.tags)?.name ?? ref.slug
      return { title: `${name} – ${site.name}`, description: tagDescription(name, site.name) }
    }
    case 'authors': {
      const author = find(site.authors)
      const name = author?.name ?? ref.slug
      return {
        title: `${name} – ${site.name}`,
        description: author?.bio || authorDescription(name, site.name),
      }
    }
  }
}

const PHOTO_TYPES: Record<string, string> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  avif: 'image/avif',
}

/** A story as a feed entry: its text rendered, its links and photo absolute. */
export function feedEntry(article: Article, ctx: HtmlContext): FeedEntry {
  const page = (path: string) => new URL(path, ctx.siteUrl).href
  const photo = article.hero ?? article.image
  const extension = photo ? /\.(\w+)(?:[?#]|$)/.exec(photo.src)?.[1]?.toLowerCase() : undefined
  return {
    url: page(`/articles/${article.slug}`),
    title: article.headline,
    summary: article.summary,
    html: storyHtml(article, ctx),
    published: article.published,
    updated: article.updated,
    author: { name: article.author.name, url: page(`/authors/${article.author.slug}`) },
    categories: [
      {
        term: article.section.slug,
        label: article.section.name,
        url: page(`/sections/${article.section.slug}`),
      },
      ...article.tags.map((tag) => ({
        term: tag.slug,
        label: tag.name,
        url: page(`/tags/${tag.slug}`),
      })),
    ],
    photo: photo
      ? {
          url: imageUrl(photo.src, ctx.apiUrl),
          type: PHOTO_TYPES[extension ?? ''] ?? 'image/webp',
          width: photo.width,
          height: photo.height,
          alt: photo.alt,
          credit: 'credit' in photo && typeof photo.credit === 'string' ? photo.credit : '',
        }
      : null,
    ...(article.lang ? { lang: article.lang } : {}),
  }
}

/** Listings whose feeds are made at once: their reads overlap, and a few keep memory small. */
const CONCURRENCY = 4

/**
 * The feed files of these listings, by path from the site's root (`feed.xml`, `tags/climate/feed.json`),
 * read from the API through `read`.
 */
export async function listingFeeds(
  read: ReadApi,
  refs: readonly ListingRef[],
  options: FeedOptions,
): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  await eachListingFeed(read, refs, options, (file, text) => {
    files.set(file, text)
  })
  // In the listings' order, whatever order they were made in.
  const order = refs.flatMap((ref) => FEED_KINDS.map((kind) => feedPath(ref, kind.format).slice(1)))
  return new Map(order.map((file) => [file, files.get(file)!]))
}

/**
 * Makes the feeds of these listings and hands each file to `write` as it is made (path from the site's
 * root, text), so a build of thousands of listings never holds them all. Stories shared by several
 * listings are read and rendered once.
 */
export async function eachListingFeed(
  read: ReadApi,
  refs: readonly ListingRef[],
  options: FeedOptions,
  write: (file: string, text: string) => void | Promise<void>,
): Promise<void> {
  const site = await readJson<Site>(read, 'site.json')
  const ctx: HtmlContext = {
    siteUrl: options.siteUrl,
    apiUrl: new URL('api/', options.siteUrl).href,
  }
  const items = options.items ?? FEED_ITEMS
  // The newest stories are in most feeds; the cache is bounded, so 100,000 stories never sit in memory.
  const entries = new Map<string, Promise<FeedEntry>>()
  const entryOf = (slug: string) => {
    let entry = entries.get(slug)
    if (!entry) {
      if (entries.size >= 2000) entries.clear()
      entry = readJson<Article>(read, `articles/${slug}.json`).then((a) => feedEntry(a, ctx))
      entries.set(slug, entry)
    }
    return entry
  }
  const one = async (ref: ListingRef) => {
    const stories = await newestStories(read, listingDir(ref), items)
    const feedEntries = await Promise.all(stories.map((story) => entryOf(story.slug)))
    const { title, description } = describe(ref, site)
    const newest = feedEntries.reduce<string | null>((latest, entry) => {
      const changed = entry.updated ?? entry.published
      return latest === null || changed > latest ? changed : latest
    }, null)
    const url = (format: FeedFormat) => new URL(feedPath(ref, format), ctx.siteUrl).href
    const channel: FeedChannel = {
      title,
      description,
      pageUrl: new URL(ref.kind === 'latest' ? '/' : `/${ref.kind}/${ref.slug}`, ctx.siteUrl).href,
      feedUrls: { rss: url('rss'), atom: url('atom'), json: url('json') },
      iconUrl: new URL('/pwa-512x512.png', ctx.siteUrl).href,
      language: LANG,
      updated: newest ?? EMPTY_FEED_DATE,
    }
    const documents = feedDocuments(channel, feedEntries)
    for (const kind of FEED_KINDS)
      await write(feedPath(ref, kind.format).slice(1), documents[kind.format])
  }
  let next = 0
  const worker = async () => {
    while (next < refs.length) await one(refs[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, refs.length) }, worker))
}
