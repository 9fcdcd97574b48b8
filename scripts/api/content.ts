import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import matter from 'gray-matter'
import { parse as parseYaml } from 'yaml'
import * as v from 'valibot'
import type { ArticleKind } from '../../src/features/articles/api/schemas.ts'

/** What the content folder holds, checked and typed, before it becomes the API. */
export interface SourceArticle {
  slug: string
  file: string
  title: string
  summary: string
  section: string
  author: string
  tags: string[]
  published: Date
  updated: Date | null
  kind: ArticleKind
  hero: { image: string; alt: string; caption: string; credit: string } | null
  markdown: string
}

export interface Taxonomy {
  sections: { slug: string; name: string; description: string }[]
  authors: { slug: string; name: string; role: string; bio: string }[]
  tags: { slug: string; name: string }[]
}

const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug'))
const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'))
const DateField = v.pipe(
  v.union([v.date(), v.string()]),
  v.transform((value) => new Date(value)),
  v.check((date) => !Number.isNaN(date.getTime()), 'must be a date-time like 2024-05-01T09:30:00Z'),
)

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
})

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
  for (const name of files) {
    const file = path.join(dir, name)
    const slug = name.slice(0, -'.md'.length)
    const { data, content } = matter(await readFile(file, 'utf8'))
    const result = v.safeParse(FrontMatterSchema, data)
    if (!result.success) {
      problems.push(`${name}: ${formatIssues(result.issues)}`)
      continue
    }
    const fm = result.output
    const own: string[] = []
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) own.push('file name must be a lowercase slug')
    if (!known.section.has(fm.section)) own.push(`unknown section "${fm.section}"`)
    if (!known.author.has(fm.author)) own.push(`unknown author "${fm.author}"`)
    for (const tag of fm.tags) if (!known.tag.has(tag)) own.push(`unknown tag "${tag}"`)
    if (new Set(fm.tags).size !== fm.tags.length) own.push('a tag is listed twice')
    if (fm.updated && fm.updated <= fm.published) own.push('updated must be later than published')
    if (own.length) {
      problems.push(`${name}: ${own.join('; ')}`)
      continue
    }
    articles.push({ ...fm, slug, file, markdown: content })
  }
  if (problems.length) throw new Error(`content has problems:\n  ${problems.join('\n  ')}`)
  return articles
}

function formatIssues(issues: v.BaseIssue<unknown>[]): string {
  return issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'} ${issue.message}`).join('; ')
}
