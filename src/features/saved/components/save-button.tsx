import { saveStory, unsaveStory, useIsSaved, type SavableStory } from '../api/saved-stories'
import { saveToggleMark } from '@/lib/save-toggle'
import { SAVE, SAVED } from '@/i18n'

interface SaveButtonProps {
  story: SavableStory
  /** The id of the story's headline, so "Save" says which story it saves. */
  describedBy?: string
  /** Called after saving, to make the story readable offline. */
  onSave?: (story: SavableStory) => void
}

/** A toggle: "Save" keeps the story on this device, "Saved" (pressed) takes it off again. */
export function SaveButton({ story, describedBy, onSave }: SaveButtonProps) {
  const saved = useIsSaved(story.slug)
  return (
    <button
      type="button"
      {...saveToggleMark}
      aria-pressed={saved}
      aria-describedby={describedBy}
      onClick={() => {
        if (saved) {
          unsaveStory(story.slug)
        } else {
          saveStory(story)
          onSave?.(story)
        }
      }}
      className="inline-flex items-center gap-1 rounded border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 aria-pressed:border-sky-700 aria-pressed:bg-sky-50 aria-pressed:text-sky-900 dark:border-stone-700 dark:hover:bg-stone-800 dark:aria-pressed:bg-sky-950 dark:aria-pressed:text-sky-100"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4">
        <path
          d="M4 2h8v12l-4-3-4 3z"
          fill={saved ? 'currentColor' : 'none'}
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinejoin="round"
        />
      </svg>
      {saved ? SAVED : SAVE}
    </button>
  )
}
