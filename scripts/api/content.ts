import { readFileSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import matter from 'gray-matter'
import { parse as parseYaml } from 'yaml'
import * as v from 'valibot'
import type { ArticleKind } from '../../src/features/articles/api/schemas.ts'
import type { WordPressBodies } from '../wordpress/source.ts'
import { findContentImage } from './images.ts'
import { isSlug, SLUG_PATTERN } from '../../src/config/paths.ts'

/** What the content folder holds, checked and typed, before it becomes the API. */
export interface SourceArticle {
  slug: string
  /** The file the story is read from: its Markdown, or its post in a WordPress copy. */
  file: string
  /**
   * How its body is written: Markdown from content/, a WordPress post's HTML (scripts/wordpress), or HTML
   * in a file of its own (a feed item's, scripts/feeds-in), converted as WordPress's is.
   */
  format: 'markdown' | 'wordpress' | 'html'
  /** Where it came from, for messages: the file's name, or the post's address. */
  origin: string
  title: string
  summary: string
  section: string
  author: string
  tags: string[]
  published: Date
  updated: Date | null
  kind: ArticleKind
  hero: { image: string; alt: string; caption: string; credit: string } | null
  /** The story's language (canonical BCP 47), when it is not the site's; null for the site's language. */
  lang: string | null
  /**
   * Marked by the newsroom as the lead for the front page (`featured: true` in front matter, a sticky post
   * in WordPress). Absent from sources that have no such mark (feeds): not marked.
   */
  featured?: boolean
  /** Where a Markdown body starts in the file: the build reads it again when it needs it (readBody). */
  bodyStart: number
}

export interface Taxonomy {
  sections: { slug: string; name: string; description: string }[]
  authors: { slug: string; name: string; role: string; bio: string }[]
  tags: { slug: string; name: string }[]
}

const Slug = v.pipe(v.string(), v.regex(SLUG_PATTERN, 'must be a lowercase slug'))
const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'))
const DateField = v.pipe(
  v.union([v.date(), v.string()]),
  v.transform((value) => new Date(value)),
  v.check((date) => !Number.isNaN(date.getTime()), 'must be a date-time like 2024-05-01T09:30:00Z'),
)

/**
 * A language tag, canonicalized ("AR-eg" becomes "ar-EG"). The story's `lang` attribute is this tag, and its
 * direction is found from it at build time (textDirection), so the app ships no code to work it out.
 */
const LanguageTag = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    try {
      return Intl.getCanonicalLocales(dataset.value)[0]!
    } catch {
      addIssue({ message: 'must be a BCP 47 language tag like ar or he-IL' })
      return NEVER
    }
  }),
)

/** Scripts written right to left (ISO 15924), for runtimes without Intl.Locale's text info. */
const RTL_SCRIPTS = new Set([
  'Adlm',
  'Arab',
  'Hebr',
  'Mand',
  'Nkoo',
  'Rohg',
  'Samr',
  'Syrc',
  'Thaa',
])

/**
 * Whether text in this (valid) language tag runs left to right or right to left. The script decides: the
 * tag's own ("ku-Arab", "ar-Latn"), else the language's likely one ("ur" is Arab, "dv" Thaa). Intl.Locale's
 * text info is asked only when the runtime knows no script for the language: V8's ignores the script subtag
 * and has some languages wrong (Node 20 says "dv" and "ku-Arab" are ltr).
 */
export function textDirection(tag: string): 'ltr' | 'rtl' {
  const locale = new Intl.Locale(tag) as Intl.Locale & {
    getTextInfo?: () => { direction?: string }
    textInfo?: { direction?: string }
  }
  const script = locale.maximize().script
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr'
  // getTextInfo() is the standard (current browsers, Node 22+), textInfo the older getter (Node 20).
  return (locale.getTextInfo?.() ?? locale.textInfo)?.direction === 'rtl' ? 'rtl' : 'ltr'
}

const TaxonomySchema = v.object({
  sections: v.array(v.object({ slug: Slug, name: Text, description: v.string() })),
  authors: v.array(v.object({ slug: Slug, name: Text, role: v.string(), bio: v.string() })),
  tags: v.array(v.object({ slug: Slug, name: Text })),
})

const FrontMatterSchema = v.object({
  title: Text,
  summary: v.pipe(Text, v.maxLength(300, 'must be at most 300 characters')),
  section: Slug,
  author: Slug,
  tags: v.pipe(v.array(Slug), v.minLength(1), v.maxLength(6)),
  published: DateField,
  updated: v.optional(v.nullable(DateField), null),
  kind: v.optional(v.picklist(['news', 'brief', 'analysis', 'feature', 'longread']), 'news'),
  hero: v.optional(
    v.nullable(v.object({ image: Slug, alt: Text, caption: Text, credit: Text })),
    null,
  ),
  /** Only for a story not in the site's language (English); absent means the site's language. */
  lang: v.optional(v.nullable(LanguageTag), null),
  /** The newsroom's lead story for the front page (docs/decisions/030-front-page.md). */
  featured: v.optional(v.boolean(), false),
})

