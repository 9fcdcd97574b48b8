import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { onTestFinished } from 'vitest'

export const FIXTURE_CONTENT = path.resolve(import.meta.dirname, '../fixtures/content')

/** A temp dir removed when the current test finishes. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `newsroom-${prefix}-`))
  onTestFinished(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/**
 * A content folder with the fixture's taxonomy, site settings and images, and only the articles given
 * (file name → Markdown) — or, with `keepArticles`, the fixture's articles plus these.
 */
export async function contentWith(
  articles: Record<string, string>,
  {
    keepArticles = false,
    files = {},
  }: { keepArticles?: boolean; files?: Record<string, string> } = {},
): Promise<string> {
  const dir = await tempDir('content')
  await cp(FIXTURE_CONTENT, dir, {
    recursive: true,
    filter: (source) => keepArticles || !source.includes(`${path.sep}articles${path.sep}`),
  })
  await mkdir(path.join(dir, 'articles'), { recursive: true })
  for (const [name, text] of Object.entries({ ...files, ...prefix('articles/', articles) }))
    await writeFile(path.join(dir, name), text)
  return dir
}

const prefix = (dir: string, files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).map(([name, text]) => [dir + name, text]))

/** An article file: front matter (valid by default, fields overridable) and a body. */
export function articleSource(
  fields: Record<string, string | null> = {},
  body = 'A paragraph.',
): string {
  const all: Record<string, string | null> = {
    title: 'A story',
    summary: 'What happened.',
    section: 'world',
    author: 'ada-writer',
    tags: '[alpha]',
    published: '2025-04-01T08:00:00Z',
    ...fields,
  }
  const lines = Object.entries(all)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([key, value]) => `${key}: ${value}`)
  return `---\n${lines.join('\n')}\n---\n\n${body}\n`
}
