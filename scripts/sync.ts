// `npm run sync`: brings a built site (dist/) up to date with its WordPress (README "Use with WordPress").
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { readLedger, writeLedger, LEDGER_FILE } from './api/ledger.ts'
import { updateApi } from './api/update-api.ts'
import { feedSiteUrl } from './feeds-out/write-feeds.ts'
import { prerenderPages } from './prerender-pages.ts'
import { publish, publishFiles } from './publish.ts'
import { redirectPage, redirectPageFile, withRenameRules } from './redirect-pages.ts'
import { takeSyncLock } from './sync-lock.ts'
import { viteBuild } from './vite-build.ts'
import { loadChangedPosts } from './wordpress/changes.ts'
import type { PullResult } from './wordpress/mirror.ts'
import type { Site } from '../src/features/site/api/schemas.ts'
import { fingerprintOf, pull, readPublished, writePublished } from './wordpress/mirror.ts'
import { decodeText } from './wordpress/text.ts'
import { wordpressClient, wordpressConfig, type WordPressConfig } from './wordpress/config.ts'

/**
 * One sync:
 * 1. pull: bring the copy of the site (scripts/wordpress/mirror.ts) up to date, asking WordPress only
 *    what changed (docs/decisions/023-quick-pull.md);
 * 2. if anything a reader would notice changed, apply the changes alone when it can: with the ledger of
 *    the live site (scripts/api/ledger.ts), work out the API files they change (scripts/api/update-api.ts),
 *    prerender the pages that show them again (scripts/prerender-pages.ts), and publish just those
 *    files, each whole, in the order below, without walking the live folder;
 * 3. otherwise (no ledger yet, new or renamed terms, a story dated before the newest, a
 *    prerender limit, …: it says why) build the whole site from the copy into a folder beside it
 *    (`vite build`, WordPress not asked again) and publish: write into the live folder only the files
 *    that differ, each whole, in an order that keeps the site consistent at every moment, then remove
 *    what went (scripts/publish.ts). Either way the ledger is written after publishing.
 *
 * Any failure before step 3 (WordPress down, 5xx, timeouts, malformed answers, a build error) changes
 * nothing readers are served, and the sync says what went wrong and exits 1. Two syncs never run at once.
 */

export interface SyncOptions {
  root: string
  config: WordPressConfig
  /** The folder readers are served (dist/). */
  live: string
  /** List every published post, not only what changed since the last pull (`--full`). */
  full?: boolean
  log?: (message: string) => void
}

export interface SyncResult {
  changed: boolean
  added: string[]
  updated: string[]
  removed: number
  written: number
  deleted: number
  unchanged: number
  /** Why the whole site was rebuilt, or null when the changes were applied alone. */
  rebuilt: string | null
  ms: number
}

