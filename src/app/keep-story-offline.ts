import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { articleQueryOptions } from '@/features/articles/api/get-article'
import type { Article, Image } from '@/features/articles/api/schemas'
import { warmCache } from '@/features/pwa/api/warm-cache'
import { apiUrl } from '@/lib/api-client'

/**
 * Makes a saved story readable offline: fetches its article afresh (so the service worker's articles cache
 * holds it and the query cache, saved on the device, has it too), then its photos in every size the page
 * may ask for. Best effort: offline, the story stays saved and is fetched the next time it is opened.
 */
export async function keepStoryOffline(queryClient: QueryClient, slug: string): Promise<void> {
  try {
    const article = await queryClient.fetchQuery({ ...articleQueryOptions(slug), staleTime: 0 })
    await warmCache(articleImageUrls(article))
  } catch {
    // Not reachable now; nothing else to do.
  }
}

export function articleImageUrls(article: Article): string[] {
  const images: Image[] = []
  if (article.hero) images.push(article.hero)
  for (const block of article.body) if (block.type === 'figure') images.push(block.figure)
  return images.flatMap((image) => [image.src, ...image.srcset.map((s) => s.src)].map(apiUrl))
}

/** `keepStoryOffline` for the app's QueryClient, for a Save button's onSave. */
export function useKeepStoryOffline() {
  const queryClient = useQueryClient()
  return useCallback(
    (story: { slug: string }) => void keepStoryOffline(queryClient, story.slug),
    [queryClient],
  )
}
