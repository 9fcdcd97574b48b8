import { useCallback, useSyncExternalStore } from 'react'
import { isFiniteNumber, isRecord } from '@/lib/guards'
import { createStoredList, type StoredList } from '@/lib/stored-list'

/**
 * The topics (sections, tags, authors) kept for reading offline, and the storage budget for their copies,
 * both kept on this device (localStorage) with createStoredList: every tab sees the same, and where storage
 * is blocked they last the visit, in memory. The copies themselves are ./kept-cache.ts's.
 * docs/decisions/031-keep-offline.md.
 */

export type TopicKind = 'sections' | 'tags' | 'authors'

/** A section, tag or author, as its page's route names it. */
export interface TopicRef {
  kind: TopicKind
  slug: string
}

export interface KeptTopic extends TopicRef {
  /** Its name when it was kept, for the Offline reading panel, which needs no network. */
  name: string
  keptAt: number
}

const KINDS: readonly string[] = ['sections', 'tags', 'authors']

/** One key per topic: a section and a tag may share a slug. */
export const topicKey = (topic: TopicRef): string => `${topic.kind}/${topic.slug}`

function parseTopic(value: unknown): KeptTopic | null {
  if (!isRecord(value)) return null
  const { kind, slug, name, keptAt } = value
  if (typeof kind !== 'string' || !KINDS.includes(kind)) return null
  if (typeof slug !== 'string' || !slug || typeof name !== 'string') return null
  return isFiniteNumber(keptAt) ? { kind: kind as TopicKind, slug, name, keptAt } : null
}

/** The kept topics as stored on this device; a test opens its own to start afresh. */
export const openKeptTopics = (): StoredList<KeptTopic> =>
  createStoredList({ key: 'newsroom:kept-topics', version: 1, parseEntry: parseTopic })

export const keptTopics = openKeptTopics()

/** The kept topics, the most recently kept first; the same array until the list changes. */
export const getKeptTopics = (): readonly KeptTopic[] => keptTopics.read()

export const isKept = (topic: TopicRef): boolean =>
  getKeptTopics().some((kept) => topicKey(kept) === topicKey(topic))

/** Keeps a topic offline (its copies follow, ./kept-cache.ts). */
export function keepTopic(topic: TopicRef, name: string, now = Date.now()) {
  const others = getKeptTopics().filter((kept) => topicKey(kept) !== topicKey(topic))
  keptTopics.write([{ kind: topic.kind, slug: topic.slug, name, keptAt: now }, ...others])
}

/** Stops keeping a topic: its copies go at the next sync, a story another kept topic lists stays. */
export function stopKeeping(topic: TopicRef) {
  keptTopics.write(getKeptTopics().filter((kept) => topicKey(kept) !== topicKey(topic)))
}

const none: readonly KeptTopic[] = []
// Prerendered HTML knows nothing of this device; its list follows on hydration.
const noneKept = () => none
const notKept = () => false

/** The kept topics, for a component; re-renders on every change, in this tab or another. */
export function useKeptTopics(): readonly KeptTopic[] {
  return useSyncExternalStore(keptTopics.subscribe, getKeptTopics, noneKept)
}

/** Whether this topic is kept, for its Keep offline button. */
export function useIsKept(topic: TopicRef): boolean {
  const { kind, slug } = topic
  const snapshot = useCallback(() => isKept({ kind, slug }), [kind, slug])
  return useSyncExternalStore(keptTopics.subscribe, snapshot, notKept)
}

/** 1 MB as the panel counts it. */
export const MB = 1024 * 1024

/** The budgets the panel offers, in MB; the default is 50 MB. */
export const BUDGET_CHOICES_MB = [25, 50, 100, 250] as const
export const DEFAULT_BUDGET = 50 * MB

const parseBudget = (value: unknown): number | null =>
  isFiniteNumber(value) && value >= 1 ? Math.floor(value) : null

/**
 * The budget in bytes, one entry. Bytes, not MB, so any budget stored is honoured as it is (the panel
 * writes its choices; a test may write a small one).
 */
export const openBudget = (): StoredList<number> =>
  createStoredList({ key: 'newsroom:kept-budget', version: 1, parseEntry: parseBudget })

export const budgetList = openBudget()

/** The reader's storage budget for kept topics, in bytes. */
export const getBudget = (): number => budgetList.read()[0] ?? DEFAULT_BUDGET

/** Sets the budget; copies over it are dropped at the next sync, the oldest stories first. */
export const setBudget = (bytes: number) => budgetList.write([bytes])

const defaultBudget = () => DEFAULT_BUDGET

/** The budget, for a component. */
export function useBudget(): number {
  return useSyncExternalStore(budgetList.subscribe, getBudget, defaultBudget)
}

/**
 * Keep offline on Following: one entry, `true`, while it is on. While on, every followed topic is kept as
 * well (the app hands the followed list to the cache code, KeptSources.followedTopics), so following a
 * topic keeps it too and unfollowing stops keeping it unless it is kept on its own.
 */
export const openKeepFollowing = (): StoredList<true> =>
  createStoredList({
    key: 'newsroom:keep-following',
    version: 1,
    parseEntry: (value) => (value === true ? true : null),
  })

export const keepFollowingList = openKeepFollowing()

/** Whether Keep offline is on for Following. */
export const keepsFollowing = (): boolean => keepFollowingList.read().length > 0

/** Turns Keep offline on Following on or off; the copies follow at the next sync. */
export const setKeepFollowing = (on: boolean) => keepFollowingList.write(on ? [true] : [])

/** Whether Keep offline is on for Following, for a component. */
export function useKeepsFollowing(): boolean {
  return useSyncExternalStore(keepFollowingList.subscribe, keepsFollowing, notKept)
}

/** Stops keeping every topic, Following too (Clear): their copies go at the next sync. */
export function stopKeepingAll() {
  keptTopics.write([])
  setKeepFollowing(false)
}
