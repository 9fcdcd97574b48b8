import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { HeadlineList } from '@/components/ui/headline-list'
import { paths } from '@/config/paths'
import { ErrorPanel } from '@/components/ui/error-panel'
import { Skeleton } from '@/components/ui/skeleton'
import { listingQueryOptions } from '../api/get-listing'
import type { Summary } from '../api/schemas'
import {
  allStoriesIn,
  loadingMoreFrom,
  moreFrom,
  moreFromFailed,
  noOtherStoriesIn,
} from '@/i18n/later'

interface MoreFromSectionProps {
  section: Summary['section']
  exclude: string
  limit?: number
}

/** Stories from the same section, in a box of its own: its failure never takes the article down. */
export function MoreFromSection({ section, exclude, limit = 4 }: MoreFromSectionProps) {
  const query = useQuery(listingQueryOptions({ kind: 'sections', slug: section.slug }, 1))
  const stories = query.data?.items.filter((s) => s.slug !== exclude).slice(0, limit)
  return (
    <aside aria-labelledby="more-from-section" className="mx-auto mt-12 max-w-2xl">
      <h2 id="more-from-section" className="font-serif text-xl font-bold">
        {moreFrom(section.name)}
      </h2>
      {query.isPending ? (
        <div className="mt-4 space-y-3" role="status" aria-label={loadingMoreFrom(section.name)}>
          {Array.from({ length: limit }, (_, i) => (
            <Skeleton key={i} className="h-5 w-4/5" />
          ))}
        </div>
      ) : // A failed background refresh keeps the stories already shown.
      query.isLoadingError ? (
        <div className="mt-4">
          <ErrorPanel
            title={moreFromFailed(section.name)}
            message={query.error.message}
            onRetry={() => void query.refetch()}
            retrying={query.isFetching}
            compact
          />
        </div>
      ) : stories?.length ? (
        <HeadlineList stories={stories} hrefFor={paths.article} className="mt-4" />
      ) : (
        <p className="mt-4 text-stone-600 dark:text-stone-400">{noOtherStoriesIn(section.name)}</p>
      )}
      <p className="mt-4">
        <Link
          to={paths.section(section.slug)}
          className="text-sm font-medium text-sky-700 underline dark:text-sky-400"
        >
          {allStoriesIn(section.name)}
        </Link>
      </p>
    </aside>
  )
}
