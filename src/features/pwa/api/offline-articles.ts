import { ARTICLES_CACHE } from '../cache-names'

/** A story that can be opened without a network. */
export interface OfflineStory {
  slug: string
  headline: string
}

const isStory = (value: unknown): value is OfflineStory =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as OfflineStory).slug === 'string' &&
  typeof (value as OfflineStory).headline === 'string' &&
  (value as OfflineStory).headline !== ''

/**
 * The stories whose article JSON the service worker keeps (its articles cache), most recently cached
 * first. Anything unreadable is skipped; with no Cache Storage (an old browser, an insecure origin) there
 * are none.
 */
export async function readCachedStories(
  cacheStorage: CacheStorage | undefined = globalThis.caches,
): Promise<OfflineStory[]> {
  if (!cacheStorage) return []
  try {
    const cache = await cacheStorage.open(ARTICLES_CACHE)
    const requests = await cache.keys()
    const stories = await Promise.all(
      requests.map(async (request) => {
        try {
          const body: unknown = await (await cache.match(request))?.json()
          return isStory(body) ? { slug: body.slug, headline: body.headline } : null
        } catch {
          return null
        }
      }),
    )
    return stories.filter((story): story is OfflineStory => story !== null).reverse()
  } catch {
    return []
  }
}

/** Stories from every source, each once, in the order given, leaving out the one that failed. */
export function mergeStories(sources: OfflineStory[][], exclude?: string): OfflineStory[] {
  const seen = new Set(exclude ? [exclude] : [])
  const merged: OfflineStory[] = []
  for (const story of sources.flat()) {
    if (seen.has(story.slug)) continue
    seen.add(story.slug)
    merged.push(story)
  }
  return merged
}
