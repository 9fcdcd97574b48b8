import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import * as v from 'valibot'
import {
  ArticleSchema,
  ListingPageSchema,
  type Article,
  type Figure,
  type Summary,
} from '../../src/features/articles/api/schemas.ts'
import { SiteSchema, type Site } from '../../src/features/site/api/schemas.ts'
import { loadArticles, loadTaxonomy, type SourceArticle, type Taxonomy } from './content.ts'
import { blocksToText, markdownToBlocks } from './markdown.ts'
import { renderImage, type RenderedImage } from './images.ts'

export interface BuildApiOptions {
  /** The content folder: sections.yml, authors.yml, tags.yml, site.yml, articles/, images/. */
  contentDir: string
  /** Where the API goes; it is emptied first, apart from rendered images. */
  outDir: string
  /** Check every file written against the API's schemas (on by default). */
  validate?: boolean
  /** Overrides content/site.yml's page size. */
  pageSize?: number
}

export interface BuildApiResult {
  articles: number
  files: number
  bytes: number
}

const WORDS_PER_MINUTE = 230

/** Builds the static article-JSON API described in docs/api.md from the content folder. */
export async function buildApi(options: BuildApiOptions): Promise<BuildApiResult> {
  const { contentDir, outDir, validate = true } = options
  const siteConfig = parseYaml(await readFile(path.join(contentDir, 'site.yml'), 'utf8')) as {
    name: string
    description: string
    pageSize: number
  }
  const pageSize = options.pageSize ?? siteConfig.pageSize
  const taxonomy = await loadTaxonomy(contentDir)
  const sources = await loadArticles(contentDir, taxonomy)

  for (const dir of ['articles', 'lists', 'ids'])
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
  const articles = await Promise.all(
    sources.map((source, id) =>
      toArticle(source, id, taxonomy, slugs, image).catch((error: Error) => {
        const where = path.basename(source.file)
        throw new Error(
          error.message.startsWith(where) ? error.message : `${where}: ${error.message}`,
        )
      }),
    ),
  )
  const newestFirst = [...articles].reverse()

  const writer = new Writer(outDir)
  const summaries = newestFirst.map(toSummary)

  const listing = (dir: string, items: Summary[]) => {
    const pageCount = Math.max(1, Math.ceil(items.length / pageSize))
    for (let page = 1; page <= pageCount; page++) {
      const body = {
        page,
        pageCount,
        pageSize,
        total: items.length,
        items: items.slice((page - 1) * pageSize, page * pageSize),
      }
      if (validate) v.parse(ListingPageSchema, body)
      writer.json(`${dir}/${page}.json`, body)
    }
  }
  const ids = (file: string, items: Summary[]) =>
    writer.json(file, { total: items.length, pageSize, ids: items.map((s) => s.id) })

  listing('lists/latest', summaries)
  const groups = [
    ['sections', taxonomy.sections, (s: Summary) => [s.section.slug]],
    ['tags', taxonomy.tags, (s: Summary) => s.tags.map((t) => t.slug)],
    ['authors', taxonomy.authors, (s: Summary) => [s.author.slug]],
  ] as const
  const counts = new Map<string, number>()
  for (const [kind, entries, keysOf] of groups) {
    const byKey = new Map<string, Summary[]>(entries.map((e) => [e.slug, []]))
    for (const summary of summaries)
      for (const key of keysOf(summary)) byKey.get(key)!.push(summary)
    for (const [slug, items] of byKey) {
      listing(`lists/${kind}/${slug}`, items)
      ids(`ids/${kind}/${slug}.json`, items)
      counts.set(`${kind}/${slug}`, items.length)
    }
  }

  for (const article of articles) {
    if (validate) v.parse(ArticleSchema, article)
    writer.json(`articles/${article.slug}.json`, article)
  }

  const site: Site = {
    name: siteConfig.name,
    description: siteConfig.description,
    pageSize,
    totalArticles: articles.length,
    generatedAt: new Date(
      Math.max(...articles.map((a) => Date.parse(a.updated ?? a.published)), 0),
    ).toISOString(),
    sections: taxonomy.sections.map((s) => ({
      ...s,
      count: counts.get(`sections/${s.slug}`) ?? 0,
    })),
    tags: taxonomy.tags.map((t) => ({ ...t, count: counts.get(`tags/${t.slug}`) ?? 0 })),
    authors: taxonomy.authors.map((a) => ({ ...a, count: counts.get(`authors/${a.slug}`) ?? 0 })),
  }
  if (validate) v.parse(SiteSchema, site)
  writer.json('site.json', site)

  await writer.flush()
  return { articles: articles.length, files: writer.files, bytes: writer.bytes }
}

async function toArticle(
  source: SourceArticle,
  id: number,
  taxonomy: Taxonomy,
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
    body = markdownToBlocks(source.markdown, figure)
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
  const named = <T extends { slug: string; name: string }>(list: T[], slug: string) => {
    const found = list.find((entry) => entry.slug === slug)!
    return { slug: found.slug, name: found.name }
  }
  const words = blocksToText(body).split(/\s+/).filter(Boolean).length
  return {
    id,
    slug: source.slug,
    headline: source.title,
    summary: source.summary,
    kind: source.kind,
    section: named(taxonomy.sections, source.section),
    tags: source.tags.map((tag) => named(taxonomy.tags, tag)),
    author: named(taxonomy.authors, source.author),
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

/** Writes JSON files, making each folder once, and counts files and bytes. */
class Writer {
  files = 0
  bytes = 0
  private pending: Promise<void>[] = []
  private dirs = new Map<string, Promise<unknown>>()
  constructor(private readonly root: string) {}

  json(file: string, body: unknown) {
    const text = JSON.stringify(body)
    this.files++
    this.bytes += Buffer.byteLength(text)
    this.pending.push(this.write(path.join(this.root, file), text))
  }

  private async write(target: string, text: string) {
    const dir = path.dirname(target)
    if (!this.dirs.has(dir)) this.dirs.set(dir, mkdir(dir, { recursive: true }))
    await this.dirs.get(dir)
    await writeFile(target, text)
  }

  async flush() {
    await Promise.all(this.pending)
    this.pending = []
  }
}
