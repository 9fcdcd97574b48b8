import { useCallback, useSyncExternalStore } from 'react'

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
type Fields = Record<string, unknown>
const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isText = (value: unknown, minLength = 0): value is string =>
  typeof value === 'string' && value.length >= minLength
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && !Number.isNaN(value)

function namedRef(value: unknown): NamedRef | null {
  return isFields(value) && isText(value.slug) && isText(value.name)
    ? { slug: value.slug, name: value.name }
    : null
}

/** The fields a saved story keeps, and nothing else; null when one is missing or of the wrong kind. */
function pickSavable(value: unknown): SavableStory | null {
  if (!isFields(value)) return null
  const section = namedRef(value.section)
  const author = namedRef(value.author)
  const { slug, headline, summary, published, readingMinutes } = value
  if (!isText(slug, 1) || !isText(headline, 1) || !isText(summary) || !section || !author)
    return null
  if (!isText(published) || !isNumber(readingMinutes)) return null
  return { slug, headline, summary, section, author, published, readingMinutes }
}

function pickSaved(value: unknown): SavedStory | null {
  const story = pickSavable(value)
  const savedAt = isFields(value) ? value.savedAt : undefined
  return story && isNumber(savedAt) ? { ...story, savedAt } : null
}

/** The stored list, or null when it is of another version or any entry is damaged. */
function parseList(value: unknown): SavedStory[] | null {
  if (!isFields(value) || value.version !== 1 || !Array.isArray(value.stories)) return null
  const stories = value.stories.map(pickSaved)
  return stories.every((story) => story !== null) ? (stories as SavedStory[]) : null
}

export const STORAGE_KEY = 'newsroom:saved-stories'

const listeners = new Set<() => void>()
/** The list when localStorage cannot hold it. */
let memory: string | null = null
let cached: { raw: string | null; stories: SavedStory[] } = { raw: null, stories: [] }

function readRaw(): string | null {
  if (memory !== null) return memory
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

function parse(raw: string | null): SavedStory[] {
  if (!raw) return []
  try {
    // An entry from an unknown version or a damaged one reads as no saved stories, never as a crash.
    return parseList(JSON.parse(raw)) ?? []
  } catch {
    return []
  }
}

/** The saved stories, newest saved first. The same array until the list changes. */
export function getSavedStories(): SavedStory[] {
  const raw = readRaw()
  if (raw !== cached.raw) cached = { raw, stories: parse(raw) }
  return cached.stories
}

function write(stories: SavedStory[]) {
  const raw = JSON.stringify({ version: 1, stories })
  try {
    localStorage.setItem(STORAGE_KEY, raw)
    memory = null
  } catch {
    memory = raw
  }
  listeners.forEach((listener) => listener())
}

export function saveStory(story: SavableStory, now = Date.now()) {
  const picked = pickSavable(story)
  if (!picked) throw new TypeError('saveStory: not a story summary')
  const others = getSavedStories().filter((saved) => saved.slug !== picked.slug)
  write([{ ...picked, savedAt: now }, ...others])
}

export function unsaveStory(slug: string) {
  write(getSavedStories().filter((saved) => saved.slug !== slug))
}

export function isSaved(slug: string): boolean {
  return getSavedStories().some((saved) => saved.slug === slug)
}

/** Calls `listener` whenever the list changes, in this tab or another; returns the unsubscribe. */
export function subscribe(listener: () => void) {
  listeners.add(listener)
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === null) listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

const none: SavedStory[] = []
// HTML rendered at build time, and its hydration, know of no saved stories; the device's list follows.
const nothingSaved = () => none
const notSaved = () => false

export function useSavedStories(): SavedStory[] {
  return useSyncExternalStore(subscribe, getSavedStories, nothingSaved)
}

export function useIsSaved(slug: string): boolean {
  const snapshot = useCallback(() => isSaved(slug), [slug])
  return useSyncExternalStore(subscribe, snapshot, notSaved)
}

/** For tests: forget the in-memory fallback. */
export function resetSavedStoriesMemory() {
  memory = null
  cached = { raw: null, stories: [] }
}
