import { readFile } from 'node:fs/promises'
import path from 'node:path'
import * as v from 'valibot'
import {
  ArticleSchema,
  RelatedStoriesSchema,
  type Article,
  type Figure,
  type RelatedStory,
  type Summary,
} from '../../src/features/articles/api/schemas.ts'
import { readBody, textDirection, type SourceArticle, type Taxonomy } from './content.ts'
import type { RenderedImage } from './images.ts'
import type { RenderedCard, StoryCard } from './share-card.ts'
import { blocksToText, markdownToBlocks } from './markdown.ts'
import type { HtmlContext } from '../wordpress/html-to-blocks.ts'
import { readPost } from '../wordpress/mirror.ts'
import type { WordPressBodies } from '../wordpress/source.ts'
import type { SearchIndexBuilder } from './search-index.ts'
import type { Writer } from './writer.ts'

/**
 * The work done for each story, the same in the main thread and in the worker (scripts/api/build-api.ts):
 * read its body, convert it, write its file and index it for search; and once every story has been read,
 * complete its file with its related stories.
 */

const WORDS_PER_MINUTE = 230
/** Stories being read and converted at once by one thread: while one waits for the disk, another converts. */
export const READ_CONCURRENCY = 8
/** One story in this many is checked against the schemas when checking by sample. */
const SAMPLE_EVERY = 100

/** Check files written against the API's schemas: everything, a sample, or nothing (BuildApiOptions). */
export type Validate = boolean | 'sample'

export type Named = Record<'sections' | 'tags' | 'authors', { slug: string; name: string }[]>

/** What a thread needs to convert and write stories. */
export interface StoryContext {
  /** Shared name objects, one per section, tag and author. */
  named: Named
  /** Every story's slug, for checking links between stories. */
  slugs: ReadonlySet<string>
  image: (id: string) => Promise<RenderedImage>
  /** Draws the share card of a story without a photo (scripts/api/share-card.ts); none without it. */
  card?: ((story: StoryCard) => Promise<RenderedCard>) | undefined
  validate: Validate
  writer: Writer
  searchIndex: SearchIndexBuilder
  /** For stories from WordPress: what their bodies' links and images refer to. */
  wordpress?: WordPressBodies | null
  /** Told what the build changed in a body on the way (a shortcode removed, an image left out). */
  report?: (message: string) => void
}

export function storyContext(taxonomy: Taxonomy, rest: Omit<StoryContext, 'named'>): StoryContext {
  return { named: namedOf(taxonomy), ...rest }
}

function namedOf(taxonomy: Taxonomy): Named {
  return {
    sections: taxonomy.sections.map(({ slug, name }) => ({ slug, name })),
    tags: taxonomy.tags.map(({ slug, name }) => ({ slug, name })),
    authors: taxonomy.authors.map(({ slug, name }) => ({ slug, name })),
  }
}

/** Checks `body` against `schema` when the build checks everything, or by sample and this one is sampled. */
export function check(validate: Validate, schema: v.GenericSchema, body: unknown, sampled = false) {
  if (validate === true || (validate === 'sample' && sampled)) v.parse(schema, body)
}

export interface WrittenStory {
  /** The story's summary as JSON text: what the listings hold. */
  summary: string
  readingMinutes: number
}

/**
 * Reads, converts and writes one story, and indexes it for search. The article file is written without
 * its closing brace: appendRelated completes it. A problem is thrown with the file's name.
 */
export async function writeStory(
  ctx: StoryContext,
  source: SourceArticle,
  id: number,
): Promise<WrittenStory> {
  const where = source.origin
  let article: Article
  try {
    article = await toArticle(ctx, source, id)
  } catch (error) {
    const message = (error as Error).message
    throw new Error(message.startsWith(where) ? message : `${where}: ${message}`)
  }
  check(ctx.validate, ArticleSchema, article, id % SAMPLE_EVERY === 0)
  ctx.searchIndex.add(article)
  // Completed by appendRelated: the object's text without its final "}".
  await ctx.writer.json(`articles/${article.slug}.json`, JSON.stringify(article).slice(0, -1), true)
  return {
    summary: JSON.stringify(toSummary(article)),
    readingMinutes: Math.min(article.readingMinutes, 0xffff),
  }
}

