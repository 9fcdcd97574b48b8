import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useCallback, useEffect } from 'react'
import { articleQueryOptions } from '@/features/articles/api/get-article'
import type { KeptCacheInStep, KeptSources } from '@/features/keep-offline/api/kept-cache'
import {
  getKeptTopics,
  keepsFollowing,
  type TopicRef,
} from '@/features/keep-offline/api/kept-topics'
import {
  KeepFollowingButton,
  KeepOfflineButton,
} from '@/features/keep-offline/components/keep-offline-button'
import { followedTopics, getFollowedTopics } from '@/features/following/api/followed-topics'
import { KEPT_CACHE } from '@/features/pwa/cache-names'
import { isSaved } from '@/features/saved/api/saved-stories'
import { apiUrl, fetchJson } from '@/lib/api-client'
import { whenIdle } from '@/lib/when-idle'

/**
 * Keep offline, composed (docs/decisions/031-keep-offline.md): the keep-offline feature's button and
 * cache (its panel: ./offline-reading.tsx), handed what they read from the other features: a topic's listing and the site's names
 * (parsed with the API's schemas, as the app reads them), a story's article (through the query client,
 * so it has the story too), whether a story is saved, and the followed topics (kept while Keep offline
 * is on for Following). All of it loads with the frame's extras, after
 * the first render; the cache code on first use, or once the page is idle when topics are kept.
 */

// Loaded with the first request, as the app's own readers load them (src/lib/api-client.ts).
const ListingHeadSchema = () =>
  import('@/features/articles/api/schemas').then((m) => m.ListingHeadSchema)
const SiteSchema = () => import('@/features/site/api/schemas').then((m) => m.SiteSchema)

function sourcesFor(queryClient: QueryClient): KeptSources {
  return {
    async loadTopic(topic) {
      // The file the listing's page reads first (src/features/articles/api/fetch-listing.ts).
      const path = `lists/${topic.kind}/${topic.slug}/1.json`
      const head = await fetchJson(path, ListingHeadSchema, undefined, queryClient)
      return {
        listing: { url: apiUrl(path), body: head },
        stories: head.items.map(({ slug, published, updated }) => ({
          slug,
          published,
          version: updated ?? published,
        })),
      }
    },
    loadShared: async () => [
      {
        url: apiUrl('site.json'),
        body: await fetchJson('site.json', SiteSchema, undefined, queryClient),
      },
    ],
    async loadStory(slug) {
      const article = await queryClient.fetchQuery({ ...articleQueryOptions(slug), staleTime: 0 })
      // The URL getArticle asks for: the one the service worker is asked for offline.
      return { url: apiUrl(`articles/${encodeURIComponent(slug)}.json`), article }
    },
    isSaved,
    followedTopics: getFollowedTopics,
    subscribeFollowed: followedTopics.subscribe,
  }
}

/**
 * Loads the cache code and keeps the kept copies in step from now on (once a tab; later calls get the
 * same): the Keep offline button's press, the panel and the refresh when the app opens all go through it.
 */
export function keepTopicsInStep(queryClient: QueryClient): Promise<KeptCacheInStep> {
  return import('@/features/keep-offline/api/kept-cache').then(({ keepKeptCacheInStep }) =>
    keepKeptCacheInStep(KEPT_CACHE, sourcesFor(queryClient)),
  )
}

const keepInStep = (queryClient: QueryClient) =>
  void keepTopicsInStep(queryClient).catch(() => {
    // The code could not load (offline, an old release): the next start tries again.
  })

/** Keep offline on a section, tag or author page (src/app/routes/listing-route.tsx). */
export function KeepOffline({ topic, name }: { topic: TopicRef; name: string }) {
  const queryClient = useQueryClient()
  const onChange = useCallback(() => keepInStep(queryClient), [queryClient])
  return <KeepOfflineButton topic={topic} name={name} onChange={onChange} />
}

/** Keep offline on Following (src/app/routes/following-route.tsx): every followed topic, kept. */
export function KeepFollowing() {
  const queryClient = useQueryClient()
  const onChange = useCallback(() => keepInStep(queryClient), [queryClient])
  return <KeepFollowingButton onChange={onChange} />
}

/**
 * Refreshes the kept topics' copies when the app opens, online, once the page is idle: one request a
 * kept topic, then one a story new or changed since the last copy (and its photos not held yet).
 */
export function KeptTopicsRefresh() {
  const queryClient = useQueryClient()
  useEffect(() => {
    if (getKeptTopics().length === 0 && !keepsFollowing()) return
    return whenIdle(() => keepInStep(queryClient))
  }, [queryClient])
  return null
}
