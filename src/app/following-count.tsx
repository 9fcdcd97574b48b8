import { useQueries } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useLocation } from 'react-router'
import { paths } from '@/config/paths'
import { listingQueryOptions } from '@/features/articles/api/get-listing'
import { MAX_CHECKED_TOPICS } from '@/features/background-news/api/mirror'
import { setBadge, useOptedIn } from '@/features/background-news/api/opt-in'
import { useFollowedTopics } from '@/features/following/api/followed-topics'
import { countNewAcross } from '@/features/following/lib/merge'
import { countBadge, followingNew } from '@/i18n/later'

/**
 * The count of new stories when the app opens (issue 14, docs/decisions/029-following.md): what the
 * service worker counts while the app is closed (decision 032), here for every browser. Composed here:
 * the following feature's list, the articles feature's listings, the background-news feature's badge.
 */

/**
 * How many stories were published in the followed topics since the reader last saw them (each topic's
 * `seenUpTo`), each story once. Reads the first listing page of the first MAX_CHECKED_TOPICS topics, as
 * the worker does, through the same queries as Following (which then opens from the cache). A topic that
 * fails is not counted; one with a copy in the cache (offline) counts it. Null until every topic has
 * answered or failed, and when none answered: a count from nothing would say "nothing new".
 */
export function useNewInFollowing(): number | null {
  const topics = useFollowedTopics().slice(0, MAX_CHECKED_TOPICS)
  const listings = useQueries({
    queries: topics.map(({ kind, slug }) => ({
      ...listingQueryOptions({ kind, slug }, 1),
      // A topic that failed (on Following, say) is not asked again just because the count looks at it.
      retryOnMount: false,
    })),
  })
  if (!topics.length) return 0
  if (listings.some((listing) => listing.isPending)) return null
  const feeds = topics.flatMap((topic, i) => {
    const stories = listings[i]!.data?.items
    return stories ? [{ stories, seenUpTo: topic.seenUpTo }] : []
  })
  return feeds.length ? countNewAcross(feeds) : null
}

/**
 * Inside the header's Following link, once the frame's extras load: a badge with the number of new
 * stories, and the same out of sight, so the link is named "Following (3 new stories)". Both are placed
 * out of the flow (src/styles.css): nothing in the header moves when they come or go. None at 0, and none
 * on Following itself, which shows the stories and records the visit. Where the reader opted in to
 * notifications, the app's badge is set to the same count (cleared at 0), so the icon agrees.
 */
export function FollowingCount() {
  const counted = useNewInFollowing()
  const onFollowing = useLocation().pathname === paths.following()
  const count = onFollowing ? 0 : counted
  const optedIn = useOptedIn()
  useEffect(() => {
    if (optedIn && count !== null) setBadge(count)
  }, [optedIn, count])
  if (!count) return null
  return (
    <>
      <span className="sr-only">{followingNew(count)}</span>
      <span aria-hidden="true" className="following-count">
        {countBadge(count)}
      </span>
    </>
  )
}