/**
 * Completes every story's file with its related stories (`related`, from findRelated), which carry the
 * others' reading times: only once every story has been written.
 */
export async function appendRelated(
  { named, validate, writer }: StoryContext,
  sources: readonly SourceArticle[],
  related: readonly (readonly number[])[],
  readingMinutes: Uint16Array,
): Promise<void> {
  const sectionIndex = new Map(named.sections.map((s, i) => [s.slug, i]))
  for (const [id, source] of sources.entries()) {
    const list = related[id]!.map((other): RelatedStory => {
      const story = sources[other]!
      return {
        slug: story.slug,
        headline: story.title,
        section: named.sections[sectionIndex.get(story.section)!]!,
        published: story.published.toISOString(),
        readingMinutes: readingMinutes[other]!,
        ...(story.lang ? { lang: story.lang, dir: textDirection(story.lang) } : {}),
      }
    })
    check(validate, RelatedStoriesSchema, list, id % SAMPLE_EVERY === 0)
    await writer.append(`articles/${source.slug}.json`, `,"related":${JSON.stringify(list)}}`)
  }
}

async function toArticle(ctx: StoryContext, source: SourceArticle, id: number): Promise<Article> {
  const { named, slugs, image } = ctx
  const where = source.origin
  const figures: Promise<void>[] = []
  /** A figure whose image is filled in once it is rendered; the block keeps this object. */
  const placeholder = (imageId: string, alt: string, caption: string, credit: string): Figure => {
    const result: Figure = { src: '', width: 0, height: 0, srcset: [], alt, caption, credit }
    figures.push(
      image(imageId).then((rendered) => void Object.assign(result, toImage(rendered, alt))),
    )
    return result
  }
  let body
  try {
    body =
      source.format !== 'markdown'
        ? // Loaded when a WordPress story comes: it brings jsdom, which a Markdown build never needs.
          (await import('../wordpress/html-to-blocks.ts')).htmlToBlocks(
            source.format === 'html'
              ? await readFile(source.file, 'utf8')
              : (await readPost(path.dirname(path.dirname(source.file)), idOfPostFile(source.file)))
                  .content.rendered,
            htmlContext(ctx, placeholder, where),
          )
        : markdownToBlocks(readBody(source), (imageId, alt, title) => {
            const [caption = '', credit = ''] = title.split('|').map((part) => part.trim())
            if (!alt.trim() || !caption || !credit) {
              // Thrown inside markdownToBlocks, whose catch below names the file.
              throw new Error(
                `body image "${imageId}" needs alt text and a title "Caption | Credit"`,
              )
            }
            return placeholder(imageId, alt, caption, credit)
          })
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`)
  }
  for (const href of linksOf(body)) {
    const internal = /^\/articles\/([^/?#]+)$/.exec(href)
    if (internal && !slugs.has(internal[1]!))
      throw new Error(`${where}: link to a missing article ${href}`)
    if (!internal && !/^(https:|http:|mailto:|\/)/.test(href))
      throw new Error(`${where}: unsafe link ${href}`)
  }
  await Promise.all(figures)

  const rendered = source.hero ? await image(source.hero.image) : null
  const hero =
    source.hero && rendered
      ? {
          ...toImage(rendered, source.hero.alt),
          caption: source.hero.caption,
          credit: source.hero.credit,
        }
      : null
  const ref = (kind: keyof Named, slug: string) => named[kind].find((entry) => entry.slug === slug)!
  const words = blocksToText(body).split(/\s+/).filter(Boolean).length
  return {
    id,
    slug: source.slug,
    headline: source.title,
    summary: source.summary,
    kind: source.kind,
    section: ref('sections', source.section),
    tags: source.tags.map((tag) => ref('tags', tag)),
    author: ref('authors', source.author),
    published: source.published.toISOString(),
    updated: source.updated?.toISOString() ?? null,
    readingMinutes: Math.max(1, Math.ceil(words / WORDS_PER_MINUTE)),
    image: hero
      ? {
          src: hero.src,
          width: hero.width,
          height: hero.height,
          alt: hero.alt,
          srcset: hero.srcset,
        }
      : null,
    // Only a story in another language than the site's carries these; its direction is worked out here,
    // once, so that story cards (in every first route) need no code to find it.
    ...(source.lang ? { lang: source.lang, dir: textDirection(source.lang) } : {}),
    // Only a story the newsroom marks as its lead carries the flag (docs/api.md, `featured`).
    ...(source.featured ? { featured: true as const } : {}),
    hero,
    ...(await previewsOf(ctx, source, rendered)),
    body,
  }
}

/**
 * A story's link-preview pictures (docs/api.md, `previews`): its photo's crops, or its share card, drawn
 * with the section's name and the story's direction as the page shows them.
 */
async function previewsOf(
  ctx: StoryContext,
  source: SourceArticle,
  photo: RenderedImage | null,
): Promise<Pick<Article, 'previews'>> {
  if (photo) return photo.crops.length > 0 ? { previews: photo.crops } : {}
  if (!ctx.card) return {}
  const section = ctx.named.sections.find((entry) => entry.slug === source.section)!
  const { src, width, height } = await ctx.card({
    headline: source.title,
    section: section.name,
    ...(source.lang ? { dir: textDirection(source.lang) } : {}),
  })
  return { previews: [{ src, width, height }] }
}

function idOfPostFile(file: string): number {
  return Number(path.basename(file, '.json'))
}

/** Lookups for WordPress bodies, made once per thread. */
const lookups = new WeakMap<
  WordPressBodies,
  {
    bySlug: Map<string, string>
    byId: Map<number, string>
    media: Map<number, { alt: string; caption: string; credit: string }>
  }
>()

function htmlContext(
  ctx: StoryContext,
  placeholder: (imageId: string, alt: string, caption: string, credit: string) => Figure,
  where: string,
): HtmlContext {
  const bodies = ctx.wordpress
  if (!bodies) throw new Error('a WordPress story, but the build has no WordPress source')
  let found = lookups.get(bodies)
  if (!found) {
    found = {
      bySlug: new Map(bodies.slugs.map(([wpSlug, , slug]) => [wpSlug, slug])),
      byId: new Map(bodies.slugs.map(([, id, slug]) => [id, slug])),
      media: new Map(
        bodies.media.map(([id, alt, caption, credit]) => [id, { alt, caption, credit }]),
      ),
    }
    lookups.set(bodies, found)
  }
  const { bySlug, byId, media } = found
  return {
    siteUrl: bodies.siteUrl,
    postSlug: ({ slug, id }) => (id !== undefined ? byId.get(id) : slug && bySlug.get(slug)),
    figure: (mediaId, alt, caption) => {
      const held = media.get(mediaId)
      if (!held) return undefined
      return placeholder(
        `wp-${mediaId}`,
        alt || held.alt || caption || held.caption,
        caption ?? held.caption,
        held.credit,
      )
    },
    report: (message) => ctx.report?.(`${where}: ${message}`),
  }
}

function toImage(rendered: RenderedImage, alt: string) {
  return {
    src: rendered.srcset.at(-1)!.src,
    width: rendered.width,
    height: rendered.height,
    alt,
    srcset: rendered.srcset,
  }
}

function toSummary({
  hero: _hero,
  previews: _previews,
  body: _body,
  ...summary
}: Article): Summary {
  return summary
}

function* linksOf(blocks: Article['body']): Generator<string> {
  type Inline = Extract<Article['body'][number], { type: 'paragraph' }>['content'][number]
  function* walk(content: Inline[]): Generator<string> {
    for (const inline of content) {
      if (inline.type === 'link') yield inline.href
      if ('content' in inline) yield* walk(inline.content)
    }
  }
  for (const block of blocks) {
    if (block.type === 'embed') yield block.url
    if (block.type === 'paragraph' || block.type === 'heading') yield* walk(block.content)
    if (block.type === 'quote') for (const p of block.paragraphs) yield* walk(p)
    if (block.type === 'list') for (const item of block.items) yield* walk(item)
  }
}