/** A source of stories, loaded: what the API build reads, whichever source it came from. */
export interface LoadedSource {
  site: { name: string; description: string; pageSize: number }
  taxonomy: Taxonomy
  articles: SourceArticle[]
  /** The file of an image the stories name by id. */
  imageFile: (id: string) => string
  /** For WordPress stories: what their bodies' links and images refer to (null for content/). */
  bodies: WordPressBodies | null
  /** Old slugs of renamed stories, each with the story's slug now. */
  redirects: { from: string; to: string }[]
}

/** The content folder (content/README.md) as a source. */
export async function loadContentFolder(contentDir: string): Promise<LoadedSource> {
  const site = parseYaml(await readFile(path.join(contentDir, 'site.yml'), 'utf8')) as {
    name: string
    description: string
    pageSize: number
  }
  const taxonomy = await loadTaxonomy(contentDir)
  const articles = await loadArticles(contentDir, taxonomy)
  return {
    site: { name: site.name, description: site.description, pageSize: site.pageSize },
    taxonomy,
    articles,
    imageFile: (id) => findContentImage(contentDir, id),
    bodies: null,
    redirects: [],
  }
}

export async function loadTaxonomy(contentDir: string): Promise<Taxonomy> {
  const read = async (name: string): Promise<unknown> =>
    parseYaml(await readFile(path.join(contentDir, name), 'utf8'))
  const raw = {
    sections: await read('sections.yml'),
    authors: await read('authors.yml'),
    tags: await read('tags.yml'),
  }
  const result = v.safeParse(TaxonomySchema, raw)
  if (!result.success) throw new Error(`content taxonomy: ${formatIssues(result.issues)}`)
  return result.output
}

export async function loadArticles(
  contentDir: string,
  taxonomy: Taxonomy,
): Promise<SourceArticle[]> {
  const dir = path.join(contentDir, 'articles')
  const files = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort()
  const known = {
    section: new Set(taxonomy.sections.map((s) => s.slug)),
    author: new Set(taxonomy.authors.map((a) => a.slug)),
    tag: new Set(taxonomy.tags.map((t) => t.slug)),
  }
  const problems: string[] = []
  const articles: SourceArticle[] = []
  // Front matter only is kept: bodies are read again one at a time while the API is written (readBody), so
  // a large archive is never held in memory. Files are read a few at a time, in name order.
  const load = async (name: string) => {
    const file = path.join(dir, name)
    const slug = name.slice(0, -'.md'.length)
    // Synchronous: for many small files it is several times faster than fs/promises, and the build has
    // nothing else to do meanwhile.
    const text = readFileSync(file, 'utf8')
    // Options given, so gray-matter does not keep every file in its cache. It is given the front matter
    // only (up to the line after the closing ---) when there is one: it copies and hashes all the text it is
    // given, which cost as much as the rest of reading the front matter. What it returns is the same, and so
    // is where the body starts.
    const head = frontMatterBlock(text)
    const { data, content } = matter(head, {})
    const result = v.safeParse(FrontMatterSchema, data)
    if (!result.success) return `${name}: ${formatIssues(result.issues)}`
    const fm = result.output
    const own: string[] = []
    if (!isSlug(slug)) own.push('file name must be a lowercase slug')
    if (!known.section.has(fm.section)) own.push(`unknown section "${fm.section}"`)
    if (!known.author.has(fm.author)) own.push(`unknown author "${fm.author}"`)
    for (const tag of fm.tags) if (!known.tag.has(tag)) own.push(`unknown tag "${tag}"`)
    if (new Set(fm.tags).size !== fm.tags.length) own.push('a tag is listed twice')
    if (fm.updated && fm.updated <= fm.published) own.push('updated must be later than published')
    if (own.length) return `${name}: ${own.join('; ')}`
    if (!head.endsWith(content)) throw new Error(`${name}: cannot find where the body starts`)
    // structuredClone copies the strings: parsed values can be slices of the whole file's text, and would
    // keep every file in memory for as long as the build holds its front matter.
    return structuredClone({
      ...fm,
      slug,
      file,
      format: 'markdown' as const,
      origin: name,
      bodyStart: head.length - content.length,
    })
  }
  const results = await mapBounded(files, 1, load)
  for (const result of results) {
    if (typeof result === 'string') problems.push(result)
    else articles.push(result)
  }
  if (problems.length) throw new Error(`content has problems:\n  ${problems.join('\n  ')}`)
  return articles
}

/**
 * The start of a file up to the line that closes its front matter (`---` at the start of a line, after the
 * opening one), with that line's end; the whole text if there is none.
 */
function frontMatterBlock(text: string): string {
  const close = text.indexOf('\n---', 3)
  if (close === -1) return text
  let end = close + '\n---'.length
  if (text[end] === '\r') end++
  if (text[end] === '\n') end++
  return text.slice(0, end)
}

/** The Markdown body of an article loaded by loadArticles. */
export function readBody(source: SourceArticle): string {
  return readFileSync(source.file, 'utf8').slice(source.bodyStart)
}

/** Maps `items` with at most `limit` calls of `fn` at a time; results in input order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

function formatIssues(issues: v.BaseIssue<unknown>[]): string {
  return issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'} ${issue.message}`).join('; ')
}
