import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { viteBuild } from '../vite-build.ts'
import { publish } from '../publish.ts'
import { takeSyncLock } from '../sync-lock.ts'
import { feedsConfig, type FeedsConfig } from './config.ts'
import { DEFAULT_LIMITS, feedDir, pullFeed, type FeedPull } from './mirror.ts'

/**
 * `npm run sync` for a newsroom built from feeds (NEWSROOM_FEEDS): pull every feed into the copy, and
 * when anything in the copy changed, build the whole site from it beside the live folder and publish the
 * files that differ (scripts/publish.ts: each whole, in an order that keeps the site consistent, removals
 * last). Feeds are small, so the full build costs seconds; the WordPress sync's incremental path
 * (decision 022) is not needed here (docs/decisions/027-feeds-in.md).
 *
 * A feed that cannot be pulled is reported and the others go on; when none can be pulled, or the build
 * fails, nothing readers are served changes and the sync fails saying why.
 */

export interface FeedsSyncResult {
  changed: boolean
  pulls: FeedPull[]
  written: number
  removed: number
  unchanged: number
}

export async function syncFeeds({
  root,
  config,
  live,
  log = () => {},
}: {
  root: string
  config: FeedsConfig
  live: string
  log?: (message: string) => void
}): Promise<FeedsSyncResult> {
  if (!existsSync(path.join(live, 'index.html')) || !existsSync(path.join(live, 'api/site.json')))
    throw new Error(`${live} holds no built site: build it first (NEWSROOM_FEEDS=… npm run build)`)
  await mkdir(config.mirrorDir, { recursive: true })
  const unlock = await takeSyncLock(path.join(config.mirrorDir, 'sync.lock'))
  try {
    const limits = { ...DEFAULT_LIMITS, timeoutMs: config.timeoutMs }
    const pulls = await Promise.all(
      config.urls.map((url) => pullFeed(config.mirrorDir, url, limits)),
    )
    for (const pull of pulls)
      for (const problem of pull.problems) log(`feeds: ${pull.url}: ${problem}`)
    if (pulls.every((pull) => pull.outcome === 'failed'))
      throw new Error(`no feed could be pulled; nothing was published`)
    const fingerprint = await fingerprintOf(config)
    const publishedFile = path.join(config.mirrorDir, 'published.json')
    const published = JSON.parse(await readFile(publishedFile, 'utf8').catch(() => '{}')) as {
      fingerprint?: string
      live?: string
    }
    const result: FeedsSyncResult = { changed: false, pulls, written: 0, removed: 0, unchanged: 0 }
    if (published.fingerprint === fingerprint && published.live === live) return result
    const next = path.join(path.dirname(config.mirrorDir), `feeds-next-${process.pid}`)
    try {
      await build(root, next, config)
      const done = await publish(next, live)
      Object.assign(result, {
        changed: true,
        written: done.written.length,
        removed: done.removed.length,
        unchanged: done.unchanged,
      })
    } finally {
      await rm(next, { recursive: true, force: true })
    }
    await writeFile(publishedFile, JSON.stringify({ fingerprint, live }))
    return result
  } finally {
    await unlock()
  }
}

/** A hash of what the build reads of the copy: each configured feed's details, items and images. */
async function fingerprintOf(config: FeedsConfig): Promise<string> {
  const hash = createHash('sha1')
  for (const url of config.urls) {
    const dir = feedDir(config.mirrorDir, url)
    // What the build reads of the state: not when it was fetched, nor the validators for the next pull.
    const state = JSON.parse(
      await readFile(path.join(dir, 'state.json'), 'utf8').catch(() => '{}'),
    ) as Record<string, unknown>
    for (const key of ['fetchedAt', 'etag', 'lastModified']) delete state[key]
    hash.update(`${url}\n${JSON.stringify(state)}\n`)
    for (const name of (await readdir(path.join(dir, 'items')).catch(() => [])).sort())
      hash.update(`${name}\n${await readFile(path.join(dir, 'items', name), 'utf8')}`)
    for (const name of (await readdir(path.join(dir, 'images')).catch(() => [])).sort())
      hash.update(`image ${name}\n`)
  }
  return hash.digest('hex')
}

/** The whole site, built from the copy as it is (no feed asked again), into `outDir`. */
async function build(root: string, outDir: string, config: FeedsConfig): Promise<void> {
  await viteBuild(root, outDir, {
    NEWSROOM_FEEDS: config.urls.join(','),
    NEWSROOM_FEEDS_MIRROR: config.mirrorDir,
    NEWSROOM_FEEDS_OFFLINE: '1',
  })
}

/** `npm run sync` with NEWSROOM_FEEDS (scripts/sync.ts hands over to this). */
export async function main(root: string): Promise<void> {
  const config = feedsConfig(process.env, root)
  if (!config) throw new Error('NEWSROOM_FEEDS is not set: which feeds should be synced?')
  const live = path.resolve(root, process.env.NEWSROOM_DIST ?? 'dist')
  const started = performance.now()
  const result = await syncFeeds({ root, config, live, log: (m) => console.log(m) })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  for (const pull of result.pulls) {
    for (const title of pull.added) console.log(`  added    ${title}`)
    for (const title of pull.updated) console.log(`  updated  ${title}`)
  }
  console.log(
    result.changed
      ? `sync: ${result.written} files written, ${result.removed} removed, ${result.unchanged} unchanged (${seconds} s)`
      : `sync: the feeds have nothing new (${seconds} s)`,
  )
}
