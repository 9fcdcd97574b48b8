import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { ErrorPanel } from '@/components/ui/error-panel'
import { NotFound } from '@/components/ui/not-found'
import {
  articleQueryOptions,
  findCachedSummary,
  placeholderFromSummary,
} from '@/features/articles/api/get-article'
import { ArticleSkeleton } from '@/features/articles/components/article-skeleton'
import { ArticleView } from '@/features/articles/components/article-view'
import { MoreFromSection } from '@/features/articles/components/more-from-section'
import { isNotFound } from '@/lib/api-client'
import { useDocumentTitle } from '@/lib/use-document-title'
import { RouteError } from './route-error'

export function Component() {
  const slug = useParams().slug ?? ''
  const queryClient = useQueryClient()
  const summary = findCachedSummary(queryClient, slug)
  const query = useQuery({
    ...articleQueryOptions(slug),
    placeholderData: summary ? placeholderFromSummary(summary) : undefined,
  })
  // What the reader already saw stays on screen when the body fails to arrive.
  const article = query.data ?? (summary ? placeholderFromSummary(summary) : undefined)
  useDocumentTitle(article?.headline ?? (query.isError ? 'Story unavailable' : undefined))

  if (query.isError && isNotFound(query.error)) return <NotFound what="story" />
  const failure = query.isError ? (
    <ErrorPanel
      title="This story could not be loaded"
      message={query.error.message}
      onRetry={() => void query.refetch()}
      retrying={query.isFetching}
    />
  ) : null
  if (!article)
    return failure ? <section aria-label="Story">{failure}</section> : <ArticleSkeleton />

  return (
    <>
      <ArticleView
        article={article}
        bodyPending={query.isPlaceholderData || !query.data}
        bodyError={query.data ? null : failure}
      />
      <MoreFromSection section={article.section} exclude={article.slug} />
    </>
  )
}

export const ErrorBoundary = RouteError
