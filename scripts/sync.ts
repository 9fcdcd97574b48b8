// `npm run sync`: brings a built site (dist/) up to date with its WordPress (README "Use with WordPress").
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, open, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { publish } from './publish.ts'
import { fingerprintOf, pull, readPublished, writePublished } from './wordpress/mirror.ts'
import { decodeText } from './wordpress/text.ts'
import { wordpressClient, wordpressConfig, type WordPressConfig } from './wordpress/config.ts'

/**
 * One sync:
 * 1. pull: bring the copy of the site (scripts/wordpress/mirror.ts) up to date, asking WordPress only for
 *    the list of published posts and what changed;
 * 2. if anything a reader would notice changed, build the whole site from the copy into a folder beside
 *    it (`vite build`, WordPress not asked again);
 * 3. publish: write into the live folder only the files that differ, each whole, in an order that keeps
 *    the site consistent at every moment, then remove what went (scripts/publish.ts).
 *
 * Any failure before step 3 (WordPress down, 5xx, timeouts, malformed answers, a build error) changes
 * nothing readers are served, and the sync says what went wrong and exits 1. Two syncs never run at once.
 */

export interface SyncOptions {
  root: string
  config: WordPressConfig
  /** The folder readers are served (dist/). */
  live: string
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
  ms: number
}

export async function sync({
  root,
  config,
  live,
  log = () => {},
}: SyncOptions): Promise<SyncResult> {
  const started = performance.now()
  if (!existsSync(path.join(live, 'index.html')) || !existsSync(path.join(live, 'api/site.json')))
    throw new Error(
      `${live} holds no built site: build it first (NEWSROOM_WORDPRESS_URL=${config.url} npm run build)`,
    )
  await mkdir(config.mirrorDir, { recursive: true })
  const unlock = await lock(path.join(config.mirrorDir, 'sync.lock'))
  try {
    const pulled = await pull(wordpressClient(config, log), config.mirrorDir)
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
      ms: 0,
    }
    if (nothingNew) {
      result.ms = performance.now() - started
      return result
    }
    const next = path.join(path.dirname(config.mirrorDir), `next-${process.pid}`)
    try {
      await build(root, next, config)
      const published = await publish(next, live)
      result.written = published.written.length
      result.deleted = published.removed.length
      result.unchanged = published.unchanged
    } finally {
      await rm(next, { recursive: true, force: true })
    }
    await writePublished(config.mirrorDir, { fingerprint, live })
    result.ms = performance.now() - started
    return result
  } finally {
    await unlock()
  }
}

/** The whole site, built from the copy as it is, into `outDir`. */
async function build(root: string, outDir: string, config: WordPressConfig): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        NEWSROOM_WORDPRESS_URL: config.url,
        NEWSROOM_WORDPRESS_MIRROR: config.mirrorDir,
        NEWSROOM_WORDPRESS_OFFLINE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', resolve)
  })
  if (code !== 0)
    throw new Error(`the build failed (exit ${code}); nothing was published:\n${output}`)
}

/** Takes the lock file, or fails when a live process holds it; returns what releases it. */
async function lock(file: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => rm(file, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number(await readFile(file, 'utf8').catch(() => ''))
      if (pid && isAlive(pid)) throw new Error(`another sync is running (process ${pid})`)
      // Left by a sync that died: take it over.
      await rm(file, { force: true })
    }
  }
  throw new Error(`could not take the lock ${file}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function main() {
  const root = path.resolve(import.meta.dirname, '..')
  const config = wordpressConfig(process.env, root)
  if (!config)
    throw new Error('NEWSROOM_WORDPRESS_URL is not set: which WordPress should be synced?')
  const live = path.resolve(root, process.env.NEWSROOM_DIST ?? 'dist')
  const log = (message: string) => console.log(message)
  const result = await sync({ root, config, live, log })
  const seconds = (result.ms / 1000).toFixed(1)
  if (!result.changed) {
    console.log(`sync: ${config.url} has nothing new (${seconds} s)`)
    return
  }
  for (const title of result.added) console.log(`  added    ${title}`)
  for (const title of result.updated) console.log(`  updated  ${title}`)
  console.log(
    `sync: ${result.added.length} added, ${result.updated.length} updated, ${result.removed} removed; ` +
      `${result.written} files written, ${result.deleted} removed, ${result.unchanged} unchanged (${seconds} s)`,
  )
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(`sync failed: ${(error as Error).message}`)
    process.exitCode = 1
  })
}
