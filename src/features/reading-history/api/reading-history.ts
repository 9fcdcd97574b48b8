import { useSyncExternalStore } from 'react'

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
type Fields = Record<string, unknown>
const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

function pickPlace(value: unknown): ReadingPlace | undefined {
  if (!isFields(value)) return undefined
  const { block, progress } = value
  return isNumber(block) && block >= 0 && isNumber(progress) && progress >= 0 && progress <= 1
    ? { block: Math.floor(block), progress }
    : undefined
}

function pickStory(value: unknown): ReadStory | null {
  if (!isFields(value) || typeof value.slug !== 'string' || !value.slug) return null
  if (!isNumber(value.openedAt)) return null
  const place = pickPlace(value.place)
  return place
    ? { slug: value.slug, openedAt: value.openedAt, place }
    : { slug: value.slug, openedAt: value.openedAt }
}

/** The stored history; empty when it is of another version or damaged (a damaged entry is dropped). */
function parse(raw: string | null): ReadStory[] {
  if (!raw) return []
  try {
    const value: unknown = JSON.parse(raw)
    if (!isFields(value) || value.version !== 1 || !Array.isArray(value.stories)) return []
    return value.stories.map(pickStory).filter((story) => story !== null)
  } catch {
    return []
  }
}

const listeners = new Set<() => void>()
/** The history when localStorage cannot hold it. */
let memory: string | null = null
let cached: { raw: string | null; bySlug: Map<string, ReadStory> } = {
  raw: null,
  bySlug: new Map(),
}

function readRaw(): string | null {
  if (memory !== null) return memory
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

/** The history by slug, in order, newest opened first. The same map until the history changes. */
function history(): Map<string, ReadStory> {
  const raw = readRaw()
  if (raw !== cached.raw) {
    cached = { raw, bySlug: new Map(parse(raw).map((story) => [story.slug, story])) }
  }
  return cached.bySlug
}

/** The stories opened on this device, newest opened first. */
export function getReadStories(): ReadStory[] {
  return [...history().values()]
}

export function getReadStory(slug: string): ReadStory | undefined {
  return history().get(slug)
}

function write(stories: ReadStory[]) {
  const raw = JSON.stringify({ version: 1, stories: stories.slice(0, MAX_STORIES) })
  try {
    localStorage.setItem(STORAGE_KEY, raw)
    memory = null
  } catch {
    memory = raw
  }
  listeners.forEach((listener) => listener())
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

// HTML rendered at build time, and its hydration, know of no history; the device's follows.
const notRead = () => undefined

/** The story's entry in the history, or undefined when it has not been opened on this device. */
export function useReadStory(slug: string): ReadStory | undefined {
  return useSyncExternalStore(subscribe, () => getReadStory(slug), notRead)
}

/** For tests: forget the in-memory fallback. */
export function resetReadingHistoryMemory() {
  memory = null
  cached = { raw: null, bySlug: new Map() }
}
