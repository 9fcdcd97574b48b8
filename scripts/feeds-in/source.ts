import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as v from 'valibot'
import { VisibleText } from '../../src/lib/visible-text.ts'
import type { LoadedSource, SourceArticle, Taxonomy } from '../api/content.ts'
import type { WordPressBodies } from '../wordpress/source.ts'
import { decodeText, parseFragment } from '../wordpress/text.ts'
import {
  feedDir,
  imageNumber,
  imagePath,
  readItem,
  readState,
  sha1,
  slugify,
  type StoredItem,
} from './mirror.ts'

/**
 * The copies of the feeds (scripts/feeds-in/mirror.ts) as the API build's source: each feed a section,
 * each item a story, in the same shape content/ and WordPress give (scripts/api/content.ts). A story's
 * body is the item's HTML, prepared here (addresses made absolute, held images named as the
 * HTML-to-blocks path names images, a last paragraph linking to the original) and written beside the
 * copy; the build turns it into blocks and sanitizes it with the WordPress path (format `html`).
 */

export interface FeedsSource extends LoadedSource {
  bodies: WordPressBodies
  /** What was left out or made up, one line each, naming the feed. */
  report: string[]
}

const PAGE_SIZE = 20
const SUMMARY_MAX = 300
const TAGS_MAX = 6
/** An edit within this long of publication is not shown as an update. */
const UPDATE_AFTER_MS = 60_000
/** Links to items' originals leave the site; no story link can have this origin. */
const NO_SITE = 'https://feeds.newsroom.invalid'

/**
 * Loads the copies of `urls`, in that order, into one source. A feed with no copy (never fetched) is
 * reported and left out; throws when no feed has a copy, as there is nothing to build.
 */
export async function loadFeeds(
  mirrorDir: string,
  urls: readonly string[],
  site: { name: string; description: string },
): Promise<FeedsSource> {
  const report: string[] = []
  const sections: Taxonomy['sections'] = []
  const authors = new Map<string, Taxonomy['authors'][number]>()
  const tags = new Map<string, Taxonomy['tags'][number]>()
  const articles: SourceArticle[] = []
  const media = new Map<number, [number, string, string, string]>()
  const images = new Map<string, string>()
  const slugs = new Set<string>()

  for (const url of urls) {
    const dir = feedDir(mirrorDir, url)
    const state = await readState(dir)
    if (!state) {
      report.push(`${url}: left out, no copy of it has been fetched yet`)
      continue
    }
    let sectionSlug = state.section.slug
    for (let n = 2; sections.some((s) => s.slug === sectionSlug); n++)
      sectionSlug = `${state.section.slug}-${n}`
    const sectionName = visible(state.title) ?? visible(state.section.name) ?? new URL(url).host
    sections.push({ slug: sectionSlug, name: sectionName, description: state.description })
    const say = (item: StoredItem, message: string) =>
      report.push(`${url}: item ${item.link ?? item.key}: ${message}`)

    /** Names a held image for the build (`wp-<n>`), noting its file and details once. */
    const held = (src: string, alt: string, caption: string, credit: string): string => {
      const n = imageNumber(src)
      if (!media.has(n)) media.set(n, [n, alt, caption, credit])
      images.set(`wp-${n}`, imagePath(dir, src))
      return `wp-${n}`
    }

    const names = (await readdir(path.join(dir, 'items')).catch(() => [])).filter((n) =>
      n.endsWith('.json'),
    )
    await mkdir(path.join(dir, 'bodies'), { recursive: true })
    for (const name of names.sort()) {
      const item = await readItem(path.join(dir, 'items', name))
      const bodyHtml = item.contentHtml || item.summaryHtml
      const text = decodeText(bodyHtml)
      let title = visible(item.title)
      if (!title) {
        if (!text) {
          say(item, 'left out, it has neither a title nor any text')
          continue
        }
        title = cut(text, 90)
        say(item, 'no title: the headline is its text’s first words')
      }
      if (slugs.has(item.slug)) {
        say(item, `left out, its address ${item.slug} is another story’s`)
        continue
      }
      slugs.add(item.slug)
      let published = item.published
      if (!published) {
        published = item.firstSeen
        say(item, `no date: dated when it was first fetched (${published})`)
      }
      const authorName = visible(item.author) ?? visible(state.author) ?? sectionName
      const authorSlug = slugify(authorName) || `author-${sha1(authorName).slice(0, 8)}`
      if (!authors.has(authorSlug))
        authors.set(authorSlug, { slug: authorSlug, name: authorName, role: '', bio: '' })
      const storyTags: string[] = []
      for (const category of item.categories) {
        const name = visible(category)
        const slug = name && slugify(name)
        if (!name || !slug || storyTags.includes(slug)) continue
        if (storyTags.length === TAGS_MAX) break
        if (!tags.has(slug)) tags.set(slug, { slug, name })
        storyTags.push(slug)
      }
      const heroUrl = item.image?.url
      const hero =
        heroUrl && existsSync(imagePath(dir, heroUrl))
          ? {
              image: held(heroUrl, item.image!.alt || title, '', item.image!.credit),
              alt: item.image!.alt || title,
              caption: '',
              credit: item.image!.credit,
            }
          : null
      const body = path.join(dir, 'bodies', `${item.slug}.html`)
      await writeIfChanged(
        body,
        prepareBody(bodyHtml, item, (src) => {
          if (!existsSync(imagePath(dir, src))) return null
          return held(src, '', '', '')
        }),
      )
      const updated =
        item.updated && Date.parse(item.updated) - Date.parse(published) >= UPDATE_AFTER_MS
          ? new Date(item.updated)
          : null
      articles.push({
        slug: item.slug,
        file: body,
        format: 'html',
        origin: `${url} (${item.link ?? item.key})`,
        title,
        summary: cut(decodeText(item.summaryHtml) || text, SUMMARY_MAX),
        section: sectionSlug,
        author: authorSlug,
        tags: storyTags,
        published: new Date(published),
        updated,
        kind: 'news',
        hero,
        lang: storyLanguage(item.language ?? state.language ?? null),
        bodyStart: 0,
      })
    }
  }
  if (sections.length === 0)
    throw new Error(
      `none of the ${urls.length} feeds has a copy to build from:\n  ${report.join('\n  ')}`,
    )
  return {
    site: { ...site, pageSize: PAGE_SIZE },
    taxonomy: { sections, authors: [...authors.values()], tags: [...tags.values()] },
    articles,
    imageFile: (id) => {
      const file = images.get(id)
      if (!file) throw new Error(`image "${id}" is not in the feeds' copy (${mirrorDir})`)
      return file
    },
    bodies: { siteUrl: NO_SITE, slugs: [], media: [...media.values()] },
    redirects: [],
    report,
  }
}

