import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { parseFragment } from '../wordpress/text.ts'
import { FeedProblem, readFeedDocument, type FeedDocument, type FeedItem } from './document.ts'
import { FetchProblem, fetchBounded, type FetchLimits } from './fetch.ts'

/**
 * The copy of each feed on disk, which the build reads (as it reads the WordPress copy, decision 018):
 *
 *   <mirror>/<feed key>/state.json           the feed's address, title, link, description and author, the
 *                                            section it became, and its ETag / Last-Modified for the
 *                                            next conditional request; written last
 *   <mirror>/<feed key>/items/<hash>.json    one per item ever seen (a FeedItem, its slug, first seen)
 *   <mirror>/<feed key>/images/<hash>        the items' photos and body images, as fetched
 *
 * Items stay when they drop off the feed (feeds carry only their newest items): the newsroom keeps its
 * archive, and story ids, given in publication order, do not move. Each file is written whole (a
 * temporary name, then renamed), and state.json last, so a pull cut off half-way leaves a copy that
 * builds, and the next pull asks for the whole feed again.
 */

export interface FeedState {
  url: string
  etag: string | null
  lastModified: string | null
  /** When the feed last answered with a document. */
  fetchedAt: string
  title: string
  link: string | null
  description: string
  author: string | null
  /** The feed's language, as it gives it, or null. */
  language?: string | null
  /** The section the feed became, named on its first pull and kept (a retitled feed keeps its slug). */
  section: { slug: string; name: string }
}

export interface StoredItem extends FeedItem {
  /** Given on the item's first pull and kept: a retitled item keeps its address. */
  slug: string
  firstSeen: string
}

export interface PullLimits extends FetchLimits {
  /** Bytes an image may have. */
  maxImageBytes: number
}

export const DEFAULT_LIMITS: PullLimits = {
  timeoutMs: 20_000,
  maxBytes: 5 * 1024 * 1024,
  maxImageBytes: 10 * 1024 * 1024,
}

/** What one feed's pull did. `problem` says why it failed, or what it could not fetch. */
export interface FeedPull {
  url: string
  /** fetched: a new document; unchanged: 304; failed: nothing new (the copy, if any, stands). */
  outcome: 'fetched' | 'unchanged' | 'failed'
  added: string[]
  updated: string[]
  problems: string[]
}

/** Image formats taken from a feed: those the image renderer takes, less SVG (a stranger's markup). */
const IMAGE_FORMATS: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp'])

/** The folder of a feed's copy: readable (host and path) and unique (a hash of the whole address). */
export function feedDir(mirrorDir: string, url: string): string {
  const parsed = new URL(url)
  const readable = slugify(`${parsed.hostname} ${parsed.pathname}`).slice(0, 50) || 'feed'
  return path.join(mirrorDir, `${readable}-${sha1(url).slice(0, 8)}`)
}

/** The file an image of a feed is kept in, by its address. */
export function imagePath(dir: string, url: string): string {
  return path.join(dir, 'images', sha1(url).slice(0, 16))
}

/**
 * The number that names an image in the API (`wp-<n>`, the names the HTML-to-blocks path gives the
 * images it holds): the first 48 bits of its address's hash, so the same photo keeps its files.
 */
export function imageNumber(url: string): number {
  return parseInt(sha1(url).slice(0, 12), 16)
}

/**
 * Brings the copy of one feed up to date: a conditional GET (ETag, Last-Modified), then the new and
 * changed items and any image not yet held. A feed that cannot be fetched or read leaves its copy as it
 * was and says why; an image that cannot be fetched is left out, said, and asked for again next time.
 */
