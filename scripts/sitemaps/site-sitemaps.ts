import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { chunkFile } from '../../src/features/articles/api/listing-layout.ts'
import type { ListingChunk, ListingHead, Summary } from '../../src/features/articles/api/schemas.ts'
import type { Site } from '../../src/features/site/api/schemas.ts'
import {
  NEWS_SITEMAP,
  ROBOTS,
  SITEMAP_INDEX,
  monthOf,
  planSitemaps,
  type SitemapPlan,
  type SitemapSite,
  type SitemapStory,
} from './plan.ts'
import { renderIndex, renderNews, renderRobots, renderUrlset } from './render.ts'
import { siteOrigin } from '../site-origin.ts'

/**
 * Every story of a built API, in id order, with site.json: read from the latest listing (its head and
 * chunks hold every story's summary), so the sitemaps show what the API shows.
 */
export async function readApiStories(
  apiDir: string,
): Promise<{ site: Site; stories: SitemapStory[] }> {
  const read = async <T>(file: string) =>
    JSON.parse(await readFile(path.join(apiDir, file), 'utf8')) as T
  const site = await read<Site>('site.json')
  const head = await read<ListingHead>('lists/latest/1.json')
  const summaries: Summary[] = [...head.items, ...head.rest]
  for (let chunk = 0; chunk < head.chunkCount; chunk++) {
    const file = `lists/latest/${chunkFile(chunk, head.changed.find(([c]) => c === chunk)?.[2] ?? 0)}`
    summaries.push(...(await read<ListingChunk>(file)).items)
  }
  summaries.sort((a, b) => a.id - b.id)
  const stories = summaries.map((s) => ({
    slug: s.slug,
    published: s.published,
    updated: s.updated,
    headline: s.headline,
    lang: s.lang ?? null,
    section: s.section.slug,
    tags: s.tags.map((t) => t.slug),
    author: s.author.slug,
  }))
  return { site, stories }
}

/** Renders the files of `plan` whose names `wanted` accepts (all by default), robots.txt included. */
async function renderFiles(
  plan: SitemapPlan,
  site: SitemapSite,
  origin: URL,
  wanted: (file: string) => boolean = () => true,
): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const child of plan.children)
    if (wanted(child.file)) files.set(child.file, await renderUrlset(child, origin))
  if (wanted(SITEMAP_INDEX)) files.set(SITEMAP_INDEX, await renderIndex(plan.children, origin))
  if (wanted(NEWS_SITEMAP)) files.set(NEWS_SITEMAP, await renderNews(plan.news, site.name, origin))
  if (wanted(ROBOTS)) files.set(ROBOTS, renderRobots(origin))
  return files
}

/**
 * Writes the sitemap index, its children, the news sitemap and robots.txt into the built site `siteDir`
 * from the API in `apiDir`: run by every build after the API (scripts/vite-plugin-newsroom-api.ts).
 * Removes the children of an earlier build first, so a month no story is in any more leaves no file.
 */
export async function writeSitemaps(
  siteDir: string,
  apiDir: string,
  origin: URL = siteOrigin(),
): Promise<{ files: number; bytes: number }> {
  const { site, stories } = await readApiStories(apiDir)
  const files = await renderFiles(planSitemaps(stories, site), site, origin)
  await rm(path.join(siteDir, 'sitemaps'), { recursive: true, force: true })
  await mkdir(path.join(siteDir, 'sitemaps'), { recursive: true })
  let bytes = 0
  for (const [file, text] of files) {
    await writeFile(path.join(siteDir, file), text)
    bytes += Buffer.byteLength(text)
  }
  return { files: files.size, bytes }
}

/** The sitemap files a sync's change rewrites and removes, paths relative to the site's root. */
export interface SitemapUpdate {
  files: Map<string, string>
  deletes: string[]
}

/**
 * The sitemap files one sync changes (scripts/api/update-api.ts), as a full build of the stories
 * `after` would write them: the children holding a story that came, changed or went, the listings, the
 * index and the news sitemap, each only when its text differs from the live file's; and the children no
 * story is in any more. Plans the whole site from the ledger (no XML) and renders only those files.
 */
export async function updateSitemaps({
  liveDir,
  before,
  after,
  site,
  origin = siteOrigin(),
}: {
  /** The live site's root (dist/), read for the files a change may leave as they are. */
  liveDir: string
  before: readonly (SitemapStory | null)[]
  after: readonly (SitemapStory | null)[]
  site: SitemapSite
  origin?: URL
}): Promise<SitemapUpdate> {
  const oldPlan = planSitemaps(before, site)
  const newPlan = planSitemaps(after, site)
  // A month cut into parts shifts every part after a story that came or went: all its parts are redone.
  const months = new Set<string>()
  const length = Math.max(before.length, after.length)
  for (let id = 0; id < length; id++) {
    const was = before[id] ?? null
    const now = after[id] ?? null
    if (was === now || (was && now && sameEntry(was, now))) continue
    if (was) months.add(monthOf(was.published))
    if (now) months.add(monthOf(now.published))
  }
  const touched = (file: string) =>
    !file.startsWith('sitemaps/stories-') ||
    months.has(file.slice('sitemaps/stories-'.length, 'sitemaps/stories-YYYY-MM'.length))
  const rendered = await renderFiles(newPlan, site, origin, touched)
  const files = new Map<string, string>()
  for (const [file, text] of rendered) {
    const live = await readFile(path.join(liveDir, file), 'utf8').catch(() => null)
    if (live !== text) files.set(file, text)
  }
  const kept = new Set(newPlan.children.map((child) => child.file))
  const deletes = oldPlan.children.map((c) => c.file).filter((file) => !kept.has(file))
  return { files, deletes }
}

/** Whether a story's sitemap entries (its month's file, listings, news) would show it the same. */
const sameEntry = (a: SitemapStory, b: SitemapStory) =>
  a.slug === b.slug &&
  a.published === b.published &&
  a.updated === b.updated &&
  a.headline === b.headline &&
  (a.lang ?? null) === (b.lang ?? null)
