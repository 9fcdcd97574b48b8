import { readdir } from 'node:fs/promises'
import path from 'node:path'
import * as v from 'valibot'
import type { SourceArticle, Taxonomy } from '../api/content.ts'
import { decodeText } from './text.ts'
import { mediaFile, mediaInContent, readJson, readMedia, readPost, readRenames } from './mirror.ts'
import {
  SiteIndexSchema,
  TermSchema,
  UserSchema,
  type Media,
  type Post,
  type Term,
} from './rest.ts'
import { isSlug } from '../../src/config/paths.ts'

/**
 * A WordPress mirror (scripts/wordpress/mirror.ts) as the API build's source: the same normalised
 * stories, sections, tags and authors that content/ gives (scripts/api/content.ts), so the code that
 * writes the API, pages, search index and related stories never knows which it got. docs/wordpress.md
 * has the whole mapping.
 */

export interface WordPressOptions {
  /**
   * Where a photo's credit is found in a media object, as a dot path (e.g. `meta.photo_credit` or
   * `acf.credit`), for sites that keep it in a field of their own; by default the IPTC credit WordPress
   * reads from the file (`media_details.image_meta.credit`).
   */
  creditField?: string
}

/** What a thread needs to turn a WordPress body into blocks: the same in the main thread and the worker. */
export interface WordPressBodies {
  siteUrl: string
  /** Our slug of each post, by its WordPress slug (decoded) and by its id. */
  slugs: [wpSlug: string, id: number, slug: string][]
  /** Each image the bodies use, by attachment id. */
  media: [id: number, alt: string, caption: string, credit: string][]
}

export interface WordPressSource {
  site: { name: string; description: string; pageSize: number }
  taxonomy: Taxonomy
  articles: SourceArticle[]
  /** The file of an image the articles name (`wp-<attachment id>`). */
  imageFile: (id: string) => string
  bodies: WordPressBodies
  /** Old slugs of renamed stories, each with the story's slug now. */
  redirects: { from: string; to: string }[]
  /** Posts left out, and why. */
  skipped: string[]
}

const PAGE_SIZE = 20
/** An edit within this long of publication is not shown as an update. */
const UPDATE_AFTER_MS = 60_000
const SUMMARY_MAX = 300

/**
 * Our slug for a WordPress slug: the same when it is a plain lowercase ASCII slug (WordPress makes those
 * from Latin titles, accents removed); for one in another script, which WordPress percent-encodes,
 * `<kind>-<id>`, which never changes.
 */
export function slugFor(wpSlug: string, kind: string, id: number): string {
  let decoded = wpSlug
  try {
    decoded = decodeURIComponent(wpSlug)
  } catch {
    // keep it as it is
  }
  return isSlug(decoded) ? decoded : `${kind}-${id}`
}

