import { useCallback, useSyncExternalStore } from 'react'
import * as v from 'valibot'

/**
 * Saved stories, kept on this device (localStorage): each story's summary, so the Saved page needs no
 * network, newest saved first. Every tab sees the same list (the `storage` event). Where storage is
 * blocked or full, saving still works for the rest of the visit, in memory.
 */

const NamedRef = v.object({ slug: v.string(), name: v.string() })

/** What a story needs to be saved: any story summary or article has it. */
export const SavableStorySchema = v.object({
  slug: v.pipe(v.string(), v.minLength(1)),
  headline: v.pipe(v.string(), v.minLength(1)),
  summary: v.string(),
  section: NamedRef,
  author: NamedRef,
  published: v.string(),
  readingMinutes: v.number(),
})
export type SavableStory = v.InferOutput<typeof SavableStorySchema>

const SavedStorySchema = v.object({ ...SavableStorySchema.entries, savedAt: v.number() })
export type SavedStory = v.InferOutput<typeof SavedStorySchema>

const SavedListSchema = v.object({ version: v.literal(1), stories: v.array(SavedStorySchema) })

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
    const result = v.safeParse(SavedListSchema, JSON.parse(raw))
    // An entry from an unknown version or a damaged one reads as no saved stories, never as a crash.
    return result.success ? result.output.stories : []
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
  const picked = v.parse(SavableStorySchema, story)
  const others = getSavedStories().filter((saved) => saved.slug !== picked.slug)
  write([{ ...picked, savedAt: now }, ...others])
}

export function unsaveStory(slug: string) {
  write(getSavedStories().filter((saved) => saved.slug !== slug))
}

export function isSaved(slug: string): boolean {
  return getSavedStories().some((saved) => saved.slug === slug)
}

function subscribe(listener: () => void) {
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
