import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { Link } from 'react-router'
import { ErrorPanel } from '@/components/ui/error-panel'
import { paths } from '@/config/paths'
import { frontQueryOptions } from '../api/get-front'
import type { RelatedStory } from '../api/schemas'
import { STORIES_LOAD_FAILED } from '@/i18n'

/**
 * The front page's row for each section: its newest stories (front.json), under the section's name, which
 * links to the section. A part of its own: its failure says so here, with Retry, and leaves the lead and the
 * latest stories alone. A section with no stories has no row.
 */
export function SectionRows() {
  const front = useQuery(frontQueryOptions())
  if (front.isPending) return null
  if (front.isLoadingError)
    return (
      <div className="mt-10">
        <ErrorPanel
          title={STORIES_LOAD_FAILED}
          message={front.error.message}
          onRetry={() => void front.refetch()}
          retrying={front.isFetching}
          compact
        />
      </div>
    )
  return (
    <div className="mt-10 grid gap-x-8 gap-y-6 sm:grid-cols-2 lg:grid-cols-3">
      {front.data.sections.map(({ slug, items }) =>
        items.length ? <SectionRow key={slug} slug={slug} stories={items} /> : null,
      )}
    </div>
  )
}

function SectionRow({ slug, stories }: { slug: string; stories: RelatedStory[] }) {
  const headingId = useId()
  return (
    <section
      aria-labelledby={headingId}
      className="border-t-2 border-stone-900 pt-2 dark:border-stone-100"
    >
      <h2 id={headingId} className="font-serif text-xl font-bold">
        <Link to={paths.section(slug)} className="hover:underline">
          <bdi>{stories[0]!.section.name}</bdi>
        </Link>
      </h2>
      {/* Its own list, not HeadlineList: sharing that with the story page's boxes would split it into a
          chunk of its own, one more file in both pages' first routes. */}
      <ul>
        {stories.map((story) => (
          <li key={story.slug} className="py-1.5">
            <Link
              to={paths.article(story.slug)}
              lang={story.lang}
              dir={story.dir}
              className="font-medium hover:underline"
            >
              {story.headline}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
