import { isSlug } from '@/config/paths'

/** The kinds of listing a reader can follow: the path segment of each (`/tags/climate`). */
export const TOPIC_KINDS = ['sections', 'tags', 'authors'] as const
export type TopicKind = (typeof TOPIC_KINDS)[number]

/** A followable listing: a section, a tag or an author, by slug. */
export interface TopicRef {
  kind: TopicKind
  slug: string
}

/** Whether a stored or shared value names one of the followable kinds. */
export const isTopicKind = (value: unknown): value is TopicKind =>
  TOPIC_KINDS.includes(value as TopicKind)

/** A topic as one string, `tags:climate`: its key in lists and its entry in a shared link. */
export const topicKey = ({ kind, slug }: TopicRef) => `${kind}:${slug}`

/** The topic a `kind:slug` string names, or null when it names none (wrong kind, not a slug). */
export function parseTopicKey(value: string): TopicRef | null {
  const [kind, slug, ...rest] = value.trim().split(':')
  return isTopicKind(kind) && slug !== undefined && isSlug(slug) && !rest.length
    ? { kind, slug }
    : null
}
