import { useSyncExternalStore } from 'react'
import { isFiniteNumber, isRecord } from '@/lib/guards'
import { createStoredList, type StoredList } from '@/lib/stored-list'

/**
 * The stories opened on this device (localStorage), newest opened first, at most MAX_STORIES of them; a
 * long read left partway also keeps its place. Every tab sees the same history (the `storage` event).
 * Where storage is blocked or full, the history still works for the rest of the visit, in memory.
 */

/** Where a reader left a story: a block of its body (by position) and how far through the body that is. */
export interface ReadingPlace {
  /** The index of the body block that was at the top of the screen. */
  block: number
  /** How far through the body, from 0 to 1. */
  progress: number
}

export interface ReadStory {
  slug: string
  /** When it was last opened (ms since the epoch). */
  openedAt: number
  place?: ReadingPlace
}

/** Enough for months of reading; the oldest opened fall off the end. */
export const MAX_STORIES = 500

export const STORAGE_KEY = 'newsroom:reading-history'

// Checked by hand, not with a schema library, as the saved stories are: the marks on every card read it,
// and the code loads after the first render (docs/decisions/009-performance-budgets.md).
function pickPlace(value: unknown): ReadingPlace | undefined {
  if (!isRecord(value)) return undefined
  const { block, progress } = value
  if (!isFiniteNumber(block) || !isFiniteNumber(progress)) return undefined
  return block >= 0 && progress >= 0 && progress <= 1
    ? { block: Math.floor(block), progress }
    : undefined
}

function pickStory(value: unknown): ReadStory | null {
  if (!isRecord(value) || typeof value.slug !== 'string' || !value.slug) return null
  if (!isFiniteNumber(value.openedAt)) return null
  const place = pickPlace(value.place)
  return place
    ? { slug: value.slug, openedAt: value.openedAt, place }
    : { slug: value.slug, openedAt: value.openedAt }
}

/**
 * The reading history as stored on this device. The page keeps one (`readingHistory`); a new one reads
 * back what the last one left, as a new visit would, and is how a test sees that the history survives.
 */
export const openReadingHistory = (): StoredList<ReadStory> =>
  createStoredList({ key: STORAGE_KEY, version: 1, parseEntry: pickStory })

/** This page's reading history. */
export const readingHistory = openReadingHistory()

/** Each version of the stored list by slug, made the first time it is asked for. */
const indexes = new WeakMap<readonly ReadStory[], Map<string, ReadStory>>()

/** The history by slug, in order, newest opened first. The same map until the history changes. */
function history(): Map<string, ReadStory> {
  const stories = readingHistory.read()
  let bySlug = indexes.get(stories)
  if (!bySlug) {
    bySlug = new Map(stories.map((story) => [story.slug, story]))
    indexes.set(stories, bySlug)
  }
  return bySlug
}

/** The stories opened on this device, newest opened first. */
export function getReadStories(): ReadStory[] {
  return [...history().values()]
}

export function getReadStory(slug: string): ReadStory | undefined {
  return history().get(slug)
}

function write(stories: readonly ReadStory[]) {
  readingHistory.write(stories.slice(0, MAX_STORIES))
}

/** Changes one story's entry where it stands in the history. */
function update(story: ReadStory) {
  write(getReadStories().map((s) => (s.slug === story.slug ? story : s)))
}

/** A story was opened: it moves to the front of the history, keeping its place. */
export function recordOpened(slug: string, now = Date.now()) {
  const others = getReadStories().filter((story) => story.slug !== slug)
  write([{ ...getReadStory(slug), slug, openedAt: now }, ...others])
}

/**
 * Where the reader is in a story already opened (a story not in the history is left out). Written only
 * when the block changes: scrolling within a block writes nothing, and the progress is the block's.
 */
export function recordPlace(slug: string, place: ReadingPlace) {
  const story = getReadStory(slug)
  if (story && story.place?.block !== place.block) update({ ...story, place })
}

/** The reader reached the end: the story keeps its mark, and forgets its place. */
export function clearPlace(slug: string) {
  const story = getReadStory(slug)
  if (story?.place) update({ slug, openedAt: story.openedAt })
}

/**
 * The place worth offering to continue from: one between 10 % and 90 % of the way through. Nearer the
 * start, reading again from the top costs nothing; nearer the end, the story is as good as finished.
 */
export function placeToContinue(story: ReadStory | undefined): ReadingPlace | undefined {
  const place = story?.place
  return place && place.progress >= 0.1 && place.progress <= 0.9 ? place : undefined
}

// HTML rendered at build time, and its hydration, know of no history; the device's follows.
const notRead = () => undefined

/** The story's entry in the history, or undefined when it has not been opened on this device. */
export function useReadStory(slug: string): ReadStory | undefined {
  return useSyncExternalStore(readingHistory.subscribe, () => getReadStory(slug), notRead)
}
