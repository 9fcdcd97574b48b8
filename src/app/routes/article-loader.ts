import type { QueryClient } from '@tanstack/react-query'
import { redirect, type LoaderFunctionArgs } from 'react-router'
import { articleQueryOptions, findCachedSummary } from '@/features/articles/api/get-article'
import { paths } from '@/config/paths'
import { rethrowNotFound } from './not-found-response'

/**
 * Starts the story's fetch in parallel with the route's code. When a listing already holds its summary,
 * the page opens at once with the headline, summary and photo while the body loads; otherwise (a
 * bookmark, a shared link) the navigation waits for the story, so a missing one is a clean not-found.
 */
export function articleLoader(queryClient: QueryClient) {
  return async ({ params }: LoaderFunctionArgs) => {
    const slug = params.slug ?? ''
    const options = articleQueryOptions(slug)
    if (queryClient.getQueryData(options.queryKey)) return null
    if (findCachedSummary(queryClient, slug)) {
      // Not prefetchQuery: that is for guesses (no retries, see query-client.ts); this is the story the
      // reader opened. Its page shows the outcome, a failure included, so the promise has nothing to report.
      queryClient.fetchQuery(options).catch(() => {})
      return null
    }
    const article = await queryClient.ensureQueryData(options).catch(rethrowNotFound)
    // A renamed story's old address: its file is the story under its new slug (docs/api.md, redirects).
    if (article.slug !== slug) throw redirect(paths.article(article.slug))
    return null
  }
}
