import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { lazy, Suspense, use, useRef } from 'react'
import { useOutletContext, useParams, useRevalidator, useRouteError } from 'react-router'
import { env } from '@/config/env'
import { paths } from '@/config/paths'
import { ErrorPanel } from '@/components/ui/error-panel'
import { PartBoundary } from '@/components/ui/part-boundary'
import { NotFound } from '@/components/ui/not-found'
import {
  articleQueryOptions,
  findCachedSummary,
  placeholderFromSummary,
} from '@/features/articles/api/get-article'
import { articleKeys } from '@/features/articles/api/keys'
import type { Article } from '@/features/articles/api/schemas'
import { ArticleSkeleton } from '@/features/articles/components/article-skeleton'
import { ArticleView } from '@/features/articles/components/article-view'
import type { OfflineStory } from '@/features/pwa/api/offline-articles'
import { ShareButton } from '@/features/pwa/components/share-button'
import { useOfflineFailure } from '@/features/pwa/hooks/use-offline-failure'
import { SaveButton } from '@/features/saved/components/save-button'
import { isNotFound } from '@/lib/api-error'
import { retryableLazy } from '@/lib/retryable-lazy'
import { useDocumentTitle } from '@/lib/use-document-title'
import { useKeepStoryOffline } from '../keep-story-offline'
import type { FrameExtras } from '../use-frame-extras'
import { PrerenderedPartsContext } from '../ssr/prerendered-parts'
import { RouteError } from './route-error'
import {
  LOADING_RELATED,
  RELATED_FAILED,
  STORY,
  STORY_LOAD_FAILED,
  STORY_UNAVAILABLE,
} from '@/i18n'

// Only a failed load offline shows it: its code loads then (from the service worker's precache), not with
// every story (docs/decisions/009-performance-budgets.md).
const OfflineArticle = lazy(() =>
  import('@/features/pwa/components/offline-article').then((m) => ({ default: m.OfflineArticle })),
)

// Below the story, and loaded after it: its code is not part of the story's first route. A prerendered
// page carries its markup (PrerenderedPartsContext), which stays on screen while the code loads. Its code
// failing to load fails the box alone (PartBoundary), and Retry loads it again.
const lazyRelatedStories = retryableLazy(() =>
  import('@/features/articles/components/related-stories').then((m) => m.RelatedStories),
)

/** Where the box below the story sits, loading, loaded or failed: the same place, so nothing moves. */
const BELOW_STORY = 'mx-auto mt-12 max-w-2xl'

export function Component() {
  const RelatedStories = use(PrerenderedPartsContext).RelatedStories ?? lazyRelatedStories.Component
  // The body's element, handed to the reading history, which keeps the reader's place in it.
  const body = useRef<HTMLDivElement>(null)
  // The frame's extras, once the page is live (layout.tsx): here, the reading history's Continue reading.
  const extras = useOutletContext<FrameExtras | undefined>()
  const slug = useParams().slug ?? ''
  const queryClient = useQueryClient()
  const summary = findCachedSummary(queryClient, slug)
  const placeholder = summary ? placeholderFromSummary(summary) : undefined
  const query = useQuery({ ...articleQueryOptions(slug), placeholderData: placeholder })
  // What the reader already saw stays on screen when the body fails to arrive.
  const article = query.data ?? placeholder
  const retry = () => void query.refetch()
  // Offline with no copy of the story: say so, and offer what can be read instead.
  const offline = useOfflineFailure(query.data ? null : query.error, retry)
  useDocumentTitle(
    offline ? undefined : (article?.headline ?? (query.isError ? STORY_UNAVAILABLE : undefined)),
  )

  if (query.isError && isNotFound(query.error)) return <NotFound what="story" />
  if (offline) {
    return (
      <Suspense fallback={<ArticleSkeleton />}>
        <OfflineArticle
          slug={slug}
          headline={article?.headline}
          known={storiesInCache(queryClient)}
          onRetry={retry}
          retrying={query.isFetching}
        />
      </Suspense>
    )
  }
  const failure = query.isError ? (
    <ErrorPanel
      title={STORY_LOAD_FAILED}
      message={query.error.message}
      onRetry={retry}
      retrying={query.isFetching}
    />
  ) : null
  if (!article)
    return failure ? <section aria-label={STORY}>{failure}</section> : <ArticleSkeleton />

  const bodyPending = query.isPlaceholderData || !query.data
  return (
    <>
      <ArticleView
        article={article}
        bodyPending={bodyPending}
        bodyError={query.data ? null : failure}
        bodyRef={body}
        topicAction={
          extras
            ? (topic, nameId) => (
                <extras.FollowButton topic={topic} name={topic.name} describedBy={nameId} />
              )
            : undefined
        }
        actions={
          <>
            {extras ? (
              <extras.ContinueReading story={article} body={body} bodyShown={!bodyPending} />
            ) : null}
            <ArticleActions article={article} />
          </>
        }
      />
      <PartBoundary
        title={RELATED_FAILED}
        onRetry={lazyRelatedStories.retry}
        resetKey={slug}
        className={BELOW_STORY}
      >
        <Suspense
          fallback={
            <div role="status" aria-label={LOADING_RELATED} className={`${BELOW_STORY} min-h-48`} />
          }
        >
          <RelatedStories story={article} waiting={query.isPending || query.isPlaceholderData} />
        </Suspense>
      </PartBoundary>
    </>
  )
}

function ArticleActions({ article }: { article: Article }) {
  const keepOffline = useKeepStoryOffline()
  return (
    <>
      <SaveButton story={article} onSave={keepOffline} />
      <ShareButton
        title={article.headline}
        text={article.summary}
        url={new URL(paths.article(article.slug), env.siteUrl).href}
      />
    </>
  )
}

/**
 * A story the loader could not fetch: offline, the list of what can be read instead; anything else, the
 * usual not-found or failure.
 */
export function ErrorBoundary() {
  const error = useRouteError()
  const slug = useParams().slug ?? ''
  const queryClient = useQueryClient()
  const revalidator = useRevalidator()
  const retry = () => void revalidator.revalidate()
  const offline = useOfflineFailure(error, retry)
  if (!offline) return <RouteError />
  return (
    <OfflineArticle
      slug={slug}
      known={storiesInCache(queryClient)}
      onRetry={retry}
      retrying={revalidator.state === 'loading'}
    />
  )
}

/** Stories whose full text the query cache holds (restored from the device, too), newest first. */
function storiesInCache(queryClient: QueryClient): OfflineStory[] {
  return queryClient
    .getQueryCache()
    .findAll({ queryKey: articleKeys.details() })
    .filter((query) => query.state.data !== undefined)
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)
    .map((query) => {
      const article = query.state.data as Article
      return { slug: article.slug, headline: article.headline }
    })
}
