import { paths } from '@/config/paths'
import { parseTopicKey, topicKey, type TopicRef } from './topic'

/** The query parameter of a shared list of follows: `/following?follow=tags:climate,sections:world`. */
export const FOLLOW_PARAM = 'follow'

/**
 * The path that, opened on another device or profile, offers to follow these topics: no account, the
 * list travels in the link. Slugs need no escaping (lowercase letters, digits, hyphens).
 */
export const shareFollowsPath = (topics: readonly TopicRef[]) =>
  `${paths.following()}?${FOLLOW_PARAM}=${topics.map(topicKey).join(',')}`

/** What a shared link holds: the topics it names, once each, and how many entries named none. */
export interface SharedTopics {
  topics: TopicRef[]
  unreadable: number
}

/** Reads a link's `follow` value, as anyone may have typed or cut it: bad entries are counted, not fatal. */
export function readSharedTopics(value: string): SharedTopics {
  const topics = new Map<string, TopicRef>()
  let unreadable = 0
  for (const entry of value.split(',')) {
    if (!entry.trim()) continue
    const topic = parseTopicKey(entry)
    if (topic) topics.set(topicKey(topic), topic)
    else unreadable++
  }
  return { topics: [...topics.values()], unreadable }
}

interface Named {
  slug: string
  name: string
}

/** The newsroom's sections, tags and authors (site.json): the topics a shared link may name. */
export type Taxonomy = Record<TopicRef['kind'], readonly Named[]>

/** What to offer from a shared link: the topics to follow, named, and what was left out and why. */
export interface ShareOffer {
  topics: (TopicRef & { name: string })[]
  /** Named by the link but not by this newsroom (a removed tag, a mistyped slug). */
  unknown: number
  /** Followed here already. */
  followed: number
}

/** The shared topics this newsroom knows and this device does not follow yet, with their names. */
export function offerFromShare(
  shared: readonly TopicRef[],
  site: Taxonomy,
  following: readonly TopicRef[],
): ShareOffer {
  const offer: ShareOffer = { topics: [], unknown: 0, followed: 0 }
  for (const topic of shared) {
    const known = site[topic.kind].find((entry) => entry.slug === topic.slug)
    if (!known) offer.unknown++
    else if (following.some((f) => f.kind === topic.kind && f.slug === topic.slug)) offer.followed++
    else offer.topics.push({ ...topic, name: known.name })
  }
  return offer
}
