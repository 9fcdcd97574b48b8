import { queryOptions, type QueryClient } from '@tanstack/react-query'
import { fetchJson } from '@/lib/api-client'
import { ARTICLE_STALE_TIME } from '@/lib/query-client'
import { articleKeys } from './keys'
import type { Article, ListingPage, Summary } from './schemas'

// Loaded with the first request, not with the page (src/lib/api-client.ts).
const ArticleSchema = () => import('./schemas').then((m) => m.ArticleSchema)

/** A story by its slug; `client` is the QueryClient it is fetched for, whose API transport it uses. */
export function getArticle(
  slug: string,
  signal?: AbortSignal,
  client?: QueryClient,
): Promise<Article> {
  return fetchJson(`articles/${encodeURIComponent(slug)}.json`, ArticleSchema, signal, client)
}

export function articleQueryOptions(slug: string) {
  return queryOptions({
    queryKey: articleKeys.detail(slug),
    queryFn: ({ signal, client }) => getArticle(slug, signal, client),
    staleTime: ARTICLE_STALE_TIME,
    // The route's loader asks for the story on every visit; the page mounting must not ask again for a
    // story whose request has just failed (the page shows that failure, with Retry).
    retryOnMount: false,
  })
}

/** A story's summary from any listing already in the cache, to show at once while its body loads. */
export function findCachedSummary(queryClient: QueryClient, slug: string): Summary | undefined {
  for (const [, page] of queryClient.getQueriesData<ListingPage>({
    queryKey: articleKeys.lists(),
  })) {
    const found = page?.items.find((item) => item.slug === slug)
    if (found) return found
  }
  return undefined
}

/** An Article-shaped placeholder built from a summary: the body is empty until the real one arrives. */
export function placeholderFromSummary(summary: Summary): Article {
  return {
    ...summary,
    hero: summary.image ? { ...summary.image, caption: '', credit: '' } : null,
    body: [],
  }
}
