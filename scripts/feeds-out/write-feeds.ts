import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Site } from '../../src/features/site/api/schemas.ts'
import { siteOrigin } from '../site-origin.ts'
import { eachListingFeed, everyListing, type ReadApi } from './listing-feeds.ts'

/** The public address feeds link to: the site's origin (scripts/site-origin.ts), as the sitemaps name it. */
export function feedSiteUrl(env: NodeJS.ProcessEnv = process.env): string {
  return siteOrigin(env).href
}

/** Reads API files from a folder. */
export const readApiFolder =
  (apiDir: string): ReadApi =>
  (file) =>
    readFile(path.join(apiDir, file), 'utf8').catch(() => null)

export interface WrittenFeeds {
  files: number
  bytes: number
  /** The largest file, by path from the site's root, and its size. */
  largest: { file: string; bytes: number }
}

/**
 * Writes every listing's feeds (scripts/feeds/listing-feeds.ts) into the built site, beside the listings'
 * pages: run by the build once the API is written (scripts/vite-plugin-newsroom-api.ts).
 */
export async function writeFeeds(options: {
  apiDir: string
  siteDir: string
  siteUrl: string
}): Promise<WrittenFeeds> {
  const read = readApiFolder(options.apiDir)
  const site = JSON.parse((await read('site.json'))!) as Site
  const written: WrittenFeeds = { files: 0, bytes: 0, largest: { file: '', bytes: 0 } }
  await eachListingFeed(
    read,
    everyListing(site),
    { siteUrl: options.siteUrl },
    async (file, text) => {
      const target = path.join(options.siteDir, file)
      await mkdir(path.dirname(target), { recursive: true })
      await writeFile(target, text)
      const bytes = Buffer.byteLength(text)
      written.files++
      written.bytes += bytes
      if (bytes > written.largest.bytes) written.largest = { file, bytes }
    },
  )
  return written
}

/**
 * The build's step: every feed of the site built into `siteDir` from its API in `apiDir`, for the
 * address in NEWSROOM_SITE_URL, saying what it wrote.
 */
export async function buildSiteFeeds(
  siteDir: string,
  apiDir: string,
  log: (message: string) => void,
): Promise<WrittenFeeds> {
  const started = performance.now()
  const written = await writeFeeds({ apiDir, siteDir, siteUrl: feedSiteUrl() })
  log(
    `newsroom feeds: ${written.files} files, ${(written.bytes / 1e6).toFixed(1)} MB, the largest ` +
      `${written.largest.file} (${Math.round(written.largest.bytes / 1024)} KB) ` +
      `(${Math.round(performance.now() - started)} ms)`,
  )
  return written
}