export async function sync({
  root,
  config,
  live,
  full = false,
  log = () => {},
}: SyncOptions): Promise<SyncResult> {
  const started = performance.now()
  if (!existsSync(path.join(live, 'index.html')) || !existsSync(path.join(live, 'api/site.json')))
    throw new Error(
      `${live} holds no built site: build it first (NEWSROOM_WORDPRESS_URL=${config.url} npm run build)`,
    )
  await mkdir(config.mirrorDir, { recursive: true })
  const unlock = await takeSyncLock(path.join(config.mirrorDir, 'sync.lock'))
  try {
    // What a sync that failed after its pull left unpublished, with what this pull brings.
    const pulled = await withPending(
      config.mirrorDir,
      await pull(wordpressClient(config, log), config.mirrorDir, {
        full,
        fullEveryMinutes: config.fullEveryMinutes,
      }),
    )
    const lap = stopwatch(log, started)
    lap(
      `pulled, ${pulled.requests} requests to WordPress` +
        (pulled.fullList ? `, every post listed (${pulled.fullList})` : ', only what changed'),
    )
    const fingerprint = await fingerprintOf(config.mirrorDir)
    const state = await readPublished(config.mirrorDir)
    const nothingNew =
      pulled.added.length + pulled.updated.length + pulled.removed.length + pulled.media === 0 &&
      state?.fingerprint === fingerprint &&
      state.live === live
    const titles = async (ids: number[]) =>
      Promise.all(
        ids.map(async (id) => {
          const text = await readFile(path.join(config.mirrorDir, `posts/${id}.json`), 'utf8')
          return decodeText((JSON.parse(text) as { title: { rendered: string } }).title.rendered)
        }),
      )
    const result: SyncResult = {
      changed: !nothingNew,
      added: await titles(pulled.added),
      updated: await titles(pulled.updated),
      removed: pulled.removed.length,
      written: 0,
      deleted: 0,
      unchanged: 0,
      rebuilt: null,
      ms: 0,
    }
    if (nothingNew) {
      result.ms = performance.now() - started
      return result
    }
    const next = path.join(path.dirname(config.mirrorDir), `next-${process.pid}`)
    const nextLedger = path.join(config.mirrorDir, `${LEDGER_FILE}.${process.pid}.next`)
    try {
      const applied = await applyAlone(root, config, live, pulled, next, log, lap).catch(
        // Whatever went wrong, the full build below publishes a consistent site and a new ledger.
        (error: unknown) => ({
          reason: `the changes could not be applied alone (${(error as Error).message})`,
        }),
      )
      if ('reason' in applied) {
        result.rebuilt = applied.reason
        log(`sync: rebuilding the whole site: ${applied.reason}`)
        await rm(next, { recursive: true, force: true })
        await build(root, next, config, {
          NEWSROOM_LEDGER_OUT: nextLedger,
          NEWSROOM_LEDGER_LIVE: live,
        })
        const published = await publish(next, live)
        result.written = published.written.length
        result.deleted = published.removed.length
        result.unchanged = published.unchanged
        await rename(nextLedger, path.join(config.mirrorDir, LEDGER_FILE))
      } else {
        result.written = applied.written
        result.deleted = applied.deleted
      }
    } finally {
      await rm(next, { recursive: true, force: true })
      await rm(nextLedger, { force: true })
    }
    await writePublished(config.mirrorDir, { fingerprint, live })
    await rm(path.join(config.mirrorDir, PENDING_FILE), { force: true })
    result.ms = performance.now() - started
    return result
  } finally {
    await unlock()
  }
}

/**
 * The pull's changes applied alone (see `sync`): the files written and removed, or why the whole site
 * must be rebuilt instead. Nothing is published before every file is made, so a failure before then
 * changes nothing readers are served.
 */
