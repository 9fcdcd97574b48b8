/**
 * The storage budget's arithmetic, apart from Cache Storage so it can be checked on its own: what the kept
 * copies weigh, what each kept topic uses, and which stories go when they weigh more than the budget.
 * Sizes are the bytes stored (./kept-cache.ts measures each file as it stores it).
 */

/** A file in the kept cache and its size in bytes. */
export interface KeptFile {
  url: string
  bytes: number
}

/** A story's copy: its article and photos. */
export interface StoryCopy {
  slug: string
  /** When it was published (ISO 8601): the oldest go first. */
  published: string
  files: readonly KeptFile[]
}

/** A kept topic's copy: its listing page (and the site's names), and the stories on it, by slug. */
export interface TopicCopy {
  key: string
  files: readonly KeptFile[]
  stories: readonly string[]
}

/** The bytes of these files, each URL counted once (a photo two stories show is stored once). */
export function bytesOf(files: Iterable<KeptFile>): number {
  const sizes = new Map<string, number>()
  for (const file of files) sizes.set(file.url, file.bytes)
  let total = 0
  for (const bytes of sizes.values()) total += bytes
  return total
}

/** Every byte the kept cache holds for these topics and stories. */
export function totalBytes(
  topics: Iterable<TopicCopy>,
  stories: ReadonlyMap<string, StoryCopy>,
): number {
  return bytesOf([
    ...[...topics].flatMap((topic) => topic.files),
    ...[...stories.values()].flatMap((story) => story.files),
  ])
}

/**
 * What one topic uses: its own files and its stories' copies. A story two kept topics list counts in
 * both, as stopping either alone would not free it.
 */
export const topicUsage = (topic: TopicCopy, stories: ReadonlyMap<string, StoryCopy>): number =>
  topicsUsage([topic], stories)

/**
 * What a group of topics uses together (Following's entry in the panel), each file once: what stopping
 * the group would free, were no other topic to list its stories.
 */
export function topicsUsage(
  topics: readonly TopicCopy[],
  stories: ReadonlyMap<string, StoryCopy>,
): number {
  return bytesOf(
    topics.flatMap((topic) => [
      ...topic.files,
      ...topic.stories.flatMap((slug) => stories.get(slug)?.files ?? []),
    ]),
  )
}

const oldestFirst = (a: StoryCopy, b: StoryCopy) =>
  Date.parse(a.published) - Date.parse(b.published) || a.slug.localeCompare(b.slug)

/**
 * The stories to drop so the copies fit `budget`, the oldest published first, and no more than that.
 * A saved story is never dropped (the reader chose it; its own copy is the saved cache's anyway).
 */
export function storiesOverBudget(
  topics: readonly TopicCopy[],
  stories: ReadonlyMap<string, StoryCopy>,
  budget: number,
  isSaved: (slug: string) => boolean,
): string[] {
  const left = new Map(stories)
  const dropped: string[] = []
  const candidates = [...stories.values()].filter((story) => !isSaved(story.slug)).sort(oldestFirst)
  for (const story of candidates) {
    if (totalBytes(topics, left) <= budget) break
    left.delete(story.slug)
    dropped.push(story.slug)
  }
  return dropped
}