export async function loadWordPress(
  dir: string,
  options: WordPressOptions = {},
): Promise<WordPressSource> {
  const site = await readJson(dir, 'site.json', SiteIndexSchema)
  const categories = await readJson(dir, 'categories.json', v.array(TermSchema))
  const tags = await readJson(dir, 'tags.json', v.array(TermSchema))
  const users = await readJson(dir, 'users.json', v.nullable(v.array(UserSchema)))
  const skipped: string[] = []

  const names = (await readdir(path.join(dir, 'posts'))).filter((n) => /^\d+\.json$/.test(n))
  const posts: Post[] = []
  for (const name of names) {
    const post = await readPost(dir, Number(name.slice(0, -5)))
    const why = hiddenBecause(post)
    if (why) skipped.push(`post ${post.id} (${post.link}): ${why}`)
    else posts.push(post)
  }

  const termRef = (kind: 'category' | 'tag', term: Term) => ({
    slug: slugFor(term.slug, kind, term.id),
    name: decodeText(term.name) || term.slug,
    description: decodeText(term.description ?? ''),
  })
  const categoryById = new Map(categories.map((t) => [t.id, termRef('category', t)]))
  const tagById = new Map(tags.map((t) => [t.id, termRef('tag', t)]))
  const authors = new Map<string, { slug: string; name: string; role: string; bio: string }>()
  const userById = new Map((users ?? []).map((u) => [u.id, u]))
  const siteName = decodeText(site.name) || new URL(site.url).host

  const authorOf = (post: Post) => {
    const embedded = post._embedded?.author?.[0]
    const parsed = v.safeParse(UserSchema, embedded)
    const user = userById.get(post.author) ?? (parsed.success ? parsed.output : undefined)
    // A site that blocks /users (embedded: an error object): the site itself is the byline.
    const slug = user ? slugFor(user.slug, 'author', user.id) : 'newsroom'
    if (!authors.has(slug)) {
      authors.set(slug, {
        slug,
        name: user ? decodeText(user.name) || user.slug : siteName,
        role: '',
        bio: user ? decodeText(user.description ?? '') : '',
      })
    }
    return slug
  }

  const media = new Map<number, Media>()
  const mediaOf = async (id: number) => {
    if (!media.has(id)) {
      const held = await readMedia(dir, id).catch(() => null)
      if (held) media.set(id, held)
    }
    return media.get(id)
  }

  const usedSections = new Map<string, { slug: string; name: string; description: string }>()
  const usedTags = new Map<string, { slug: string; name: string }>()
  const articles: SourceArticle[] = []
  const slugs: WordPressBodies['slugs'] = []
  const seen = new Set<string>()
  for (const post of posts) {
    const title = decodeText(post.title.rendered)
    if (!title) {
      skipped.push(`post ${post.id} (${post.link}): no headline`)
      continue
    }
    let slug = slugFor(post.slug, 'post', post.id)
    if (seen.has(slug)) slug = `post-${post.id}`
    seen.add(slug)
    const section =
      post.categories.map((id) => categoryById.get(id)).find(Boolean) ??
      ({ slug: 'news', name: 'News', description: '' } as const)
    usedSections.set(section.slug, section)
    const storyTags = post.tags.flatMap((id) => {
      const tag = tagById.get(id)
      return tag ? [tag] : []
    })
    for (const tag of storyTags) usedTags.set(tag.slug, { slug: tag.slug, name: tag.name })
    const published = gmt(post.date_gmt)
    const modified = gmt(post.modified_gmt)
    const featured = post.featured_media ? await mediaOf(post.featured_media) : undefined
    for (const id of mediaInContent(post.content.rendered)) await mediaOf(id)
    const hero = featured ? heroOf(featured, options, title) : null
    slugs.push([decodeSlug(post.slug), post.id, slug])
    articles.push({
      slug,
      file: path.join(dir, 'posts', `${post.id}.json`),
      format: 'wordpress',
      origin: post.link,
      title,
      summary: summaryOf(post),
      section: section.slug,
      author: authorOf(post),
      tags: [...new Set(storyTags.map((t) => t.slug))],
      published,
      updated: modified.getTime() - published.getTime() >= UPDATE_AFTER_MS ? modified : null,
      kind: post.format === 'aside' || post.format === 'status' ? 'brief' : 'news',
      hero,
      lang: null,
      // A sticky post is the one WordPress keeps at the top of its front page: the front page's lead here.
      featured: post.sticky,
      bodyStart: 0,
    })
  }

  return {
    site: {
      name: siteName,
      description: decodeText(site.description),
      pageSize: PAGE_SIZE,
    },
    taxonomy: {
      sections: [...usedSections.values()],
      tags: [...usedTags.values()],
      authors: [...authors.values()],
    },
    articles,
    imageFile: (id) => {
      const found = /^wp-(\d+)$/.exec(id)
      const held = found ? media.get(Number(found[1])) : undefined
      if (!held) throw new Error(`image "${id}" is not in the WordPress copy (${dir})`)
      return mediaFile(dir, held)
    },
    bodies: {
      siteUrl: (site.home ?? site.url).replace(/\/+$/, ''),
      slugs,
      media: [...media.values()].map((m) => {
        const fields = mediaFields(m, options)
        return [m.id, fields.alt, fields.caption, fields.credit]
      }),
    },
    redirects: redirectsOf(await readRenames(dir), slugs),
    skipped,
  }
}

/** Old slugs of posts still published, unless a story has that slug now. */
export function redirectsOf(
  renames: { id: number; slug: string }[],
  slugs: WordPressBodies['slugs'],
): { from: string; to: string }[] {
  const live = new Set(slugs.map(([, , slug]) => slug))
  const byId = new Map(slugs.map(([, id, slug]) => [id, slug]))
  const redirects = new Map<string, string>()
  for (const { id, slug } of renames) {
    const to = byId.get(id)
    const from = slugFor(slug, 'post', id)
    if (to && from !== to && !live.has(from)) redirects.set(from, to)
  }
  return [...redirects].map(([from, to]) => ({ from, to }))
}

/** Why a reader must not see this post, or null. The public API lists password-protected posts. */
function hiddenBecause(post: Post): string | null {
  if (post.status !== 'publish') return `status ${post.status}`
  if (post.type !== 'post') return `a ${post.type}, not a post`
  if (post.content.protected) return 'password-protected'
  return null
}

function heroOf(media: Media, options: WordPressOptions, title: string) {
  const fields = mediaFields(media, options)
  return {
    image: `wp-${media.id}`,
    alt: fields.alt || fields.caption || title,
    caption: fields.caption,
    credit: fields.credit,
  }
}

function mediaFields(media: Media, options: WordPressOptions) {
  const meta = media.media_details?.image_meta
  const caption = decodeText(media.caption?.rendered ?? '') || (meta?.caption ?? '').trim()
  const configured = options.creditField ? valueAt(media, options.creditField) : undefined
  const credit = (typeof configured === 'string' ? configured : (meta?.credit ?? '')).trim()
  return { alt: decodeText(media.alt_text ?? ''), caption, credit: decodeText(credit) }
}

function valueAt(object: unknown, dotPath: string): unknown {
  let value = object
  for (const key of dotPath.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** The excerpt as text: tags stripped, entities decoded, the auto-excerpt's "[…]" gone; at most 300 characters. */
function summaryOf(post: Post): string {
  let text = decodeText(post.excerpt.rendered)
    .replace(/\s*\[(?:…|\.\.\.)\]\s*$/, '…')
    .replace(/\s*(?:Continue reading|Read more)\b.*$/i, '')
    .trim()
  if (!text) text = decodeText(post.content.rendered)
  if (text.length <= SUMMARY_MAX) return text
  const cut = text.slice(0, SUMMARY_MAX - 1)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 200 ? cut.lastIndexOf(' ') : cut.length)}…`
}

function gmt(time: string): Date {
  return new Date(`${time}Z`)
}

function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug)
  } catch {
    return slug
  }
}
