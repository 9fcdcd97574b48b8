import { useQuery } from '@tanstack/react-query'
import { Link, useLoaderData, useOutletContext } from 'react-router'
import { paths, type ListingRef } from '@/config/paths'
import { ErrorPanel } from '@/components/ui/error-panel'
import { Pagination } from '@/components/ui/pagination'
import { listingQueryOptions } from '@/features/articles/api/get-listing'
import { SectionRows } from '@/features/articles/components/section-rows'
import { StoryListSkeleton } from '@/features/articles/components/story-list'
import { LiveStoryList } from '@/features/articles/live-updates/live-story-list'
import { useLiveUpdates } from '@/features/articles/live-updates/use-live-updates'
import { TagFilter } from '@/features/articles/components/tag-filter'
import { FeedLinks, useFeedAutodiscovery } from '@/features/feeds/components/feed-links'
import { siteQueryOptions } from '@/features/site/api/get-site'
import type { StableSite } from '@/features/site/api/schemas'
import { useDocumentTitle } from '@/lib/use-document-title'
import { nameListing } from '../listing-names'
import type { FrameExtras } from '../use-frame-extras'
import type { ListingParams } from './listing-loader'
import { RouteError } from './route-error'
import {
  CLEAR_FILTERS,
  listingTitle,
  NO_STORIES_WITH_TAGS,
  NO_STORIES_YET,
  STORIES_LOAD_FAILED,
  storiesPage,
} from '@/i18n'

/** Home, section, tag and author pages: one listing view, told apart by the route's ref. */
export function Component() {
  const { ref, page, tags } = useLoaderData() as ListingParams
  const listing = useQuery(listingQueryOptions(ref, page, tags))
  const site = useQuery(siteQueryOptions())
  // The frame's extras, once the page is live (layout.tsx): here, the Follow toggle.
  const extras = useOutletContext<FrameExtras | undefined>()
  // Only page 1 of a whole listing hears of new stories. Further pages shift by one story for every new
  // one, so their "new" stories would only be old ones pushed down; a filtered page is built from several
  // files, and a check of all of them every minute would cost more than it tells.
  const live = page === 1 && !tags.length
  useLiveUpdates(ref, live)
  const heading = headingFor(ref, site.data)
  const tagNames = tags.map((slug) => site.data?.tags.find((t) => t.slug === slug)?.name ?? slug)
  const title = listingTitle(heading.title, tagNames, page)
  useDocumentTitle(ref.kind === 'latest' && !tags.length && page === 1 ? '' : title)
  useFeedAutodiscovery(ref, heading.title)

  // Home, page 1, unfiltered: the front page (docs/decisions/030-front-page.md).
  const front = live && ref.kind === 'latest'

  return (
    <>
      <header className="border-b-2 border-stone-900 pb-4 dark:border-stone-100">
        {heading.eyebrow ? (
          <p className="text-sm font-semibold tracking-wide text-sky-800 uppercase dark:text-sky-300">
            {heading.eyebrow}
          </p>
        ) : null}
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">{heading.title}</h1>
        {heading.description ? (
          <p className="mt-2 text-stone-700 dark:text-stone-300">{heading.description}</p>
        ) : null}
        {ref.kind === 'latest' ? null : (
          // Its box keeps the toggle's height while it loads: nothing below moves.
          <div className="mt-3 min-h-8">
            {extras ? <extras.FollowButton topic={ref} name={heading.title} /> : null}
            {extras ? (
              <span className="ms-2">
                <extras.KeepOffline topic={ref} name={heading.title} />
              </span>
            ) : null}
          </div>
        )}
        <FeedLinks listing={ref} />
        <TagFilter
          listing={ref}
          active={tags}
          tags={site.data?.tags ?? []}
          total={listing.data?.total}
        />
      </header>
      {listing.isPending ? (
        <StoryListSkeleton />
      ) : // Only a failure with nothing to show replaces the stories; a failed background refresh
      // keeps the ones on screen.
      listing.isLoadingError ? (
        <div className="mt-6">
          <ErrorPanel
            title={STORIES_LOAD_FAILED}
            message={listing.error.message}
            onRetry={() => void listing.refetch()}
            retrying={listing.isFetching}
          />
        </div>
      ) : listing.data.items.length === 0 ? (
        <div className="py-10 text-center">
          <p className="text-lg">{tags.length ? NO_STORIES_WITH_TAGS : NO_STORIES_YET}</p>
          {tags.length ? (
            <p className="mt-2">
              <Link
                to={paths.listing(ref)}
                className="font-medium text-sky-700 underline dark:text-sky-400"
              >
                {CLEAR_FILTERS}
              </Link>
            </p>
          ) : null}
        </div>
      ) : (
        <>
          <LiveStoryList
            // A new listing (another section, other tags) starts from what it has, with nothing held back.
            key={paths.listing(ref, page, tags)}
            stories={listing.data.items}
            label={storiesPage(page)}
            live={live}
            front={front}
          />
          <Pagination
            page={listing.data.page}
            pageCount={listing.data.pageCount}
            hrefFor={(n) => paths.listing(ref, n, tags)}
          />
          {front ? <SectionRows /> : null}
        </>
      )}
    </>
  )
}

export const ErrorBoundary = RouteError

function headingFor(ref: ListingRef, site: StableSite | undefined) {
  const { label, name, about } = nameListing(ref, site)
  return { eyebrow: label, title: name, description: about }
}
