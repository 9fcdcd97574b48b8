import { articleImageUrls, type ArticleToKeep } from '@/lib/article-images'
import { isRecord } from '@/lib/guards'
import { serialSyncs } from '@/lib/serial-syncs'
import { getSavedStories, subscribe } from './saved-stories'

/**
 * Saved stories' own copies in Cache Storage: each story's article JSON and every image its page may ask
 * for, kept until the story is unsaved. The service worker's runtime caches are bounded (entries, age)
 * and named per release, so they cannot promise that; the service worker answers from this cache when
 * the network and its own caches both fail (scripts/pwa-options.ts). docs/decisions/013-saved-offline.md.
 *
 * The saved list (localStorage) is the truth; this cache follows it. Each story has a manifest entry
 * listing its URLs, so unsaving one deletes exactly its files and keeps an image another saved story
 * shows too. Everything here is best effort: with no Cache Storage, a full disk or no network, the story
 * stays saved, and the copy is made (or completed) the next time the list changes or the app starts.
 * This module loads on the first Save or after the first render, never with the page.
 */

/** What the app hands over for a story: its article, read from the API, and the URL it was read at. */
export interface StoryFiles {
  articleUrl: string
  article: ArticleToKeep
}

export type LoadStory = (slug: string) => Promise<StoryFiles>

interface Manifest {
  slug: string
  urls: string[]
  /** The data schema the copy was made under (VITE_DATA_SCHEMA); null while it is being made. */
  schema: string | null
}

/** The data shape of this release: a copy made under another is made again. */
const DATA_SCHEMA = import.meta.env.VITE_DATA_SCHEMA

/** Manifest entries live under a path nothing else uses, in the same cache as the files. */
const MANIFEST_PATH = '/__saved-story__/'
const manifestUrl = (slug: string) =>
  new URL(MANIFEST_PATH + encodeURIComponent(slug), location.origin).href

const jsonResponse = (value: unknown) =>
  new Response(JSON.stringify(value), { headers: { 'Content-Type': 'application/json' } })

function isManifest(value: unknown): value is Manifest {
  return (
    isRecord(value) &&
    typeof value.slug === 'string' &&
    Array.isArray(value.urls) &&
    value.urls.every((url) => typeof url === 'string') &&
    (value.schema === null || typeof value.schema === 'string')
  )
}

/** Every story's manifest, by slug; a damaged one is skipped (its files stay until the cache is cleared). */
async function readManifests(cache: Cache): Promise<Map<string, Manifest>> {
  const manifests = new Map<string, Manifest>()
  for (const request of await cache.keys()) {
    if (!new URL(request.url).pathname.startsWith(MANIFEST_PATH)) continue
    try {
      const body: unknown = await (await cache.match(request))?.json()
      if (isManifest(body)) manifests.set(body.slug, body)
    } catch {
      // Unreadable: skipped.
    }
  }
  return manifests
}

/** Deletes `urls`, except those another story's manifest still lists. */
async function deleteUnshared(cache: Cache, urls: readonly string[], others: Iterable<Manifest>) {
  const shared = new Set([...others].flatMap((manifest) => manifest.urls))
  await Promise.all(urls.filter((url) => !shared.has(url)).map((url) => cache.delete(url)))
}

export interface SavedCache {
  /** Brings the cache in step with the saved list; `refresh` also copies what is missing or outdated. */
  sync(refresh: boolean): Promise<void>
}

/** Asked once a visit, on the first copy made: persistent storage keeps the browser from evicting it. */
let askedToPersist = false
function askToPersist() {
  if (askedToPersist) return
  askedToPersist = true
  // Best effort: a browser may say no, or not know the question.
  navigator.storage?.persist?.().catch(() => {})
}

export function createSavedCache(
  cacheName: string,
  loadStory: LoadStory,
  cacheStorage: CacheStorage,
): SavedCache {
  async function keep(cache: Cache, slug: string, kept: Map<string, Manifest>) {
    askToPersist()
    const files = await loadStory(slug)
    const urls = [...new Set([files.articleUrl, ...articleImageUrls(files.article)])]
    const previous = kept.get(slug)
    const others = [...kept.values()].filter((manifest) => manifest.slug !== slug)
    // The list first, so a copy cut short (a full disk, the network gone) is still removed on unsave.
    const manifest: Manifest = {
      slug,
      urls: [...new Set([...urls, ...(previous?.urls ?? [])])],
      schema: null,
    }
    kept.set(slug, manifest)
    await cache.put(manifestUrl(slug), jsonResponse(manifest))
    // The article as the app read it (parsed, so it is known to be of this release's shape).
    await cache.put(files.articleUrl, jsonResponse(files.article))
    for (const url of urls.slice(1)) {
      // An image already copied (for this story or another) is the same file: not asked for again.
      if (await cache.match(url)) continue
      const response = await fetch(url)
      if (!response.ok) throw new Error(`${url}: ${response.status}`)
      await cache.put(url, response)
    }
    // Images an older copy listed and this one no longer does.
    if (previous) {
      const dropped = previous.urls.filter((url) => !urls.includes(url))
      await deleteUnshared(cache, dropped, others)
    }
    const complete: Manifest = { slug, urls, schema: DATA_SCHEMA }
    await cache.put(manifestUrl(slug), jsonResponse(complete))
    kept.set(slug, complete)
  }

  async function sync(refresh: boolean) {
    const cache = await cacheStorage.open(cacheName)
    const kept = await readManifests(cache)
    const saved = getSavedStories().map((story) => story.slug)
    for (const manifest of kept.values()) {
      if (saved.includes(manifest.slug)) continue
      kept.delete(manifest.slug)
      await deleteUnshared(cache, manifest.urls, kept.values())
      await cache.delete(manifestUrl(manifest.slug))
    }
    if (!refresh) return
    // One story at a time, one request for its article (and its images not copied yet).
    for (const slug of saved) {
      if (kept.get(slug)?.schema === DATA_SCHEMA) continue
      try {
        await keep(cache, slug, kept)
      } catch {
        // Not now (offline, a full disk): the next sync tries again.
      }
    }
  }

  return { sync }
}

let started: { done: Promise<void>; stop: () => void } | undefined

/**
 * Keeps the app's saved cache in step with the saved list from now on, in this tab: at once (copying
 * only when online), on every change to the list (a Save, an Unsave, another tab's), and on coming back
 * online. Syncs run one after another; changes made during one are caught by the next. Returns when the
 * first sync is done; later calls return the same promise.
 */
export function keepSavedCacheInStep(
  cacheName: string,
  loadStory: LoadStory,
  cacheStorage: CacheStorage | undefined = globalThis.caches,
): Promise<void> {
  if (started) return started.done
  // No Cache Storage (an old browser, an insecure origin): saving works, without copies.
  if (!cacheStorage) return Promise.resolve()
  const cache = createSavedCache(cacheName, loadStory, cacheStorage)
  const schedule = serialSyncs((refresh) => cache.sync(refresh))
  const onChange = () => void schedule(true)
  const unsubscribe = subscribe(onChange)
  window.addEventListener('online', onChange)
  const stop = () => {
    unsubscribe()
    window.removeEventListener('online', onChange)
  }
  started = { done: schedule(navigator.onLine), stop }
  return started.done
}

/** For tests: stop following the list, and forget the start. */
export function resetSavedCache() {
  started?.stop()
  started = undefined
  askedToPersist = false
}
