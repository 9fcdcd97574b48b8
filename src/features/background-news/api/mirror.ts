import { apiUrl } from '@/lib/api-client'

/**
 * The follow list mirrored for the service worker (docs/decisions/032-background-news.md): a worker cannot
 * read localStorage, so the page writes what its background check needs into a cache entry of its own,
 * read by public/background-news-sw.js. The shape is that script's `readMirror`. The cache's name
 * (FOLLOWING_CACHE, the pwa feature's) is handed in by the app: features do not import each other.
 */

/** The mirror's URL in the cache (a path no server answers, as the kept topics' manifests). */
export const MIRROR_PATH = '/__following__/topics'
/** The worker's own record (what it notified, its back-off, the badge it set), in the same cache. */
export const STATE_PATH = '/__following__/state'

/**
 * How many followed topics a check reads, first in the follow list first: the worker's MAX_TOPICS
 * (public/background-news-sw.js, a test keeps them equal), and the count the app shows when it opens.
 */
export const MAX_CHECKED_TOPICS = 8

/** A followed topic as the mirror needs it: the follow list's entry, by shape (features stay apart). */
export interface MirroredTopic {
  kind: string
  slug: string
  name: string
  seenUpTo: number
}

/** The notification's words, from src/i18n: the worker has no interface text of its own. */
export interface NotificationWords {
  title: string
  /** With `{count}` and `{names}`, for one story and for more. */
  one: string
  other: string
}

/** The mirror's body: each topic with its listing's first page URL (the API may be on another origin). */
export const mirrorOf = (topics: readonly MirroredTopic[], words: NotificationWords) => ({
  version: 1,
  topics: topics.map(({ kind, slug, name, seenUpTo }) => ({
    key: `${kind}:${slug}`,
    name,
    url: apiUrl(`lists/${kind}/${slug}/1.json`),
    seenUpTo,
  })),
  words,
})

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } })

/**
 * Writes the mirror: on opting in, and whenever the follow list changes while opted in, so the next
 * background check asks about what the reader follows now and counts from what they have seen. Does
 * nothing where Cache Storage is missing (an insecure origin): no worker could read it there either.
 */
export async function writeMirror(
  cacheName: string,
  topics: readonly MirroredTopic[],
  words: NotificationWords,
  storage: CacheStorage | undefined = globalThis.caches,
): Promise<void> {
  if (!storage) return
  const cache = await storage.open(cacheName)
  await cache.put(new URL(MIRROR_PATH, location.href).href, json(mirrorOf(topics, words)))
}

/** Drops the mirror and the worker's record: on turning off, nothing is left to check. */
export async function clearMirror(
  cacheName: string,
  storage: CacheStorage | undefined = globalThis.caches,
): Promise<void> {
  if (!storage) return
  const cache = await storage.open(cacheName)
  for (const path of [MIRROR_PATH, STATE_PATH])
    await cache.delete(new URL(path, location.href).href)
}
