import { isRecord } from './guards'

/**
 * A list kept on this device in localStorage, under one key as `{ version, stories }` (the
 * field both lists of stories were first stored under), that:
 * - reads back only entries its `parseEntry` accepts (a damaged entry is dropped, the rest kept), and
 *   nothing at all from another version or from unreadable JSON, never a crash;
 * - keeps working for the rest of the visit, in memory, where storage is blocked (reading
 *   `localStorage` throws) or refuses a write (full), until storage takes a write again;
 * - tells its subscribers of every change, made in this tab or another (the `storage` event).
 * `read` returns the same array until the list changes, so it can be a `useSyncExternalStore` snapshot.
 * Saved stories and the reading history are each one of these; each page makes one per key, and a test
 * makes its own to start afresh.
 */
export interface StoredList<T> {
  /** The entries, in the order written; the same array until the list changes. */
  read: () => readonly T[]
  /** Replaces the whole list, and tells every subscriber in this tab. */
  write: (entries: readonly T[]) => void
  /** Calls `listener` whenever the list changes, in this tab or another; returns the unsubscribe. */
  subscribe: (listener: () => void) => () => void
}

export interface StoredListOptions<T> {
  /** The localStorage key. */
  key: string
  /** The shape's version: a list stored under another reads as empty, and the next write replaces it. */
  version: number
  /** The entry as the app uses it, or null when it is damaged (it is then left out). */
  parseEntry: (value: unknown) => T | null
}

const none: readonly never[] = []

/** Makes the list stored under `options.key` (see StoredList); nothing is read until it is used. */
export function createStoredList<T>({
  key,
  version,
  parseEntry,
}: StoredListOptions<T>): StoredList<T> {
  const listeners = new Set<() => void>()
  /** The list as written, when localStorage could not take it. */
  let memory: string | null = null
  let cached: { raw: string | null; entries: readonly T[] } = { raw: null, entries: none }

  function readRaw(): string | null {
    if (memory !== null) return memory
    try {
      return localStorage.getItem(key)
    } catch {
      return null
    }
  }

  function parse(raw: string | null): readonly T[] {
    if (!raw) return none
    try {
      const value: unknown = JSON.parse(raw)
      if (!isRecord(value) || value.version !== version || !Array.isArray(value.stories))
        return none
      return value.stories.map(parseEntry).filter((entry) => entry !== null)
    } catch {
      return none
    }
  }

  return {
    read: () => {
      const raw = readRaw()
      if (raw !== cached.raw) cached = { raw, entries: parse(raw) }
      return cached.entries
    },
    write: (entries) => {
      const raw = JSON.stringify({ version, stories: entries })
      try {
        localStorage.setItem(key, raw)
        memory = null
      } catch {
        memory = raw
      }
      listeners.forEach((listener) => listener())
    },
    subscribe: (listener) => {
      listeners.add(listener)
      const onStorage = (event: StorageEvent) => {
        if (event.key === key || event.key === null) listener()
      }
      window.addEventListener('storage', onStorage)
      return () => {
        listeners.delete(listener)
        window.removeEventListener('storage', onStorage)
      }
    },
  }
}
