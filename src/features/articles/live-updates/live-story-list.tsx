import { useLayoutEffect, useRef, useState, type MouseEvent } from 'react'
import { useHydrated } from '@/lib/use-hydrated'
import { leadStory } from '../api/lead-story'
import type { Summary } from '../api/schemas'
import { StoryList } from '../components/story-list'
import { newStories, newStoriesAvailable } from '@/i18n'

interface LiveStoryListProps {
  /** The listing as the cache has it now: newer than what is on screen after a background check. */
  stories: Summary[]
  label: string
  /** Whether new stories wait behind the "N new stories" button (page 1, unfiltered) or just show. */
  live: boolean
  /**
   * Home's first page: the list opens with a lead story, large (docs/decisions/030-front-page.md), chosen
   * when the list mounts and kept: stories arriving later join below it, behind the button.
   */
  front?: boolean
}

interface Pending {
  byKeyboard: boolean
  /** The first card at least partly on screen, and its distance from the top of the viewport. */
  anchor?: Element
  top: number
}

/**
 * A story list that never moves under the reader: stories that arrive in the background wait behind a
 * button; inserting them keeps the card the reader was looking at where it was on screen.
 */
export function LiveStoryList({ stories, label, live, front = false }: LiveStoryListProps) {
  const hydrated = useHydrated()
  const [shown, setShown] = useState({ from: stories, items: stories })
  const [lead] = useState(() => (front ? leadStory(stories)?.id : undefined))
  const list = useRef<HTMLDivElement>(null)
  const pending = useRef<Pending | null>(null)

  const onScreen = new Set(shown.items.map((s) => s.id))
  const fresh = live && hydrated ? stories.filter((s) => !onScreen.has(s.id)) : []
  if (stories !== shown.from && !fresh.length) {
    // Nothing new, only corrections or removals: show the listing as it is now.
    setShown({ from: stories, items: stories })
  }
  // Stories already on screen show their latest copy (a corrected headline) in the same place.
  const latest = new Map(stories.map((s) => [s.id, s]))
  const items = shown.items.map((s) => latest.get(s.id) ?? s)

  useLayoutEffect(() => {
    const done = pending.current
    pending.current = null
    if (!done) return
    if (done.byKeyboard) {
      // The first new story: they come in below the front page's lead (data-lead), not above it.
      list.current?.querySelector<HTMLElement>('article:not([data-lead]) h2 a')?.focus()
    } else if (done.anchor?.isConnected) {
      const moved = done.anchor.getBoundingClientRect().top - done.top
      if (moved) window.scrollBy({ top: moved, behavior: 'instant' })
    }
  })

  const insert = (event: MouseEvent) => {
    const cards = [...(list.current?.querySelectorAll('article') ?? [])]
    // Scrolled to the top, the reader sees the new stories appear; scrolled down, nothing moves.
    const scrolledDown = (list.current?.getBoundingClientRect().top ?? 0) < 0
    const anchor = scrolledDown
      ? cards.find((c) => c.getBoundingClientRect().bottom > 0)
      : undefined
    pending.current = {
      // A click from Enter or Space has no pointer: detail is 0.
      byKeyboard: event.detail === 0,
      anchor,
      top: anchor?.getBoundingClientRect().top ?? 0,
    }
    setShown({ from: stories, items: [...fresh, ...items] })
  }

  return (
    <div ref={list}>
      <p aria-live="polite" className="sr-only">
        {fresh.length ? newStoriesAvailable(fresh.length) : ''}
      </p>
      {fresh.length ? (
        // No height: the button floats over the list, so its coming and going never moves a story.
        <div className="sticky top-2 z-10 flex h-0 justify-center">
          <button
            type="button"
            onClick={insert}
            className="mt-2 rounded-full bg-sky-800 px-4 py-2 font-semibold text-white shadow hover:bg-sky-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700 dark:bg-sky-300 dark:text-stone-950 dark:hover:bg-sky-200"
          >
            <span aria-hidden="true">↑ </span>
            {newStories(fresh.length)}
          </button>
        </div>
      ) : null}
      <StoryList stories={items} label={label} lead={lead} />
    </div>
  )
}
