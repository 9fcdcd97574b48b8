import { readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { chunkFile } from '../../src/features/articles/api/listing-layout.ts'
import type { ListingChunk, ListingHead, Summary } from '../../src/features/articles/api/schemas.ts'
import type { SourceArticle } from './content.ts'
import { findRelated } from './related.ts'

/**
 * The ledger: a compact account of a built site, kept beside the copy of the site (the WordPress mirror),
 * so that a sync can apply one story's change (scripts/api/update-api.ts) without reading the 100,000
 * article files of the live API. It is made from a full build and kept by each incremental sync; it is
 * written whole (a temp name, then a rename), and only after the files it describes are published.
 */

export const LEDGER_FILE = 'ledger.json'
// 2: each story's `featured` mark, for the latest head's lead. A ledger of another version means a full build.
const LEDGER_VERSION = 2

/** One story as the ledger holds it: what its listings, related lists and site.json need. */
export interface LedgerStory {
  id: number
  /** The file it comes from, relative to nothing: `<post id>.json` for WordPress, `<slug>.md` for Markdown. */
  key: string
  slug: string
  /** Its WordPress post id, or null for a Markdown story. */
  wpId: number | null
  /** Its WordPress slug, decoded (what links in other posts name it by), or null for a Markdown story. */
  wpSlug: string | null
  section: string
  tags: string[]
  author: string
  /** ISO times, as the API writes them. */
  published: string
  updated: string | null
  headline: string
  readingMinutes: number
  lang: string | null
  /** Marked by the newsroom as its lead (`featured`): the newest marked story leads the front page. */
  featured: boolean
  /** Its related stories' ids, best first, as its article file lists them. */
  related: number[]
}

export interface Ledger {
  version: number
  /** The live folder the ledger describes: a sync into another starts with a full build. */
  live: string
  /** A hash of the WordPress copy's terms, authors and site details: when they change, a full build. */
  terms: string
  pageSize: number
  /** Stories by id; a withdrawn story leaves a gap (null) until the next full build renumbers them. */
  stories: (LedgerStory | null)[]
  /** Each listing's head version (`lists/latest`, `lists/tags/climate`…): a sync checks the live head agrees. */
  heads: Record<string, number>
}

/** The ledger's key for a story's source file. */
export function storyKey(source: Pick<SourceArticle, 'file'>): string {
  return path.basename(source.file)
}

/** The WordPress post id of a story read from a mirror's `posts/<id>.json`, else null. */
function wpIdOf(source: SourceArticle): number | null {
  return source.format === 'wordpress' ? Number(path.basename(source.file, '.json')) : null
}

/**
 * The ledger of a site a full build has just written to `apiDir` from `sources` (in id order, as the build
 * sorts them): reading times and headlines come from the latest listing (a page of stories a file, the
 * build's own numbers), related lists from the build's own scoring.
 */
export async function ledgerFromBuild(
  apiDir: string,
  sources: readonly SourceArticle[],
  {
    live = path.dirname(apiDir),
    terms = '',
    wpSlugs = [],
  }: {
    live?: string
    terms?: string
    /** WordPress slugs by post id (the source's `bodies.slugs`). */
    wpSlugs?: readonly (readonly [wpSlug: string, id: number, slug: string])[]
  } = {},
): Promise<Ledger> {
  const wpSlugOf = new Map(wpSlugs.map(([wpSlug, id]) => [id, wpSlug]))
  const read = async <T>(file: string) =>
    JSON.parse(await readFile(path.join(apiDir, file), 'utf8')) as T
  const head = await read<ListingHead>('lists/latest/1.json')
  const summaries = new Map<number, Summary>()
  for (const item of [...head.items, ...head.rest]) summaries.set(item.id, item)
  for (let chunk = 0; chunk < head.chunkCount; chunk++) {
    const { items } = await read<ListingChunk>(`lists/latest/${chunkFile(chunk, 0)}`)
    for (const item of items) summaries.set(item.id, item)
  }
  const related = findRelated(sources)
  const stories = sources.map((source, id): LedgerStory => {
    const summary = summaries.get(id)
    if (!summary || summary.slug !== source.slug)
      throw new Error(`ledger: story ${id} (${source.slug}) is not in the latest listing`)
    return {
      id,
      key: storyKey(source),
      slug: source.slug,
      wpId: wpIdOf(source),
      wpSlug: wpSlugOf.get(wpIdOf(source) ?? -1) ?? null,
      section: source.section,
      tags: [...source.tags],
      author: source.author,
      published: summary.published,
      updated: summary.updated,
      headline: summary.headline,
      readingMinutes: summary.readingMinutes,
      lang: source.lang,
      featured: summary.featured === true,
      related: related[id]!,
    }
  })
  const heads: Record<string, number> = { 'lists/latest': head.version }
  return { version: LEDGER_VERSION, live, terms, pageSize: head.pageSize, stories, heads }
}

/** The ledger kept in `dir`, or null when there is none (or one of another version): a full build is due. */
export async function readLedger(dir: string): Promise<Ledger | null> {
  try {
    const ledger = JSON.parse(await readFile(path.join(dir, LEDGER_FILE), 'utf8')) as Ledger
    return ledger.version === LEDGER_VERSION ? ledger : null
  } catch {
    return null
  }
}

/** Writes the ledger whole: a reader (the next sync) never sees half of one. */
export async function writeLedger(dir: string, ledger: Ledger): Promise<void> {
  const target = path.join(dir, LEDGER_FILE)
  const temp = `${target}.${process.pid}.tmp`
  await writeFile(temp, JSON.stringify(ledger))
  await rename(temp, target)
}
