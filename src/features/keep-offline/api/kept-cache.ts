import { articleImageUrls, type ArticleToKeep } from '@/lib/article-images'
import { serialSyncs } from '@/lib/serial-syncs'
import {
  storiesOverBudget,
  topicsUsage,
  topicUsage,
  totalBytes,
  type KeptFile,
  type TopicCopy,
} from './budget'
import {
  budgetList,
  getBudget,
  getKeptTopics,
  keepFollowingList,
  keepsFollowing,
  keptTopics,
  stopKeepingAll,
  topicKey,
  type TopicRef,
} from './kept-topics'
import {
  jsonResponse,
  readManifests,
  storyManifest,
  topicManifest,
  type StoryManifest,
} from './kept-manifests'

/**
 * Kept topics' copies in Cache Storage, a cache of their own (KEPT_CACHE): for each kept topic its first
 * listing page and the site's names, so its page opens offline, and each story on that page with its
 * photos in every size the page may ask for. The service worker answers from this cache last, when the
 * network and its own caches both fail (scripts/pwa-options.ts). The kept list and the budget
 * (./kept-topics.ts) are the truth; this cache follows them, within the budget, the oldest stories
 * dropped first and saved stories never. Everything is best effort: no Cache Storage, a full disk or no
 * network leave the topic kept, and the next sync tries again. Loaded on first use, or after the first
 * render when topics are kept. docs/decisions/031-keep-offline.md.
 */

/** A story on a topic's listing page, as the cache needs it. */
export interface ListedStory {
  slug: string
  published: string
  /** Changes when the story does (its `updated`, else `published`): a changed story is copied again. */
  version: string
}

/** A JSON file the app has read and parsed with its schema: kept as parsed, so it is of this release's shape. */
export interface ParsedFile {
  url: string
  body: unknown
}

/** How the app reads what the cache keeps: each answer parsed by the API's schemas (src/app composes it). */
export interface KeptSources {
  /** A topic's first listing page, and the stories on it, newest first. */
  loadTopic: (topic: TopicRef) => Promise<{ listing: ParsedFile; stories: readonly ListedStory[] }>
  /** The files every topic's page reads as well (the site's sections, tags and authors). */
  loadShared: () => Promise<readonly ParsedFile[]>
  /** A story's article, read afresh. */
  loadStory: (slug: string) => Promise<{ url: string; article: ArticleToKeep }>
  /** Whether the reader saved this story: the saved cache holds it, and it is never dropped. */
  isSaved: (slug: string) => boolean
  /**
   * The followed topics (another feature's list, which the app hands over): kept too while Keep offline
   * is on for Following.
   */
  followedTopics?: () => readonly TopicRef[]
  /** Calls `listener` when the followed list changes; returns the unsubscribe. */
  subscribeFollowed?: (listener: () => void) => () => void
}

/** What the Offline reading panel shows. */
export interface KeptUsage {
  /** Every byte the kept copies take, each file counted once. */
  total: number
  /** Each kept topic's use, by topicKey. */
  topics: ReadonlyMap<string, number>
  /** What the followed topics' copies use together, while Keep offline is on for Following. */
  following?: number
}

/** The data shape of this release: a copy made under another is made again. */
const DATA_SCHEMA = import.meta.env.VITE_DATA_SCHEMA

/** Stores a parsed JSON file; its size is that of what was stored. */
async function putJson(cache: Cache, file: ParsedFile): Promise<KeptFile> {
  const body = new TextEncoder().encode(JSON.stringify(file.body))
  await cache.put(file.url, new Response(body, { headers: { 'Content-Type': 'application/json' } }))
  return { url: file.url, bytes: body.byteLength }
}

