import { useRef, useState } from 'react'
import { Link } from 'react-router'
import { paths } from '@/config/paths'
import { DateTime } from '@/components/ui/date-time'
import { StoryMark } from '@/components/ui/story-mark'
import {
  BY,
  GO_TO_LATEST,
  HOW_TO_SAVE,
  minRead,
  NO_SAVED_STORIES,
  removedFromSaved,
  SAVED,
  SAVED_STORIES_LIST,
  UNSAVE,
} from '@/i18n/later'
import { unsaveStory, useSavedStories, type SavedStory } from '../api/saved-stories'

/** The saved stories, newest saved first, each with Unsave; or how to save one. */
export function SavedStoryList() {
  const stories = useSavedStories()
  const [removed, setRemoved] = useState<string | null>(null)
  const list = useRef<HTMLOListElement>(null)

  const unsave = (story: SavedStory, index: number) => {
    unsaveStory(story.slug)
    setRemoved(story.headline)
    // Focus goes on to the next story's button (or the one before), not back to the top of the page.
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button[data-unsave]')
    const next = buttons?.[index + 1] ?? buttons?.[index - 1]
    next?.focus()
  }

  return (
    <>
      <p role="status" className="sr-only">
        {removed ? removedFromSaved(removed) : ''}
      </p>
      {stories.length === 0 ? (
        <div className="py-10 text-center">
          <p className="text-lg">{NO_SAVED_STORIES}</p>
          <p className="mt-2 text-stone-700 dark:text-stone-300">{HOW_TO_SAVE}</p>
          <p className="mt-4">
            <Link
              to={paths.home()}
              className="font-medium text-sky-700 underline dark:text-sky-400"
            >
              {GO_TO_LATEST}
            </Link>
          </p>
        </div>
      ) : (
        <ol ref={list} aria-label={SAVED_STORIES_LIST}>
          {stories.map((story, index) => (
            <li key={story.slug}>
              <SavedStoryItem story={story} onUnsave={() => unsave(story, index)} />
            </li>
          ))}
        </ol>
      )}
    </>
  )
}

interface SavedStoryItemProps {
  story: SavedStory
  onUnsave: () => void
}

function SavedStoryItem({ story, onUnsave }: SavedStoryItemProps) {
  const headingId = `saved-${story.slug}`
  return (
    // `group`: a story already read quietens its headline (the mark carries data-read).
    <article className="group border-b border-stone-200 py-6 dark:border-stone-800">
      {/* Names from the newsroom's data, isolated: bidi text cannot reorder the words around them. */}
      <p className="text-xs font-semibold tracking-wide text-sky-800 uppercase dark:text-sky-300">
        <bdi>{story.section.name}</bdi>
      </p>
      <h2
        id={headingId}
        className="mt-1 font-serif text-xl leading-snug font-bold group-has-data-read:opacity-75"
      >
        <Link to={paths.article(story.slug)} className="hover:underline">
          {story.headline}
        </Link>
      </h2>
      <p className="mt-2 text-stone-700 dark:text-stone-300">{story.summary}</p>
      <p className="mt-2 flex flex-wrap gap-x-3 text-sm text-stone-600 dark:text-stone-400">
        <span>
          {BY} <bdi>{story.author.name}</bdi>
        </span>
        <DateTime value={new Date(story.savedAt).toISOString()} label={SAVED} />
        <span>{minRead(story.readingMinutes)}</span>
      </p>
      <div className="mt-3">
        <StoryMark slug={story.slug} />
        <button
          type="button"
          data-unsave
          aria-describedby={headingId}
          onClick={onUnsave}
          className="rounded border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"
        >
          {UNSAVE}
        </button>
      </div>
    </article>
  )
}
