/** What Following needs of a story: any story summary has it. */
export interface DatedStory {
  slug: string
  /** ISO 8601. */
  published: string
}

const time = (story: DatedStory) => Date.parse(story.published)

/**
 * The stories of every followed topic as one list, newest first, each story once however many of the
 * topics carry it (a story in a followed section and a followed tag is one story).
 */
export function mergeNewest<S extends DatedStory>(lists: readonly (readonly S[])[]): S[] {
  const bySlug = new Map<string, S>()
  for (const list of lists)
    for (const story of list) if (!bySlug.has(story.slug)) bySlug.set(story.slug, story)
  return [...bySlug.values()].sort((a, b) => time(b) - time(a))
}

/** How many of a topic's stories were published after `seenUpTo` (ms): "new since the last visit". */
export const countNew = (stories: readonly DatedStory[], seenUpTo: number) =>
  stories.filter((story) => time(story) > seenUpTo).length

/** The publication time (ms) of the newest of these stories, or null when there are none. */
export const newestTime = (stories: readonly DatedStory[]): number | null =>
  stories.length ? Math.max(...stories.map(time)) : null

/** A followed topic's stories and what the reader has seen of them (its `seenUpTo`, ms). */
export interface SeenFeed {
  stories: readonly DatedStory[]
  seenUpTo: number
}

/**
 * How many different stories were published after their topic's `seenUpTo`, over all the topics: the
 * count beside the header's Following link. A story new in two followed topics is one story.
 */
export function countNewAcross(feeds: readonly SeenFeed[]): number {
  const fresh = new Set<string>()
  for (const { stories, seenUpTo } of feeds)
    for (const story of stories) if (time(story) > seenUpTo) fresh.add(story.slug)
  return fresh.size
}
