import { useCallback, useSyncExternalStore } from 'react'
import { isSlug } from '@/config/paths'
import { isFiniteNumber, isRecord } from '@/lib/guards'
import { createStoredList, type StoredList } from '@/lib/stored-list'
import { isTopicKind, topicKey, type TopicRef } from '../lib/topic'

/**
 * The topics the reader follows, kept on this device (localStorage, like saved stories): every tab sees
 * the same list, and a new release reads what the last one wrote (the stored shape has a version). Newest
 * followed first. Where storage is blocked or full, following still works for the rest of the visit.
 */

export interface FollowedTopic extends TopicRef {
  /** Its name when followed, so Following can name it without the network. */
  name: string
  /** When the reader followed it (ms since the epoch). */
  followedAt: number
  /** When the reader last saw it on Following; null before the first time. */
  visitedAt: number | null
  /**
   * The publication time (ms) up to which its stories count as seen: "new since the last visit" is
   * what was published after it. At first the time of following; each visit moves it to the newest
   * story shown. A publication time, not the clock of the visit: a story that reaches the listing a
   * while after it was published still counts as new.
   */
  seenUpTo: number
}

// Checked by hand, like saved stories: the Follow button reads the list as it renders.
function pickFollowed(value: unknown): FollowedTopic | null {
  if (!isRecord(value)) return null
  const { kind, slug, name, followedAt, visitedAt, seenUpTo } = value
  if (!isTopicKind(kind) || typeof slug !== 'string' || !isSlug(slug)) return null
  if (typeof name !== 'string' || !isFiniteNumber(followedAt) || !isFiniteNumber(seenUpTo))
    return null
  if (visitedAt !== null && !isFiniteNumber(visitedAt)) return null
  return { kind, slug, name, followedAt, visitedAt, seenUpTo }
}

export const FOLLOWED_STORAGE_KEY = 'newsroom:followed-topics'

/**
 * The followed topics as stored on this device. The page keeps one (`followedTopics`); a test opens a
 * new one to read back what the last one left, as a new visit or another tab would.
 */
export const openFollowedTopics = (): StoredList<FollowedTopic> =>
  createStoredList({ key: FOLLOWED_STORAGE_KEY, version: 1, parseEntry: pickFollowed })

/** This page's list of followed topics. */
export const followedTopics = openFollowedTopics()

/** The followed topics, newest followed first; the same array until the list changes. */
export const getFollowedTopics = (): readonly FollowedTopic[] => followedTopics.read()

const same = (a: TopicRef) => (b: TopicRef) => a.kind === b.kind && a.slug === b.slug

/** Whether the reader follows this topic: what the Follow toggle shows. */
export const isFollowed = (topic: TopicRef): boolean => getFollowedTopics().some(same(topic))

/**
 * Follows each topic not followed yet, before the others and in the order given, and leaves the others as they are (their counts
 * and visits kept): one write for a whole shared list, so subscribers hear of it once.
 */
export function followTopics(topics: readonly (TopicRef & { name: string })[], now = Date.now()) {
  const current = getFollowedTopics()
  const added = new Map<string, FollowedTopic>()
  for (const { kind, slug, name } of topics) {
    if (current.some(same({ kind, slug })) || added.has(topicKey({ kind, slug }))) continue
    added.set(topicKey({ kind, slug }), {
      kind,
      slug,
      name,
      followedAt: now,
      visitedAt: null,
      seenUpTo: now,
    })
  }
  if (added.size) followedTopics.write([...added.values(), ...current])
}

/** Follows one topic (the Follow toggle); following a followed one changes nothing. */
export const followTopic = (topic: TopicRef & { name: string }, now = Date.now()) =>
  followTopics([topic], now)

/** Stops following a topic (the toggle, or Unfollow on Following). */
export function unfollowTopic(topic: TopicRef) {
  const current = getFollowedTopics()
  if (current.some(same(topic))) followedTopics.write(current.filter((t) => !same(topic)(t)))
}

/**
 * Records that the reader saw a topic on Following now, its stories up to `newestPublished` (ms): the
 * next visit counts as new only what was published after. Never moves `seenUpTo` back.
 */
export function recordVisit(topic: TopicRef, newestPublished: number | null, now = Date.now()) {
  const current = getFollowedTopics()
  if (!current.some(same(topic))) return
  followedTopics.write(
    current.map((t) =>
      same(topic)(t)
        ? { ...t, visitedAt: now, seenUpTo: Math.max(t.seenUpTo, newestPublished ?? t.seenUpTo) }
        : t,
    ),
  )
}

const none: readonly FollowedTopic[] = []
// A prerendered page, and its hydration, know of no follows; the device's list follows.
const nothingFollowed = () => none
const notFollowed = () => false

/** The followed topics, kept current across tabs. */
export function useFollowedTopics(): readonly FollowedTopic[] {
  return useSyncExternalStore(followedTopics.subscribe, getFollowedTopics, nothingFollowed)
}

/** Whether this topic is followed, kept current across tabs. */
export function useIsFollowed(topic: TopicRef): boolean {
  const { kind, slug } = topic
  const snapshot = useCallback(() => isFollowed({ kind, slug }), [kind, slug])
  return useSyncExternalStore(followedTopics.subscribe, snapshot, notFollowed)
}
