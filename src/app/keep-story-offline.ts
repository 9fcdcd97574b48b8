import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useCallback, useEffect } from 'react'
import { articleQueryOptions } from '@/features/articles/api/get-article'
import { SAVED_CACHE } from '@/features/pwa/cache-names'
import { getSavedStories } from '@/features/saved/api/saved-stories'
import { apiUrl } from '@/lib/api-client'

/**
 * Keeps saved stories readable offline until they are unsaved: the saved feature's cache
 * (src/features/saved/api/saved-cache.ts) follows the saved list from now on, copying each story's
 * article (fetched afresh, so the query cache has it too) and its photos in every size the page may ask
 * for. Its code loads here, after the first render or on the first Save, never with the page.
 */
export function keepSavedStoriesOffline(queryClient: QueryClient): Promise<void> {
  return import('@/features/saved/api/saved-cache').then(({ keepSavedCacheInStep }) =>
    keepSavedCacheInStep(SAVED_CACHE, async (slug) => ({
      // The URL getArticle asks for: the one the service worker is asked for offline.
      articleUrl: apiUrl(`articles/${encodeURIComponent(slug)}.json`),
      article: await queryClient.fetchQuery({ ...articleQueryOptions(slug), staleTime: 0 }),
    })),
  )
}

const keepOffline = (queryClient: QueryClient) =>
  void keepSavedStoriesOffline(queryClient).catch(() => {
    // The code could not load (offline, on an old release): the next start tries again.
  })

/**
 * For a Save button's onSave. With stories saved, it also brings their copies in step once the page has
 * rendered: made again for a release whose data has another shape, made for stories saved in another
 * tab or while offline, removed for stories unsaved elsewhere.
 */
export function useKeepStoryOffline() {
  const queryClient = useQueryClient()
  useEffect(() => {
    if (getSavedStories().length > 0) keepOffline(queryClient)
  }, [queryClient])
  return useCallback(() => keepOffline(queryClient), [queryClient])
}
