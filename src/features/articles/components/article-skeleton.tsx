import { Skeleton } from '@/components/ui/skeleton'
import { LOADING_STORY } from '@/i18n'

/** Holds a story's layout while it loads. */
export function ArticleSkeleton() {
  return (
    <div role="status" aria-label={LOADING_STORY} className="mx-auto max-w-2xl space-y-4">
      <Skeleton className="h-4 w-24" />
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-5 w-3/4" />
      <Skeleton className="aspect-video w-full" />
    </div>
  )
}
