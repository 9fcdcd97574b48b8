import { Skeleton } from '@/components/ui/skeleton'
import type { Summary } from '../api/schemas'
import { StoryCard } from './story-card'
import { LOADING_STORIES } from '@/i18n'

interface StoryListProps {
  stories: Summary[]
  label: string
  /** The id of the story the list leads with, large (the front page's lead), wherever it is in `stories`. */
  lead?: number
}

export function StoryList({ stories, label, lead }: StoryListProps) {
  const top = lead === undefined ? undefined : stories.find((story) => story.id === lead)
  const others = top ? stories.filter((story) => story !== top) : stories
  // The first photo on the page is the largest thing on the first screen: it loads first.
  const first = top?.image ? top : others.find((story) => story.image)
  return (
    <section aria-label={label}>
      {top ? <StoryCard story={top} priority={top === first} lead /> : null}
      {others.map((story) => (
        <StoryCard key={story.slug} story={story} priority={story === first} />
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