/** Stores an image, fetched only when the cache does not hold it yet; its size is the bytes held. */
async function putImage(cache: Cache, url: string): Promise<KeptFile> {
  const held = await cache.match(url)
  if (held) return { url, bytes: (await held.arrayBuffer()).byteLength }
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: ${response.status}`)
  const body = await response.arrayBuffer()
  await cache.put(url, new Response(body, { headers: response.headers }))
  return { url, bytes: body.byteLength }
}

export interface KeptCache {
  /** Brings the cache in step with the kept list and the budget; `refresh` also copies what is new. */
  sync(refresh: boolean): Promise<void>
  /** What the copies take, in all and per kept topic. */
  usage(): Promise<KeptUsage>
}

/**
 * The kept cache named `cacheName` in `cacheStorage`, reading through `sources`: one sync at a time is
 * the caller's to ensure (keepKeptCacheInStep queues them); tests make their own on a fake Cache Storage.
 */
export function createKeptCache(
  cacheName: string,
  sources: KeptSources,
  cacheStorage: CacheStorage,
): KeptCache {
  /** The topics to keep: those kept on their own, and the followed ones while Following is kept. */
  function wantedTopics(): TopicRef[] {
    const wanted = new Map<string, TopicRef>()
    const followed = keepsFollowing() ? (sources.followedTopics?.() ?? []) : []
    for (const topic of [...getKeptTopics(), ...followed]) {
      wanted.set(topicKey(topic), { kind: topic.kind, slug: topic.slug })
    }
    return [...wanted.values()]
  }

  async function copyStory(cache: Cache, story: ListedStory): Promise<StoryManifest> {
    const { url, article } = await sources.loadStory(story.slug)
    const files = [await putJson(cache, { url, body: article })]
    for (const image of new Set(articleImageUrls(article))) {
      files.push(await putImage(cache, image))
    }
    const manifest: StoryManifest = { ...story, schema: DATA_SCHEMA, files }
    await cache.put(storyManifest(story.slug), jsonResponse(manifest))
    return manifest
  }

  /**
   * Reads each kept topic's listing afresh (one request for the shared files, one a topic) and stores
   * it; returns the stories listed, by slug. A topic that cannot be read now keeps its last copy.
   */
  async function refreshTopics(cache: Cache, topics: Map<string, TopicCopy>) {
    const shared: KeptFile[] = []
    try {
      for (const file of await sources.loadShared()) shared.push(await putJson(cache, file))
    } catch {
      // Offline or refused: the topics' pages still open, naming the topic by its slug.
    }
    const listed = new Map<string, ListedStory>()
    for (const topic of wantedTopics()) {
      try {
        const { listing, stories: onPage } = await sources.loadTopic(topic)
        const copy: TopicCopy = {
          key: topicKey(topic),
          files: [await putJson(cache, listing), ...shared],
          stories: onPage.map((story) => story.slug),
        }
        await cache.put(topicManifest(copy.key), jsonResponse(copy))
        topics.set(copy.key, copy)
        for (const story of onPage) listed.set(story.slug, story)
      } catch {
        // Not now: the last copy of this topic stays, and the next sync tries again.
      }
    }
    return listed
  }

  /** Copies the stories new or changed since their copy, the newest first, until the budget is spent. */
  async function copyStories(
    cache: Cache,
    listed: ReadonlyMap<string, ListedStory>,
    topics: Map<string, TopicCopy>,
    stories: Map<string, StoryManifest>,
  ) {
    const wanted = [...listed.values()]
      .filter((story) => !sources.isSaved(story.slug))
      .filter((story) => {
        const copy = stories.get(story.slug)
        return copy?.version !== story.version || copy.schema !== DATA_SCHEMA
      })
      .sort((a, b) => Date.parse(b.published) - Date.parse(a.published))
    for (const story of wanted) {
      // What the budget would drop is not fetched.
      if (totalBytes(topics.values(), stories) >= getBudget()) break
      try {
        stories.set(story.slug, await copyStory(cache, story))
      } catch {
        // Not now (offline, a full disk): what was stored of it goes with the sweep.
      }
    }
  }

  async function sync(refreshing: boolean) {
    const cache = await cacheStorage.open(cacheName)
    const { topics, stories } = await readManifests(cache)
    const kept = new Set(wantedTopics().map(topicKey))
    for (const key of topics.keys()) if (!kept.has(key)) topics.delete(key)
    const listed = refreshing && kept.size > 0 ? await refreshTopics(cache, topics) : null
    // A story no kept topic lists any more goes.
    const onPages = new Set([...topics.values()].flatMap((topic) => topic.stories))
    for (const slug of stories.keys()) if (!onPages.has(slug)) stories.delete(slug)
    if (listed) await copyStories(cache, listed, topics, stories)
    // Then the oldest, while the copies weigh more than the budget.
    const over = storiesOverBudget([...topics.values()], stories, getBudget(), sources.isSaved)
    for (const slug of over) stories.delete(slug)
    await sweep(cache, topics, stories)
  }

  /** Deletes every entry no manifest left lists: stopped topics, dropped stories, copies cut short. */
  async function sweep(
    cache: Cache,
    topics: Map<string, TopicCopy>,
    stories: Map<string, StoryManifest>,
  ) {
    const keep = new Set<string>([
      ...[...topics.keys()].map(topicManifest),
      ...[...stories.keys()].map(storyManifest),
      ...[...topics.values()].flatMap((topic) => topic.files.map((file) => file.url)),
      ...[...stories.values()].flatMap((story) => story.files.map((file) => file.url)),
    ])
    for (const request of await cache.keys()) {
      if (!keep.has(request.url)) await cache.delete(request)
    }
  }

  async function usage(): Promise<KeptUsage> {
    const { topics, stories } = await readManifests(await cacheStorage.open(cacheName))
    const followed = keepsFollowing() ? sources.followedTopics?.() : undefined
    return {
      total: totalBytes(topics.values(), stories),
      topics: new Map(
        [...topics.values()].map((topic) => [topic.key, topicUsage(topic, stories)] as const),
      ),
      following:
        followed &&
        topicsUsage(
          followed.flatMap((topic) => topics.get(topicKey(topic)) ?? []),
          stories,
        ),
    }
  }

  return { sync, usage }
}

/** What the page has of the kept cache once it is in step. */
export interface KeptCacheInStep {
  usage(): Promise<KeptUsage>
  /** Empties the cache and stops keeping every topic. */
  clear(): Promise<void>
  /** Calls `listener` after every sync; returns the unsubscribe. */
  afterSync(listener: () => void): () => void
}

let started: { inStep: Promise<KeptCacheInStep>; stop: () => void } | undefined

const emptyUsage: KeptUsage = { total: 0, topics: new Map() }

/**
 * Keeps the kept cache in step from now on, in this tab: at once (copying only when online), on every
 * change to the kept list or the budget (this tab's or another's), and on coming back online. Syncs run
 * one after another; a change made during one is caught by the next. Resolves once the first sync is
 * done; later calls get the same.
 */
export function keepKeptCacheInStep(
  cacheName: string,
  sources: KeptSources,
  cacheStorage: CacheStorage | undefined = globalThis.caches,
): Promise<KeptCacheInStep> {
  if (started) return started.inStep
  const listeners = new Set<() => void>()
  const afterSync = (listener: () => void) => {
    listeners.add(listener)
    return () => void listeners.delete(listener)
  }
  // No Cache Storage (an old browser, an insecure origin): topics stay kept, without copies.
  if (!cacheStorage) {
    const clear = () => Promise.resolve(stopKeepingAll())
    return Promise.resolve({ usage: () => Promise.resolve(emptyUsage), clear, afterSync })
  }
  const cache = createKeptCache(cacheName, sources, cacheStorage)
  const schedule = serialSyncs(async (refresh) => {
    try {
      await cache.sync(refresh)
    } finally {
      listeners.forEach((listener) => listener())
    }
  })
  const onChange = () => void schedule(navigator.onLine)
  // The followed topics as one string: a visit to Following rewrites the list (its counts), not its topics.
  const followedKeys = () => (sources.followedTopics?.() ?? []).map(topicKey).join(' ')
  let followed = followedKeys()
  const onFollowedChange = () => {
    const now = followedKeys()
    if (now === followed) return
    followed = now
    // A topic followed or unfollowed while Following is kept; nothing to do otherwise.
    if (keepsFollowing()) onChange()
  }
  const unsubscribe = [
    keptTopics.subscribe(onChange),
    budgetList.subscribe(onChange),
    keepFollowingList.subscribe(onChange),
    sources.subscribeFollowed?.(onFollowedChange) ?? (() => {}),
  ]
  window.addEventListener('online', onChange)
  const inStep: KeptCacheInStep = {
    usage: () => cache.usage().catch(() => emptyUsage),
    clear: async () => {
      stopKeepingAll()
      await schedule(false)
    },
    afterSync,
  }
  const stop = () => {
    unsubscribe.forEach((off) => off())
    window.removeEventListener('online', onChange)
  }
  started = { inStep: schedule(navigator.onLine).then(() => inStep), stop }
  return started.inStep
}

/** For tests: stop following the list, and forget the start. */
export function resetKeptCache() {
  started?.stop()
  started = undefined
}