async function applyAlone(
  root: string,
  config: WordPressConfig,
  live: string,
  pulled: PullResult,
  staging: string,
  log: (message: string) => void,
  lap: (what: string) => void,
): Promise<{ written: number; deleted: number } | { reason: string }> {
  if (process.env.NEWSROOM_PRERENDER_LIMIT)
    return { reason: 'pages are prerendered up to NEWSROOM_PRERENDER_LIMIT' }
  const ledger = await readLedger(config.mirrorDir)
  if (!ledger) return { reason: 'no ledger of the live site yet' }
  if (ledger.live !== live) return { reason: `the ledger describes ${ledger.live}, not ${live}` }
  lap('ledger read')
  const apiDir = path.join(live, 'api')
  const site = JSON.parse(await readFile(path.join(apiDir, 'site.json'), 'utf8')) as Site
  const changes = await loadChangedPosts(config.mirrorDir, ledger, pulled, site, {
    creditField: config.creditField,
  })
  if ('reason' in changes) return changes
  lap('changed posts loaded')
  try {
    const oldRedirects = JSON.parse(
      await readFile(path.join(apiDir, 'redirects.json'), 'utf8').catch(() => '{}'),
    ) as Record<string, string>
    const newRedirects = Object.fromEntries(
      changes.source.redirects.map(({ from, to }) => [from, to]),
    )
    await mkdir(path.join(staging, 'api'), { recursive: true })
    const update = await updateApi({
      ledger,
      apiDir,
      source: changes.source,
      removed: changes.removed,
      imagesDir: path.join(staging, 'api'),
      feeds: { siteUrl: feedSiteUrl() },
    })
    if (!update.incremental) return { reason: update.reason }
    lap(`API update worked out (${update.files.size} files)`)
    for (const [file, text] of update.files) {
      await mkdir(path.dirname(path.join(staging, 'api', file)), { recursive: true })
      await writeFile(path.join(staging, 'api', file), text)
    }
    // Images the changed stories show: rendered (or taken from the cache) into the staging API.
    const images = (await listFilesUnder(staging, 'api/images')).filter(
      (file) => !update.files.has(file.slice('api/'.length)),
    )
    // The feeds (`../feed.xml`: at the site's root) link the stories' pages: published with the pages.
    const siteFiles = [...update.files.keys()].flatMap((file) =>
      file.startsWith('../') ? [file.slice('../'.length)] : [],
    )
    const apiFiles = [...update.files.keys()].flatMap((file) =>
      file.startsWith('../') ? [] : [`api/${file}`],
    )
    const pages = await withEnv(
      // The renderer loads the project's Vite config: from the copy, as the sync's build does.
      {
        NEWSROOM_WORDPRESS_URL: config.url,
        NEWSROOM_WORDPRESS_MIRROR: config.mirrorDir,
        NEWSROOM_WORDPRESS_OFFLINE: '1',
      },
      () =>
        prerenderPages({
          root,
          live,
          outDir: staging,
          // A renamed story's old address gets the page that redirects, below, not the story's.
          pages: update.pages.render.filter(
            (page) => !(page.slice('/articles/'.length) in newRedirects),
          ),
        }),
    )
    log(
      `sync: ${pages.files.length} pages prerendered in ${Math.round(pages.renderMs)} ms ` +
        `(${Math.round(pages.startMs)} ms to start the renderer)`,
    )
    const renames = await writeRenames(live, staging, oldRedirects, newRedirects)
    // Every file is made: now the API (what the pages show must be there before them), then the pages.
    await publishFiles(staging, live, [...images, ...apiFiles], [])
    lap('API published')
    const slugs = new Set(update.ledger.stories.flatMap((story) => (story ? [story.slug] : [])))
    const removed = [
      ...update.pages.remove.map(
        (page) => `articles/${page.slice('/articles/'.length)}/index.html`,
      ),
      // An old address no story answers to any more (its story went).
      ...Object.keys(oldRedirects)
        .filter((from) => !(from in newRedirects) && !slugs.has(from))
        .map(redirectPageFile),
      ...update.deletes.map((file) => `api/${file}`),
    ]
    await publishFiles(staging, live, [...pages.files, ...renames, ...siteFiles], removed)
    lap('pages published')
    await writeLedger(config.mirrorDir, update.ledger)
    lap('ledger written')
    return {
      written:
        images.length + apiFiles.length + siteFiles.length + pages.files.length + renames.length,
      deleted: removed.length,
    }
  } finally {
    await changes.dispose()
  }
}

/**
 * When stories were renamed (or a rename went), the pages at their old addresses and the `_redirects`
 * rules, as the build writes them (scripts/redirect-pages.ts), into `staging`; returns the files written.
 */
async function writeRenames(
  live: string,
  staging: string,
  before: Record<string, string>,
  after: Record<string, string>,
): Promise<string[]> {
  if (JSON.stringify(before) === JSON.stringify(after)) return []
  const files: string[] = []
  for (const [from, to] of Object.entries(after)) {
    if (before[from] === to) continue
    const file = redirectPageFile(from)
    await mkdir(path.dirname(path.join(staging, file)), { recursive: true })
    await writeFile(path.join(staging, file), redirectPage(`/articles/${to}`))
    files.push(file)
  }
  const rules = await readFile(path.join(live, '_redirects'), 'utf8').catch(() => '')
  await writeFile(path.join(staging, '_redirects'), withRenameRules(rules, after))
  return [...files, '_redirects']
}

const PENDING_FILE = 'pending.json'

/**
 * The pull's changes joined with those a sync pulled but never published (it failed after its pull: the
 * copy moved on, the live site did not), kept in pending.json until a sync publishes them. Each post is
 * counted by what the copy holds now: changed when it has the post, removed when it does not.
 */
