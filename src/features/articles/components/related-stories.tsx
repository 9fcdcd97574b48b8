import { useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router'
import { DateTime } from '@/components/ui/date-time'
import { Skeleton } from '@/components/ui/skeleton'
import { paths } from '@/config/paths'
import { articleQueryOptions } from '../api/get-article'
import type { Article, RelatedStory } from '../api/schemas'
import { MoreFromSection } from './more-from-section'
import { LOADING_RELATED, minRead } from '@/i18n'
import { allStoriesIn, NO_RELATED_STORIES, RELATED_STORIES } from '@/i18n/later'

interface RelatedStoriesProps {
  /** The story on screen (never offered again), with its related stories, best match first (docs/api.md). */
  story: Pick<Article, 'slug' | 'section' | 'related'>
  /** The story's own data is still on its way, so whether it has related stories is not known yet. */
  waiting?: boolean
  limit?: number
}

/**
 * The box below a story: its related stories, which come with the story and need no request of their own.
 * From an API that does not give them (or when the story itself failed to load), the section's latest
 * stories instead, in a box that loads, and fails, on its own.
 */
export function RelatedStories({ story, waiting = false, limit = 4 }: RelatedStoriesProps) {
  const { slug, section, related } = story
  if (!related && !waiting)
    return <MoreFromSection section={section} exclude={slug} limit={limit} />
  const stories = related?.filter((s) => s.slug !== slug).slice(0, limit)
  return (
    <aside aria-labelledby="related-stories" className="mx-auto mt-12 max-w-2xl">
      <h2 id="related-stories" className="font-serif text-xl font-bold">
        {RELATED_STORIES}
      </h2>
      {!stories ? (
        <div className="mt-4 space-y-3" role="status" aria-label={LOADING_RELATED}>
          {Array.from({ length: limit }, (_, i) => (
            <Skeleton key={i} className="h-5 w-4/5" />
          ))}
        </div>
      ) : stories.length ? (
        <ul className="mt-4 divide-y divide-stone-200 dark:divide-stone-800">
          {stories.map((story) => (
            <RelatedItem key={story.slug} story={story} />
          ))}
        </ul>
      ) : (
        <p className="mt-4 text-stone-600 dark:text-stone-400">{NO_RELATED_STORIES}</p>
      )}
      <p className="mt-4">
        <Link
          to={paths.section(section.slug)}
          className="text-sm font-medium text-sky-700 underline dark:text-sky-400"
        >
          {/* Names come from the newsroom's data: isolated, so bidi text cannot reorder the words around it. */}
          {allStoriesIn(<bdi key="section">{section.name}</bdi>)}
        </Link>
      </p>
    </aside>
  )
}

function RelatedItem({ story }: { story: RelatedStory }) {
  const queryClient = useQueryClient()
  // A reader who points at or tabs to a story is about to open it: start fetching it now.
  const prefetch = () => void queryClient.prefetchQuery(articleQueryOptions(story.slug))
  return (
    <li className="py-3 wrap-anywhere">
      {/* A headline in another language than the site's, with its language and direction. */}
      <Link
        to={paths.article(story.slug)}
        lang={story.lang}
        dir={story.dir}
        onMouseEnter={prefetch}
        onFocus={prefetch}
        className="font-medium hover:underline"
      >
        {story.headline}
      </Link>
      <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-stone-600 dark:text-stone-400">
        <bdi>{story.section.name}</bdi>
        <DateTime value={story.published} />
        <span>{minRead(story.readingMinutes)}</span>
      </p>
    </li>
  )
}
