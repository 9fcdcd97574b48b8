import { isRecord } from '@/lib/guards'
import { ARTICLES_CACHE, PAGES_CACHE, SAVED_CACHE } from '../cache-names'

/** A story that can be opened without a network. */
export interface OfflineStory {
  slug: string
  headline: string
  /** The story's language and direction, when not the site's: its headline is marked with them. */
  lang?: string
  dir?: 'ltr' | 'rtl'
}

/**
 * The language and direction an article's JSON gives. Only attributes of the headline's link (React
 * escapes them), so a string will do: the article's schema checks the tag when the story opens.
 */
const languageOf = (body: Record<string, unknown>): Pick<OfflineStory, 'lang' | 'dir'> => ({
  ...(typeof body.lang === 'string' && body.lang !== '' ? { lang: body.lang } : {}),
  ...(body.dir === 'ltr' || body.dir === 'rtl' ? { dir: body.dir } : {}),
})

const isStory = (value: unknown): value is OfflineStory & Record<string, unknown> =>
  isRecord(value) &&
  typeof value.slug === 'string' &&
  typeof value.headline === 'string' &&
  value.headline !== ''

/**
 * The stories that open without a network: first the saved stories' own copies (docs/decisions/013), then
 * what the service worker keeps, most recently cached first: article JSON from its articles cache (stories
 * opened inside the app), then prerendered article pages from its pages cache (stories opened by a link or
 * a reload, whose data came inside the page). Anything unreadable is skipped; with no Cache Storage (an
 * old browser, an insecure origin) there are none.
 */
export async function readCachedStories(
  cacheStorage: CacheStorage | undefined = globalThis.caches,
): Promise<OfflineStory[]> {
  if (!cacheStorage) return []
  const fromArticleJson = async (response: Response, url: URL) => {
    if (!url.pathname.endsWith('.json')) return null
    const body: unknown = await response.json()
    return isStory(body) ? { slug: body.slug, headline: body.headline, ...languageOf(body) } : null
  }
  const [fromSaved, fromJson, fromPages] = await Promise.all([
    readCache(cacheStorage, SAVED_CACHE, fromArticleJson),
    readCache(cacheStorage, ARTICLES_CACHE, fromArticleJson),
    readCache(cacheStorage, PAGES_CACHE, async (response, url) => {
      const slug = /^\/articles\/([a-z0-9-]+)\/?$/.exec(url.pathname)?.[1]
      if (!slug) return null
      const headline = headlineFromPage(await response.text())
      return headline ? { slug, headline } : null
    }),
  ])
  return mergeStories([fromSaved, fromJson, fromPages])
}

/**
 * A prerendered story's headline, from the NewsArticle JSON-LD block the page carries (src/lib/page-head.ts).
 * Not by parsing the page as HTML: DOMParser is a Trusted Types sink the page's policy does not open, and
 * the JSON-LD is ours, written with every `<` escaped, so the block ends at the first `</script>`.
 */
function headlineFromPage(html: string): string {
  const json = /<script type="application\/ld\+json"[^>]*>([^<]*)<\/script>/.exec(html)?.[1]
  if (!json) return ''
  const data: unknown = JSON.parse(json)
  const headline = isRecord(data) ? data.headline : null
  return typeof headline === 'string' ? headline.trim() : ''
}

async function readCache(
  cacheStorage: CacheStorage,
  name: string,
  read: (response: Response, url: URL) => Promise<OfflineStory | null>,
): Promise<OfflineStory[]> {
  try {
    const cache = await cacheStorage.open(name)
    const stories = await Promise.all(
      (await cache.keys()).map(async (request) => {
        try {
          const response = await cache.match(request)
          return response ? await read(response, new URL(request.url)) : null
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
