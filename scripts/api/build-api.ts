import { writeFile as writeFileCallback } from 'node:fs'
import { mkdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import * as v from 'valibot'
import {
  ArticleSchema,
  IdIndexSchema,
  ListingPageSchema,
  RelatedStoriesSchema,
  type Article,
  gapsFromIds,
  type Figure,
  type IdIndexJson,
  type RelatedStory,
  type Summary,
} from '../../src/features/articles/api/schemas.ts'
import { SiteSchema, type Site } from '../../src/features/site/api/schemas.ts'
import {
  loadArticles,
  loadTaxonomy,
  mapBounded,
  readBody,
  textDirection,
  type SourceArticle,
} from './content.ts'
import { blocksToText, markdownToBlocks } from './markdown.ts'
import { renderImage, type RenderedImage } from './images.ts'
import { findRelated } from './related.ts'
import { SearchIndexBuilder } from './search-index.ts'

export interface BuildApiOptions {
  /** The content folder: sections.yml, authors.yml, tags.yml, site.yml, articles/, images/. */
  contentDir: string
  /** Where the API goes; it is emptied first, apart from rendered images. */
  outDir: string
  /**
   * Check files written against the API's schemas: `true` checks every file, `'sample'` checks site.json,
   * the first page of every listing and one article in a hundred (with its summary), `false` none. By
   * default every file up to 5,000 stories, and a sample above, where checking everything would cost more
   * than the rest of the build.
   */
  validate?: boolean | 'sample'
  /** Overrides content/site.yml's page size. */
  pageSize?: number
}

export interface BuildApiResult {
  articles: number
  files: number
  bytes: number
}

const WORDS_PER_MINUTE = 230
/** Above this many stories, files are checked against the schemas by sample unless told otherwise. */
const VALIDATE_ALL_UP_TO = 5000
const SAMPLE_EVERY = 100
/** Stories being read and converted at once, and files being written at once. */
const READ_CONCURRENCY = 8
const WRITE_CONCURRENCY = 32

/**
 * Builds the static article-JSON API described in docs/api.md from the content folder.
 *
 * It streams, so its memory does not grow with the bodies of the archive: front matter is read first (to
 * number the stories in publication order), then each story is read, converted and written in turn, keeping
 * only its summary, as JSON text, for the listings; listings, id indexes and site.json come last. Writes go
 * through a bounded queue.
 *
 * Each story's related stories (scripts/api/related.ts) are found from front matter alone, before any body is
 * read; but they carry the others' reading times, known only once their bodies are: each article file is
 * written without its closing brace, and completed with `,"related":[…]}` once every story has been read.
 */
export async function buildApi(options: BuildApiOptions): Promise<BuildApiResult> {
  const { contentDir, outDir } = options
  const siteConfig = parseYaml(await readFile(path.join(contentDir, 'site.yml'), 'utf8')) as {
    name: string
    description: string
    pageSize: number
  }
  const pageSize = options.pageSize ?? siteConfig.pageSize
  const taxonomy = await loadTaxonomy(contentDir)
  const sources = await loadArticles(contentDir, taxonomy)
  const validate = options.validate ?? (sources.length <= VALIDATE_ALL_UP_TO ? true : 'sample')
  const check = (schema: v.GenericSchema, body: unknown, sampled: boolean) => {
    if (validate === true || (validate === 'sample' && sampled)) v.parse(schema, body)
  }

  for (const dir of ['articles', 'lists', 'ids', 'search'])
    await rm(path.join(outDir, dir), { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })

  const images = new Map<string, Promise<RenderedImage>>()
  const image = (id: string) => {
    if (!images.has(id)) images.set(id, renderImage(contentDir, outDir, id))
    return images.get(id)!
  }

  // Ids follow publication order, oldest first, so adding new stories leaves old ids alone.
  sources.sort(
    (a, b) => a.published.getTime() - b.published.getTime() || a.slug.localeCompare(b.slug),
  )
  const slugs = new Set(sources.map((s) => s.slug))
  const refs = {
    sections: new Map(taxonomy.sections.map((s, i) => [s.slug, i])),
    tags: new Map(taxonomy.tags.map((t, i) => [t.slug, i])),
    authors: new Map(taxonomy.authors.map((a, i) => [a.slug, i])),
  }
  // Shared name objects, one per section, tag and author, so summaries held for the listings are small.
  const named = {
    sections: taxonomy.sections.map(({ slug, name }) => ({ slug, name })),
    tags: taxonomy.tags.map(({ slug, name }) => ({ slug, name })),
    authors: taxonomy.authors.map(({ slug, name }) => ({ slug, name })),
  }

  const related = findRelated(sources)
  /** Each story's reading time, by id, for the related lists of the others. */
  const readingMinutes = new Uint16Array(sources.length)

  const writer = new Writer(outDir, WRITE_CONCURRENCY)
  /** Each story's summary as JSON text, by id: all the listings need. */
  const summaries = new Array<string>(sources.length)
  const searchIndex = new SearchIndexBuilder()
  let newest = 0
  await mapBounded(sources, READ_CONCURRENCY, async (source, id) => {
    const where = path.basename(source.file)
    let article: Article
    try {
      article = await toArticle(source, readBody(source), id, named, slugs, image)
    } catch (error) {
      const message = (error as Error).message
      throw new Error(message.startsWith(where) ? message : `${where}: ${message}`)
    }
    const sampled = id % SAMPLE_EVERY === 0
    check(ArticleSchema, article, sampled)
    summaries[id] = JSON.stringify(toSummary(article))
    readingMinutes[id] = Math.min(article.readingMinutes, 0xffff)
    searchIndex.add(article)
    newest = Math.max(newest, Date.parse(article.updated ?? article.published))
    // Completed below with its related stories: the object's text without its final "}".
    await writer.json(`articles/${article.slug}.json`, JSON.stringify(article).slice(0, -1), true)
  })
  await writer.flush()
  for (const [id, source] of sources.entries()) {
    const list = related[id]!.map((other): RelatedStory => {
      const story = sources[other]!
      return {
        slug: story.slug,
        headline: story.title,
        section: named.sections[refs.sections.get(story.section)!]!,
        published: story.published.toISOString(),
        readingMinutes: readingMinutes[other]!,
        ...(story.lang ? { lang: story.lang, dir: textDirection(story.lang) } : {}),
      }
    })
    check(RelatedStoriesSchema, list, id % SAMPLE_EVERY === 0)
    await writer.append(`articles/${source.slug}.json`, `,"related":${JSON.stringify(list)}}`)
  }

  const listing = async (dir: string, ids: ArrayLike<number>) => {
    const pageCount = Math.max(1, Math.ceil(ids.length / pageSize))
    for (let page = 1; page <= pageCount; page++) {
      const items: string[] = []
      for (let p = (page - 1) * pageSize; p < Math.min(page * pageSize, ids.length); p++)
        items.push(summaries[ids[p]!]!)
      const text =
        `{"page":${page},"pageCount":${pageCount},"pageSize":${pageSize},` +
        `"total":${ids.length},"items":[${items.join(',')}]}`
      if (validate === true || (validate === 'sample' && page === 1))
        v.parse(ListingPageSchema, JSON.parse(text))
      await writer.json(`${dir}/${page}.json`, text)
    }
  }

  // Every listing is newest first: ids descending.
  const latest = Array.from({ length: sources.length }, (_, i) => sources.length - 1 - i)
  await listing('lists/latest', latest)
  const groups = [
    ['sections', (s: SourceArticle) => [s.section]],
    ['tags', (s: SourceArticle) => s.tags],
    ['authors', (s: SourceArticle) => [s.author]],
  ] as const
  const counts = new Map<string, number>()
  for (const [kind, keysOf] of groups) {
    const byKey: number[][] = named[kind].map(() => [])
    for (const id of latest)
      for (const key of keysOf(sources[id]!)) byKey[refs[kind].get(key)!]!.push(id)
    for (const [i, { slug }] of named[kind].entries()) {
      const ids = byKey[i]!
      await listing(`lists/${kind}/${slug}`, ids)
      const index = encodeIdIndex(ids, pageSize)
      check(IdIndexSchema, index, true)
      await writer.json(`ids/${kind}/${slug}.json`, JSON.stringify(index))
      counts.set(`${kind}/${slug}`, ids.length)
    }
  }

  const site: Site = {
    name: siteConfig.name,
    description: siteConfig.description,
    pageSize,
    totalArticles: sources.length,
    generatedAt: new Date(newest).toISOString(),
    sections: taxonomy.sections.map((s) => ({
      ...s,
      count: counts.get(`sections/${s.slug}`) ?? 0,
    })),
    tags: taxonomy.tags.map((t) => ({ ...t, count: counts.get(`tags/${t.slug}`) ?? 0 })),
    authors: taxonomy.authors.map((a) => ({ ...a, count: counts.get(`authors/${a.slug}`) ?? 0 })),
  }
  check(SiteSchema, site, true)
  await writer.json('site.json', JSON.stringify(site))
  for (const { file, text } of searchIndex.files()) await writer.json(file, text)

  await writer.flush()
  await Promise.all(images.values())
  return { articles: sources.length, files: writer.files, bytes: writer.bytes }
}

type Named = Record<'sections' | 'tags' | 'authors', { slug: string; name: string }[]>

async function toArticle(
  source: SourceArticle,
  markdown: string,
  id: number,
  named: Named,
  slugs: Set<string>,
  image: (id: string) => Promise<RenderedImage>,
): Promise<Article> {
  const where = path.basename(source.file)
  const figures: Promise<void>[] = []
  const figure = (imageId: string, alt: string, title: string): Figure => {
    const [caption = '', credit = ''] = title.split('|').map((part) => part.trim())
    if (!alt.trim() || !caption || !credit) {
      // Thrown inside markdownToBlocks, whose catch below names the file.
      throw new Error(`body image "${imageId}" needs alt text and a title "Caption | Credit"`)
    }
    // Filled in once the image is rendered; the block keeps this object.
    const result: Figure = { src: '', width: 0, height: 0, srcset: [], alt, caption, credit }
    figures.push(
      image(imageId).then((rendered) => void Object.assign(result, toImage(rendered, alt))),
    )
    return result
  }
  let body
  try {
    body = markdownToBlocks(markdown, figure)
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

  const hero = source.hero
    ? {
        ...toImage(await image(source.hero.image), source.hero.alt),
        caption: source.hero.caption,
        credit: source.hero.credit,
      }
    : null
  const ref = (list: { slug: string; name: string }[], slug: string) =>
    list.find((entry) => entry.slug === slug)!
  const words = blocksToText(body).split(/\s+/).filter(Boolean).length
  return {
    id,
    slug: source.slug,
    headline: source.title,
    summary: source.summary,
    kind: source.kind,
    section: ref(named.sections, source.section),
    tags: source.tags.map((tag) => ref(named.tags, tag)),
    author: ref(named.authors, source.author),
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
    hero,
    body,
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

function toSummary({ hero: _hero, body: _body, ...summary }: Article): Summary {
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
    if (block.type === 'paragraph' || block.type === 'heading') yield* walk(block.content)
    if (block.type === 'quote') for (const p of block.paragraphs) yield* walk(p)
    if (block.type === 'list') for (const item of block.items) yield* walk(item)
  }
}

/** Writes files through a queue of at most `limit` at a time, making each folder once; counts files and bytes. */
class Writer {
  files = 0
  bytes = 0
  private readonly pending = new Set<Promise<void>>()
  private readonly dirs = new Map<string, Promise<unknown>>()
  constructor(
    private readonly root: string,
    private readonly limit: number,
  ) {}

  /**
   * Resolves once the write is queued; a failed write fails the next json() or flush(). `partial`: the file
   * is completed later by append(), and counted then.
   */
  async json(file: string, text: string, partial = false) {
    if (!partial) this.files++
    await this.enqueue(file, text, 'w')
  }

  /** Appends to a file written by json(…, true): only after a flush() that followed that write. */
  async append(file: string, text: string) {
    this.files++
    await this.enqueue(file, text, 'a')
  }

  private async enqueue(file: string, text: string, flag: 'w' | 'a') {
    this.bytes += Buffer.byteLength(text)
    while (this.pending.size >= this.limit) await Promise.race(this.pending)
    const write = this.write(path.join(this.root, file), text, flag).finally(() =>
      this.pending.delete(write),
    )
    write.catch(() => undefined) // reported by the next json() or flush(), not as unhandled
    this.pending.add(write)
  }

  private async write(target: string, text: string, flag: 'w' | 'a') {
    const dir = path.dirname(target)
    if (!this.dirs.has(dir)) this.dirs.set(dir, mkdir(dir, { recursive: true }))
    await this.dirs.get(dir)
    // The callback API: lighter than fs/promises' file handles for many small files.
    await new Promise<void>((resolve, reject) =>
      writeFileCallback(target, text, { flag }, (error) => (error ? reject(error) : resolve())),
    )
  }

  async flush() {
    await Promise.all(this.pending)
  }
}

/** An id index as written (docs/api.md): ids newest first, delta-encoded. */
function encodeIdIndex(ids: readonly number[], pageSize: number): IdIndexJson {
  return { total: ids.length, pageSize, gaps: gapsFromIds(ids) }
}
