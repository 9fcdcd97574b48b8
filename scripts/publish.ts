import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { copyFile, mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises'
import path from 'node:path'

/**
 * Publishes a freshly built site (`next`) over the one readers are served (`live`), writing only the
 * files that differ, each one whole (a temp name beside it, then a rename), in an order that keeps every
 * moment's site consistent: what a page or a listing points to is in place before the page or listing
 * that points to it, and files that went are removed last. Hashed assets of the old release are kept:
 * a reader's open tab may still ask for them.
 */

const PUBLISHING = '.publishing'

export interface PublishResult {
  written: string[]
  removed: string[]
  unchanged: number
}

/** Publish order: lower first. Images and stories before the lists, indexes and pages that name them. */
function rank(file: string): number {
  if (file.startsWith('assets/')) return 0
  if (file.startsWith('api/images/')) return 1
  if (file.startsWith('api/articles/')) return 2
  if (file.startsWith('api/search/docs/') || file.startsWith('api/search/terms/')) return 3
  // A listing's chunks and id index before its head, which names them.
  if (file.startsWith('api/ids/') || /^api\/lists\/.*\/chunks\//.test(file)) return 4
  if (file.startsWith('api/lists/')) return 5
  if (file.startsWith('api/')) return 6 // site.json, the search manifest
  if (file.endsWith('.html')) return 7
  if (file === 'sw.js' || /^workbox-[\w-]+\.js$/.test(file)) return 9 // the service worker, last
  return 8
}

/** Files of one rank are written this many at once: none of them names another. */
const PUBLISH_CONCURRENCY = 8

/** Files that stay even when the new build has none: an open tab of the last release may need them. */
function keep(file: string): boolean {
  return file.startsWith('assets/') || /^workbox-[\w-]+\.js$/.test(file)
}

export async function publish(next: string, live: string): Promise<PublishResult> {
  // Temp files a publish that was killed left behind: never part of the site.
  for (const entry of await readdir(live, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && entry.name.endsWith(PUBLISHING))
      await rm(path.join(entry.parentPath, entry.name), { force: true })
  const [nextFiles, liveFiles] = await Promise.all([listFiles(next), listFiles(live)])
  const liveSet = new Set(liveFiles)
  const changed: string[] = []
  let unchanged = 0
  for (const file of nextFiles) {
    if (liveSet.has(file) && (await sameFile(path.join(next, file), path.join(live, file))))
      unchanged++
    else changed.push(file)
  }
  changed.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  for (const file of changed) {
    const target = path.join(live, file)
    await mkdir(path.dirname(target), { recursive: true })
    const temp = `${target}.${process.pid}${PUBLISHING}`
    await copyFile(path.join(next, file), temp)
    await rename(temp, target)
  }
  const nextSet = new Set(nextFiles)
  const removed = liveFiles.filter((file) => !nextSet.has(file) && !keep(file))
  // Pages before the data they show, so a page never points at a story that is gone.
  removed.sort((a, b) => rank(b) - rank(a) || a.localeCompare(b))
  for (const file of removed) await rm(path.join(live, file), { force: true })
  await removeEmptyFolders(live)
  return { written: changed, removed, unchanged }
}

/**
 * Publishes the files a sync made alone (scripts/api/update-api.ts): `written`, paths relative to
 * `staging` and to `live`, each copied whole in the order a full publish uses; then `removed`, pages
 * before the data they show. Neither folder is walked or hashed: the sync knows what it changed.
 */
export async function publishFiles(
  staging: string,
  live: string,
  written: readonly string[],
  removed: readonly string[],
): Promise<PublishResult> {
  const changed = [...written].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  const publishOne = async (file: string) => {
    const target = path.join(live, file)
    await mkdir(path.dirname(target), { recursive: true })
    const temp = `${target}.${process.pid}${PUBLISHING}`
    await copyFile(path.join(staging, file), temp)
    await rename(temp, target)
  }
  // Rank by rank, in order; within a rank, several at once.
  for (let start = 0; start < changed.length;) {
    let end = start
    while (end < changed.length && rank(changed[end]!) === rank(changed[start]!)) end++
    const group = changed.slice(start, end)
    for (let i = 0; i < group.length; i += PUBLISH_CONCURRENCY)
      await Promise.all(group.slice(i, i + PUBLISH_CONCURRENCY).map(publishOne))
    start = end
  }
  const gone = removed.filter((file) => !keep(file))
  gone.sort((a, b) => rank(b) - rank(a) || a.localeCompare(b))
  for (const file of gone) {
    await rm(path.join(live, file), { force: true })
    // A withdrawn story's page leaves its folder empty: no folder answers for it either.
    await rmdir(path.dirname(path.join(live, file))).catch(() => undefined)
  }
  return { written: changed, removed: gone, unchanged: 0 }
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
    .filter((file) => !file.endsWith(PUBLISHING))
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a), stat(b)])
  if (sa.size !== sb.size) return false
  const [ha, hb] = await Promise.all([hashOf(a), hashOf(b)])
  return ha === hb
}

function hashOf(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha1')
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')))
  })
}

async function removeEmptyFolders(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true })
  let empty = true
  for (const entry of entries) {
    if (entry.isDirectory() && (await removeEmptyFolders(path.join(dir, entry.name)))) {
      await rm(path.join(dir, entry.name), { recursive: true, force: true })
    } else {
      empty = false
    }
  }
  return empty
}