export async function pullFeed(
  mirrorDir: string,
  url: string,
  limits: PullLimits = DEFAULT_LIMITS,
  now: () => Date = () => new Date(),
): Promise<FeedPull> {
  const dir = feedDir(mirrorDir, url)
  const result: FeedPull = { url, outcome: 'failed', added: [], updated: [], problems: [] }
  const state = await readState(dir)
  const headers: Record<string, string> = {
    Accept:
      'application/feed+json, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5',
  }
  if (state?.etag) headers['If-None-Match'] = state.etag
  if (state?.lastModified) headers['If-Modified-Since'] = state.lastModified
  let doc: FeedDocument
  let answer
  try {
    answer = await fetchBounded(url, limits, headers)
    if (answer.status === 304) {
      result.outcome = 'unchanged'
      return result
    }
    doc = readFeedDocument(answer.body, answer.headers.get('content-type'), url)
  } catch (error) {
    if (error instanceof FetchProblem || error instanceof FeedProblem) {
      result.problems.push(error.message)
      return result
    }
    throw error
  }
  if (doc.items.length === 0) result.problems.push('has no items')

  await mkdir(path.join(dir, 'items'), { recursive: true })
  await mkdir(path.join(dir, 'images'), { recursive: true })
  const seenAt = now().toISOString()
  const held = new Set(await readdir(path.join(dir, 'items')))
  const imageProblems = new Set<string>()
  for (const item of doc.items) {
    const file = `${sha1(item.key).slice(0, 16)}.json`
    const old = held.has(file) ? await readItem(path.join(dir, 'items', file)) : null
    const stored: StoredItem = {
      ...item,
      slug: old?.slug ?? storySlug(url, item),
      firstSeen: old?.firstSeen ?? seenAt,
    }
    const text = JSON.stringify(stored)
    if (!old || JSON.stringify(old) !== text) {
      await writeWhole(path.join(dir, 'items', file), text)
      ;(old ? result.updated : result.added).push(item.title || item.key)
    }
    for (const image of imagesOf(stored)) {
      const problem = await holdImage(dir, image, limits)
      if (problem) imageProblems.add(`image ${image} left out: ${problem}`)
    }
  }
  result.problems.push(...imageProblems)
  const title = doc.title || state?.title || ''
  await writeWhole(
    path.join(dir, 'state.json'),
    JSON.stringify({
      url,
      etag: answer.headers.get('etag'),
      lastModified: answer.headers.get('last-modified'),
      fetchedAt: seenAt,
      title,
      link: doc.link,
      description: doc.description,
      author: doc.author,
      language: doc.language,
      section: state?.section ?? {
        slug: slugify(title) || slugify(new URL(url).hostname),
        name: title || new URL(url).hostname,
      },
    } satisfies FeedState),
  )
  result.outcome = 'fetched'
  return result
}

/** Every image an item shows: its photo and the images in its body, absolute http(s) addresses. */
export function imagesOf(item: FeedItem): string[] {
  const urls = new Set<string>()
  if (item.image) urls.add(item.image.url)
  const html = item.contentHtml || item.summaryHtml
  if (html.includes('<img')) {
    for (const img of Array.from(parseFragment(html).querySelectorAll('img[src]'))) {
      try {
        const url = new URL(img.getAttribute('src')!, item.link ?? undefined)
        if (url.protocol === 'http:' || url.protocol === 'https:') urls.add(url.href)
      } catch {
        // not an address: the body's conversion leaves the image out and says so
      }
    }
  }
  return [...urls]
}

/** Fetches an image into the copy unless it is there; returns what went wrong, or null. */
async function holdImage(dir: string, url: string, limits: PullLimits): Promise<string | null> {
  const file = imagePath(dir, url)
  if (existsSync(file)) return null
  let body: Uint8Array
  try {
    body = (await fetchBounded(url, { ...limits, maxBytes: limits.maxImageBytes })).body
  } catch (error) {
    if (error instanceof FetchProblem) return error.message
    throw error
  }
  const format = await sharp(body)
    .metadata()
    .then((meta) => (meta.width && meta.height ? meta.format : undefined))
    .catch(() => undefined)
  if (!format || !IMAGE_FORMATS.has(format))
    return `${format ?? 'not an image'}: only JPEG, PNG and WebP are taken`
  await writeWhole(file, body)
  return null
}

/** The feed's state in the copy, or null before its first complete pull. */
export async function readState(dir: string): Promise<FeedState | null> {
  const text = await readFile(path.join(dir, 'state.json'), 'utf8').catch(() => null)
  return text ? (JSON.parse(text) as FeedState) : null
}

export async function readItem(file: string): Promise<StoredItem> {
  return JSON.parse(await readFile(file, 'utf8')) as StoredItem
}

/**
 * A story's slug: the item's title as a slug (at most 60 characters; its text's first words when it has
 * no title) and a hash of the feed's address and the item's key, so two feeds never share one.
 */
export function storySlug(feedUrl: string, item: FeedItem): string {
  const words =
    item.title ||
    item.summaryHtml.replace(/<[^>]*>/g, ' ') ||
    item.contentHtml.replace(/<[^>]*>/g, ' ')
  const base = slugify(words).slice(0, 60).replace(/-+$/, '')
  const hash = sha1(`${feedUrl}\n${item.key}`).slice(0, 6)
  return base ? `${base}-${hash}` : `item-${hash}`
}

/** Lowercase ASCII words joined by hyphens; accents dropped, other scripts left out. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

async function writeWhole(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  try {
    await writeFile(temp, data)
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
