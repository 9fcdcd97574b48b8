import { useCallback, useSyncExternalStore } from 'react'
import { isFiniteNumber, isRecord } from '@/lib/guards'
import { createStoredList, type StoredList } from '@/lib/stored-list'

/**
 * Saved stories, kept on this device (localStorage): each story's summary, so the Saved page needs no
 * network, newest saved first. Every tab sees the same list (the `storage` event). Where storage is
 * blocked or full, saving still works for the rest of the visit, in memory.
 */

interface NamedRef {
  slug: string
  name: string
}

/** What a story needs to be saved: any story summary or article has it. */
export interface SavableStory {
  slug: string
  headline: string
  summary: string
  section: NamedRef
  author: NamedRef
  published: string
  readingMinutes: number
}

export interface SavedStory extends SavableStory {
  savedAt: number
}

// Checked by hand, not with a schema library: the Save button on every card reads the list during the
// first render, and a library would load with every page for it (docs/decisions/009-performance-budgets.md).
const isText = (value: unknown, minLength = 0): value is string =>
  typeof value === 'string' && value.length >= minLength

function namedRef(value: unknown): NamedRef | null {
  return isRecord(value) && isText(value.slug) && isText(value.name)
    ? { slug: value.slug, name: value.name }
    : null
}

/** The fields a saved story keeps, and nothing else; null when one is missing or of the wrong kind. */
function pickSavable(value: unknown): SavableStory | null {
  if (!isRecord(value)) return null
  const section = namedRef(value.section)
  const author = namedRef(value.author)
  const { slug, headline, summary, published, readingMinutes } = value
  if (!isText(slug, 1) || !isText(headline, 1) || !isText(summary) || !section || !author)
    return null
  if (!isText(published) || !isFiniteNumber(readingMinutes)) return null
  return { slug, headline, summary, section, author, published, readingMinutes }
}

function pickSaved(value: unknown): SavedStory | null {
  const story = pickSavable(value)
  const savedAt = isRecord(value) ? value.savedAt : undefined
  return story && isFiniteNumber(savedAt) ? { ...story, savedAt } : null
}

export const STORAGE_KEY = 'newsroom:saved-stories'

/**
 * The saved list as stored on this device. The page keeps one (`savedList`); a new one reads back what
 * the last one left, as a new visit would, and is how a test sees that the list survives.
 */
export const openSavedList = (): StoredList<SavedStory> =>
  createStoredList({ key: STORAGE_KEY, version: 1, parseEntry: pickSaved })

/** This page's saved list. */
export const savedList = openSavedList()

/** The saved stories, newest saved first. The same array until the list changes. */
export const getSavedStories = (): readonly SavedStory[] => savedList.read()

/** Calls `listener` whenever the list changes, in this tab or another; returns the unsubscribe. */
export const subscribe = savedList.subscribe

export function saveStory(story: SavableStory, now = Date.now()) {
  const picked = pickSavable(story)
  if (!picked) throw new TypeError('saveStory: not a story summary')
  const others = getSavedStories().filter((saved) => saved.slug !== picked.slug)
  savedList.write([{ ...picked, savedAt: now }, ...others])
}

export function unsaveStory(slug: string) {
  savedList.write(getSavedStories().filter((saved) => saved.slug !== slug))
}

export function isSaved(slug: string): boolean {
  return getSavedStories().some((saved) => saved.slug === slug)
}

const none: readonly SavedStory[] = []
// HTML rendered at build time, and its hydration, know of no saved stories; the device's list follows.
const nothingSaved = () => none
const notSaved = () => false

export function useSavedStories(): readonly SavedStory[] {
  return useSyncExternalStore(subscribe, getSavedStories, nothingSaved)
}

export function useIsSaved(slug: string): boolean {
  const snapshot = useCallback(() => isSaved(slug), [slug])
  return useSyncExternalStore(subscribe, snapshot, notSaved)
}
