import { placeToContinue, useReadStory } from '../api/reading-history'
import { continueReadingAt, READ } from '@/i18n/later'

/**
 * On a story's card: "Read" once the story has been opened on this device, or how far a long read left
 * partway has got. In words, not colour alone; `data-read` lets the card quieten its headline
 * (story-card.tsx). Nothing before the page is live: the prerendered page knows no history.
 */
export function ReadMark({ slug }: { slug: string }) {
  const story = useReadStory(slug)
  if (!story) return null
  const place = placeToContinue(story)
  return (
    <span
      data-read
      className="mr-3 inline-flex items-center gap-1 text-sm text-stone-600 dark:text-stone-400"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4">
        <path
          d="M3 8.5l3 3 7-7"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {place ? continueReadingAt(Math.round(place.progress * 100)) : READ}
    </span>
  )
}