async function withPending(dir: string, pulled: PullResult): Promise<PullResult> {
  const file = path.join(dir, PENDING_FILE)
  const text = await readFile(file, 'utf8').catch(() => 'null')
  const pending = (() => {
    try {
      return JSON.parse(text) as unknown
    } catch {
      return null // Half-written by a sync that died: a full build (no ledger match) catches up.
    }
  })() as Pick<PullResult, 'added' | 'updated' | 'removed' | 'mediaIds'> | null
  if (!pending && pulled.added.length + pulled.updated.length + pulled.removed.length === 0)
    return pulled
  const held = (id: number) => existsSync(path.join(dir, `posts/${id}.json`))
  const all = (key: 'added' | 'updated' | 'removed' | 'mediaIds') => [
    ...new Set([...(pending?.[key] ?? []), ...pulled[key]]),
  ]
  const added = all('added').filter(held)
  const merged: PullResult = {
    ...pulled,
    added,
    updated: all('updated').filter((id) => held(id) && !added.includes(id)),
    removed: all('removed').filter((id) => !held(id)),
    mediaIds: all('mediaIds'),
  }
  merged.media = merged.mediaIds.length
  const { added: a, updated: u, removed: r, mediaIds: m } = merged
  await writeFile(file, JSON.stringify({ added: a, updated: u, removed: r, mediaIds: m }))
  return merged
}

/** Logs each step's time since the last: where a sync's seconds go. */
function stopwatch(log: (message: string) => void, since: number): (what: string) => void {
  let last = since
  return (what) => {
    const now = performance.now()
    log(`sync: ${what} (${Math.round(now - last)} ms)`)
    last = now
  }
}

/** Runs `run` with these environment variables set, then puts them back. */
async function withEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]))
  Object.assign(process.env, vars)
  try {
    return await run()
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}

/** Files under `dir/under`, relative to `dir`; none when it does not exist. */
async function listFilesUnder(dir: string, under: string): Promise<string[]> {
  const { listFiles } = await import('./publish.ts')
  const files = await listFiles(path.join(dir, under)).catch(() => [])
  return files.map((file) => `${under}/${file}`)
}

/** The whole site, built from the copy as it is, into `outDir`. */
async function build(
  root: string,
  outDir: string,
  config: WordPressConfig,
  extraEnv: Record<string, string> = {},
): Promise<void> {
  await viteBuild(root, outDir, {
    NEWSROOM_WORDPRESS_URL: config.url,
    NEWSROOM_WORDPRESS_MIRROR: config.mirrorDir,
    NEWSROOM_WORDPRESS_OFFLINE: '1',
    ...extraEnv,
  })
}

async function main() {
  const root = path.resolve(import.meta.dirname, '..')
  const config = wordpressConfig(process.env, root)
  // A newsroom built from feeds syncs by a whole build and publish (scripts/feeds-in/sync.ts).
  if (!config && process.env.NEWSROOM_FEEDS) return (await import('./feeds-in/sync.ts')).main(root)
  if (!config)
    throw new Error('NEWSROOM_WORDPRESS_URL is not set: which WordPress should be synced?')
  const live = path.resolve(root, process.env.NEWSROOM_DIST ?? 'dist')
  const log = (message: string) => console.log(message)
  const full = process.argv.slice(2).includes('--full')
  const result = await sync({ root, config, live, full, log })
  const seconds = (result.ms / 1000).toFixed(1)
  if (!result.changed) {
    console.log(`sync: ${config.url} has nothing new (${seconds} s)`)
    return
  }
  for (const title of result.added) console.log(`  added    ${title}`)
  for (const title of result.updated) console.log(`  updated  ${title}`)
  console.log(
    `sync: ${result.added.length} added, ${result.updated.length} updated, ${result.removed} removed; ` +
      `${result.written} files written, ${result.deleted} removed, ${result.unchanged} unchanged (${seconds} s)` +
      (result.rebuilt ? `; the whole site rebuilt: ${result.rebuilt}` : '; changes applied alone'),
  )
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(`sync failed: ${(error as Error).message}`)
    process.exitCode = 1
  })
}
