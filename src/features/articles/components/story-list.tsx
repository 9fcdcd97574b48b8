import { Skeleton } from '@/components/ui/skeleton'
import type { Summary } from '../api/schemas'
import { StoryCard } from './story-card'
import { LOADING_STORIES } from '@/i18n'

export function StoryList({ stories, label }: { stories: Summary[]; label: string }) {
  const lead = stories.find((story) => story.image)
  return (
    <section aria-label={label}>
      {stories.map((story) => (
        // The first photo on the page is the largest thing on the first screen: it loads first.
        <StoryCard key={story.slug} story={story} priority={story === lead} />
      ))}
    </section>
  )
}

/** Holds a listing's layout while its stories load. */
export function StoryListSkeleton({ count = 6 }: { count?: number }) {
  return (
    <div aria-busy="true" aria-label={LOADING_STORIES} role="status">
      {Array.from({ length: count }, (_, i) => (
        <div
          key={i}
          className="grid gap-4 border-b border-stone-200 py-6 sm:grid-cols-[1fr_14rem] dark:border-stone-800"
        >
          <div className="space-y-3">
            <Skeleton className="h-3 w-20" />
            <Skeleton className="h-6 w-4/5" />
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-2/3" />
          </div>
          <Skeleton className="aspect-video w-full" />
        </div>
      ))}
    </div>
  )
}
