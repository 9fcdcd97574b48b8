import { useSyncExternalStore } from 'react'
import { isFiniteNumber, isRecord } from '@/lib/guards'
import { createStoredList } from '@/lib/stored-list'
import { clearMirror, writeMirror, type MirroredTopic, type NotificationWords } from './mirror'

/**
 * The reader's opt-in to news while the app is closed (docs/decisions/032-background-news.md): asked for
 * only when they press Notify me, never on a visit. Kept on the device as the follow list is, so every tab
 * and the next release know it; the periodic sync's registration lives with the service worker.
 */

/** The periodic sync's tag, which public/background-news-sw.js listens for. */
export const PERIODIC_SYNC_TAG = 'newsroom-following'
/** The browser decides when; this asks for no more than twice a day. */
export const MIN_INTERVAL_MS = 12 * 60 * 60 * 1000

interface OptIn {
  since: number
}
/** The opt-in as stored: one entry while on, none while off (exported for tests to start afresh). */
export const optInList = createStoredList<OptIn>({
  key: 'newsroom:background-news',
  version: 1,
  parseEntry: (value) =>
    isRecord(value) && isFiniteNumber(value.since) ? { since: value.since } : null,
})

/** Whether the reader turned news while the app is closed on (on this device). */
export const isOptedIn = (): boolean => optInList.read().length > 0

const off = () => false
/** As isOptedIn, kept current across tabs. */
export const useOptedIn = (): boolean => useSyncExternalStore(optInList.subscribe, isOptedIn, off)

/** What turning on came to: background checks, counts only when the app opens, or not allowed. */
export type TurnOnResult = 'background' | 'when-open' | 'blocked' | 'unsupported'

interface PeriodicSyncManager {
  register: (tag: string, options: { minInterval: number }) => Promise<void>
  unregister: (tag: string) => Promise<void>
}
const periodicSyncOf = (registration: ServiceWorkerRegistration | undefined) =>
  (registration as { periodicSync?: PeriodicSyncManager } | undefined)?.periodicSync

const registration = async () =>
  'serviceWorker' in navigator ? navigator.serviceWorker.getRegistration() : undefined

/**
 * Turns it on, from the Notify me button: asks for notification permission (the browser's prompt, only
 * now), mirrors the follow list for the worker, and registers the periodic sync where the browser has it.
 * Where it does not (or refuses it), the opt-in stands and the count shows when the app opens.
 */
export async function turnOn(
  cacheName: string,
  topics: readonly MirroredTopic[],
  words: NotificationWords,
): Promise<TurnOnResult> {
  if (typeof Notification === 'undefined') return 'unsupported'
  if ((await Notification.requestPermission()) !== 'granted') return 'blocked'
  await writeMirror(cacheName, topics, words).catch(() => {})
  const result = await registerSync()
  // Stored last, so what a tab reads once it hears of it (checksInBackground) is already so.
  optInList.write([{ since: Date.now() }])
  return result
}

async function registerSync(): Promise<TurnOnResult> {
  const sync = periodicSyncOf(await registration())
  if (!sync) return 'when-open'
  try {
    await sync.register(PERIODIC_SYNC_TAG, { minInterval: MIN_INTERVAL_MS })
    return 'background'
  } catch {
    // Not allowed (an app not installed, or the browser's own rules): counted when the app opens.
    return 'when-open'
  }
}

/** Whether the periodic sync is registered now: what the page says once the reader has opted in. */
export async function checksInBackground(): Promise<boolean> {
  const sync = periodicSyncOf(await registration()) as
    (PeriodicSyncManager & { getTags?: () => Promise<string[]> }) | undefined
  const tags = await sync?.getTags?.().catch((): string[] => [])
  return tags?.includes(PERIODIC_SYNC_TAG) ?? false
}

/** Turns it off: unregisters the periodic sync and drops the mirror, so nothing is checked or shown. */
export async function turnOff(cacheName: string): Promise<void> {
  optInList.write([])
  await periodicSyncOf(await registration())
    ?.unregister(PERIODIC_SYNC_TAG)
    .catch(() => {})
  await clearMirror(cacheName).catch(() => {})
}

type BadgingNavigator = Navigator & {
  setAppBadge?: (count?: number) => Promise<void>
  clearAppBadge?: () => Promise<void>
}

/** Clears the app's badge: the reader is looking at Following, where the count is. */
export function clearBadge(): void {
  ;(navigator as BadgingNavigator).clearAppBadge?.().catch(() => {})
}

/**
 * Sets the app's badge to `count`, or clears it at 0, where the browser has the Badging API: the count
 * the app finds when it opens, so the icon says what the header says (the worker sets it while closed).
 */
export function setBadge(count: number): void {
  if (count <= 0) return clearBadge()
  ;(navigator as BadgingNavigator).setAppBadge?.(count).catch(() => {})
}
