import { useEffect, useState, type RefObject } from 'react'
import {
  clearPlace,
  getReadStory,
  placeToContinue,
  recordOpened,
  recordPlace,
  type ReadingPlace,
} from '../api/reading-history'
import { goToBlock, placeOnScreen } from '../lib/body-place'
import { CONTINUE_READING, leftOff } from '@/i18n/later'

/** What a story page tells the reading history: any story summary or article has it. */
export interface OpenedStory {
  slug: string
  kind: string
  readingMinutes: number
}

/**
 * A long read keeps the reader's place: five minutes or more, the length past which a story is often
 * left and come back to (a shorter one is a few screens, read in one go, from the top again if need be).
 */
export const isLongRead = (story: OpenedStory) =>
  story.kind === 'longread' || story.readingMinutes >= 5

const percent = (place: ReadingPlace) => Math.round(place.progress * 100)

/**
 * On a story's page: records that the story was opened; on a long read, keeps the place the reader has
 * reached (the body block at the top of the screen) as they scroll, and forgets it at the end. A long
 * read left partway offers "Continue reading", which brings that block back and moves focus to it. It
 * never scrolls by itself: the reader chooses.
 */
export function ContinueReading({
  story,
  body,
  bodyShown,
}: {
  story: OpenedStory
  /**
   * The story's body, whose children are its blocks (../lib/body-place.ts), as the page hands it over:
   * its markup is the articles feature's, not this one's to look for.
   */
  body: RefObject<HTMLElement | null>
  /** The body is on the page (not its placeholder), so its blocks can be found. */
  bodyShown: boolean
}) {
  const { slug } = story
  const longRead = isLongRead(story)
  // The place as it was when the story was opened, not as the reader moves on from it.
  const placeWhenOpened = () => ({
    slug,
    place: longRead ? placeToContinue(getReadStory(slug)) : undefined,
  })
  const [offer, setOffer] = useState(placeWhenOpened)
  // Another story on the same page (a related story opened from this one): its own place.
  if (offer.slug !== slug) setOffer(placeWhenOpened())

  useEffect(() => recordOpened(slug), [slug])

  useEffect(() => {
    const element = bodyShown && longRead ? body.current : null
    if (!element) return
    let frame = 0
    const measure = () => {
      frame = 0
      const place = placeOnScreen(element)
      if (place.finished) {
        clearPlace(slug)
        setOffer((shown) => (shown.place ? { slug, place: undefined } : shown))
      } else if (place.progress >= 0.1) {
        // Nearer the start is no place worth keeping: a glance at the top keeps the place left before.
        recordPlace(slug, { block: place.block, progress: place.progress })
      }
    }
    // At most once a frame, reading layout only, and storage is written only when the block changes.
    const onScroll = () => {
      frame ||= requestAnimationFrame(measure)
    }
    window.addEventListener('scroll', onScroll, { passive: true })
    return () => {
      window.removeEventListener('scroll', onScroll)
      cancelAnimationFrame(frame)
    }
  }, [slug, longRead, bodyShown, body])

  const place = offer.place
  if (!place || !bodyShown) return null
  return (
    <p className="flex basis-full flex-wrap items-center gap-x-3 gap-y-1">
      <button
        type="button"
        onClick={() => {
          if (body.current) goToBlock(body.current, place.block)
          setOffer({ slug, place: undefined })
        }}
        className="rounded bg-sky-700 px-3 py-1 text-sm font-semibold text-white hover:bg-sky-800 dark:bg-sky-300 dark:text-stone-950 dark:hover:bg-sky-200"
      >
        {CONTINUE_READING}
      </button>
      <span className="text-sm text-stone-600 dark:text-stone-400">{leftOff(percent(place))}</span>
    </p>
  )
}
