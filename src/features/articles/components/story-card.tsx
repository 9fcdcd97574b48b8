import { useQueryClient } from '@tanstack/react-query'
import { createContext, useContext, useId, type ReactNode } from 'react'
import { Link } from 'react-router'
import { paths } from '@/config/paths'
import { DateTime } from '@/components/ui/date-time'
import { StoryMark } from '@/components/ui/story-mark'
import { articleQueryOptions } from '../api/get-article'
import type { Summary } from '../api/schemas'
import { Byline } from './byline'
import { ResponsiveImage } from './responsive-image'
import { minRead, STORY_KINDS } from '@/i18n'

/** A card's photo: a 14rem column beside the text from 640px up, the column's whole width below. */
export const CARD_IMAGE_SIZES = '(min-width: 640px) 14rem, 100vw'

/**
 * Controls the app puts on every story card (Save), given the story and the id of its headline. A context,
 * so that the pages in src/app decide them without this feature importing another. The card's mark (Read)
 * goes before them, through the mark every kind of card shows (src/components/ui/story-mark.tsx).
 */
export const StoryCardActions = createContext<
  ((story: Summary, headlineId: string) => ReactNode) | null
>(null)

/**
 * The front page's lead story's photo: the page's width on a phone, three fifths of the 64rem column from
 * 768px up (the text takes the rest). tests/e2e/budgets checks a small screen still gets the smallest file.
 */
export const LEAD_IMAGE_SIZES = '(min-width: 1024px) 38rem, (min-width: 768px) 60vw, 100vw'

interface StoryCardProps {
  story: Summary
  /** The first card's photo is the largest thing on the first screen: load it first. */
  priority?: boolean
  /**
   * The front page's lead (docs/decisions/030-front-page.md): large, its photo above the headline on a
   * phone and before it from 768px up. Its looks are in src/styles.css (`article[data-lead]`), not here:
   * this card is in every page's first-route JavaScript.
   */
  lead?: boolean
}

export function StoryCard({ story, priority = false, lead = false }: StoryCardProps) {
  const queryClient = useQueryClient()
  // A reader who points at or tabs to a story is about to open it: start fetching it now.
  const prefetch = () => void queryClient.prefetchQuery(articleQueryOptions(story.slug))
  const renderActions = useContext(StoryCardActions)
  const headlineId = useId()
  return (
    <article
      data-lead={lead ? '' : undefined}
      className="group grid gap-4 border-b border-stone-200 py-6 sm:grid-cols-[1fr_14rem] dark:border-stone-800"
    >
      {/* min-w-0 and wrap-anywhere: a headline or name with a very long word wraps inside the column
          instead of widening it and pushing the photo and the Save button off the screen. */}
      <div className="min-w-0 wrap-anywhere">
        <p className="text-xs font-semibold tracking-wide text-sky-800 uppercase dark:text-sky-300">
          <Link to={paths.section(story.section.slug)} className="hover:underline">
            {/* Names come from the newsroom's data: isolated, a right-to-left name (or a stray
                override character) cannot reorder the " · Analysis" after it. */}
            <bdi>{story.section.name}</bdi>
          </Link>
          {story.kind !== 'news' ? (
            <span className="text-stone-500 dark:text-stone-400"> · {STORY_KINDS[story.kind]}</span>
          ) : null}
        </p>
        {/* A story in another language than the site's: its language and direction, as the API gives them
            (worked out at build time, docs/api.md), on the two parts written in it. A story already read
            (its "Read" mark, among the actions, has data-read) has a quieter headline. */}
        <h2
          id={headlineId}
          lang={story.lang}
          dir={story.dir}
          className="mt-1 font-serif text-xl leading-snug font-bold group-has-data-read:opacity-75"
        >
          <Link
            to={paths.article(story.slug)}
            onMouseEnter={prefetch}
            onFocus={prefetch}
            className="hover:underline"
          >
            {story.headline}
          </Link>
        </h2>
        <p lang={story.lang} dir={story.dir} className="mt-2 text-stone-700 dark:text-stone-300">
          {story.summary}
        </p>
        {/* The time on a line of its own: the prerendered page gives it in UTC, and the live page
            replaces that with the reader's longer "2 hours ago · …", which beside the byline would wrap
            the line and move everything below it (a layout shift as the app starts). */}
        <p className="mt-2 flex flex-wrap gap-x-3 text-sm text-stone-600 dark:text-stone-400">
          <Byline author={story.author} />
          <span>{minRead(story.readingMinutes)}</span>
          <DateTime value={story.published} className="basis-full" />
        </p>
        {renderActions ? (
          <div className="mt-3">
            <StoryMark slug={story.slug} />
            {renderActions(story, headlineId)}
          </div>
        ) : null}
      </div>
      {story.image ? (
        <ResponsiveImage
          image={story.image}
          sizes={lead ? LEAD_IMAGE_SIZES : CARD_IMAGE_SIZES}
          priority={priority}
          className="aspect-video w-full rounded object-cover sm:row-start-1 sm:col-start-2"
        />
      ) : null}
    </article>
  )
}