/**
 * The item's body as the HTML-to-blocks path takes it: links and images made absolute against the
 * item's address, each held image marked with the number it is held under (`wp-image-<n>`), and a last
 * paragraph linking to the original. Nothing is sanitized here: the conversion does that.
 */
export function prepareBody(
  html: string,
  item: Pick<StoredItem, 'link'>,
  heldImage: (src: string) => string | null,
): string {
  const fragment = parseFragment(html)
  const base = item.link ?? NO_SITE
  for (const a of Array.from(fragment.querySelectorAll('a[href]'))) {
    const href = absoluteOrNull(a.getAttribute('href')!, base)
    // An unsafe link (javascript:, data:) keeps its text, and is no link: unwrapped, as an anchor
    // without an address would be taken for a link to the site's root.
    if (href) a.setAttribute('href', href)
    else a.replaceWith(...Array.from(a.childNodes))
  }
  for (const img of Array.from(fragment.querySelectorAll('img'))) {
    const src = absoluteOrNull(img.getAttribute('src') ?? '', base)
    const id = src ? heldImage(src) : null
    if (src) img.setAttribute('src', src)
    if (id) img.setAttribute('class', `wp-image-${id.slice('wp-'.length)}`)
    else img.removeAttribute('class')
  }
  const container = fragment.ownerDocument.createElement('div')
  container.append(fragment)
  let prepared = container.innerHTML
  if (item.link) {
    const host = new URL(item.link).hostname.replace(/^www\./, '')
    const link = fragment.ownerDocument.createElement('a')
    link.setAttribute('href', item.link)
    link.textContent = `Read the original on ${host}`
    prepared += `<p>${link.outerHTML}</p>`
  }
  return prepared
}

function absoluteOrNull(url: string, base: string): string | null {
  try {
    const resolved = new URL(url.trim(), base)
    return ['http:', 'https:', 'mailto:'].includes(resolved.protocol) ? resolved.href : null
  } catch {
    return null
  }
}

/**
 * A story's `lang`: the feed's language as a canonical tag (de-de is de-DE), or null for English (the
 * site's language), no language, or one that is not a language tag ("English", "x").
 */
export function storyLanguage(tag: string | null): string | null {
  if (!tag || !/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(tag.trim())) return null
  try {
    const canonical = Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0]!
    return canonical.split('-')[0] === 'en' ? null : canonical
  } catch {
    return null
  }
}

/** The text, if a reader could see it (not only spaces, controls or marks), else null. */
function visible(text: string | null | undefined): string | null {
  if (!text) return null
  const result = v.safeParse(VisibleText, text.replace(/\s+/g, ' ').trim())
  return result.success ? result.output : null
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text
  const slice = text.slice(0, max - 1)
  const space = slice.lastIndexOf(' ')
  return `${space > max * 0.6 ? slice.slice(0, space) : slice}…`
}

async function writeIfChanged(file: string, text: string): Promise<void> {
  const old = await readFile(file, 'utf8').catch(() => null)
  if (old !== text) await writeFile(file, text)
}
