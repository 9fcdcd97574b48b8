import { useQueries, useQuery } from '@tanstack/react-query'
import { useLocation, useNavigate, useOutletContext } from 'react-router'
import { listingQueryOptions } from '@/features/articles/api/get-listing'
import type { Summary } from '@/features/articles/api/schemas'
import { StoryList } from '@/features/articles/components/story-list'
import { useFollowedTopics } from '@/features/following/api/followed-topics'
import { FollowingPage, type TopicFeed } from '@/features/following/components/following-page'
import { FOLLOW_PARAM } from '@/features/following/lib/share-link'
import { siteQueryOptions } from '@/features/site/api/get-site'
import { isNotFound } from '@/lib/api-error'
import { useDocumentTitle } from '@/lib/use-document-title'
import type { FrameExtras } from '../use-frame-extras'
import { RouteError } from './route-error'
import { FOLLOWING, FOLLOWING_INTRO } from '@/i18n/later'

/**
 * /following: the newest stories of every followed topic. Each topic's first listing page comes through
 * the articles feature's own query (the same cache entry as the topic's page), and each fails alone. A
 * shared link (`?follow=tags:climate`) is checked against the site's sections, tags and authors.
 */
export function Component() {
  useDocumentTitle(FOLLOWING)
  // The frame's extras, once the page is live (layout.tsx): here, Keep offline on Following.
  const extras = useOutletContext<FrameExtras | undefined>()
  const topics = useFollowedTopics()
  const listings = useQueries({
    queries: topics.map(({ kind, slug }) => listingQueryOptions({ kind, slug }, 1)),
  })
  // useLocation, not useSearchParams: that hook is not in the first route's code, and would be added to it.
  const { search } = useLocation()
  const navigate = useNavigate()
  const shared = new URLSearchParams(search).get(FOLLOW_PARAM)
  // The site's topics are needed only to check a shared link.
  const site = useQuery({ ...siteQueryOptions(), enabled: shared !== null })
  const feeds = topics.map((topic, i): TopicFeed<Summary> => {
    const listing = listings[i]!
    return {
      topic,
      stories: listing.data?.items,
      failure: listing.isLoadingError
        ? {
            message: listing.error.message,
            onRetry: () => void listing.refetch(),
            retrying: listing.isFetching,
            gone: isNotFound(listing.error),
          }
        : undefined,
    }
  })
  return (
    <>
      <header className="border-b-2 border-stone-900 pb-4 dark:border-stone-100">
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">{FOLLOWING}</h1>
        <p className="mt-2 text-stone-700 dark:text-stone-300">{FOLLOWING_INTRO}</p>
        {/* Its box keeps the toggle's height while it loads: nothing below moves. */}
        <div className="mt-3 min-h-8">{extras ? <extras.KeepFollowing /> : null}</div>
      </header>
      <FollowingPage
        feeds={feeds}
        renderStories={(stories, label) => <StoryList stories={stories} label={label} />}
        shared={shared}
        site={site.data}
        siteFailure={
          site.isLoadingError
            ? {
                message: site.error.message,
                onRetry: () => void site.refetch(),
                retrying: site.isFetching,
              }
            : undefined
        }
        onSharedDone={() => {
          const rest = new URLSearchParams(search)
          rest.delete(FOLLOW_PARAM)
          const next = rest.toString()
          void navigate({ search: next ? `?${next}` : '' }, { replace: true })
        }}
      />
      {/* Last on the page, so nothing moves when it arrives with the frame's extras. */}
      {extras && topics.length ? <extras.FollowingNotifyMe /> : null}
    </>
  )
}

export const ErrorBoundary = RouteError
