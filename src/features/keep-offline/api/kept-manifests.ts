import { isFiniteNumber, isRecord } from '@/lib/guards'
import type { KeptFile, StoryCopy, TopicCopy } from './budget'

/**
 * The kept cache's own entries, beside the files: one manifest a kept topic and one a story copy, each
 * listing its files and their sizes. The cache's contents are whatever these list (./kept-cache.ts
 * sweeps the rest), and the budget is counted from them. Read back by hand, never trusted blindly.
 */

/** A story's copy, as its manifest records it. */
export interface StoryManifest extends StoryCopy {
  /** The story's `updated`, else `published`, when copied: a newer one is copied again. */
  version: string
  /** The data schema the copy was made under (VITE_DATA_SCHEMA). */
  schema: string
}

const TOPIC_PATH = '/__kept-topic__/'
const STORY_PATH = '/__kept-story__/'
const here = (path: string) => new URL(path, location.origin).href
/** Manifests live under paths nothing else uses, in the same cache as the files. */
export const topicManifest = (key: string) => here(TOPIC_PATH + key)
export const storyManifest = (slug: string) => here(STORY_PATH + encodeURIComponent(slug))

/** A manifest as stored: JSON, read back with readManifests. */
export const jsonResponse = (value: unknown) =>
  new Response(JSON.stringify(value), { headers: { 'Content-Type': 'application/json' } })

const isText = (value: unknown): value is string => typeof value === 'string'
const isFiles = (value: unknown): value is KeptFile[] =>
  Array.isArray(value) &&
  value.every((file) => isRecord(file) && isText(file.url) && isFiniteNumber(file.bytes))

function isTopicCopy(value: unknown): value is TopicCopy {
  return (
    isRecord(value) &&
    isText(value.key) &&
    isFiles(value.files) &&
    Array.isArray(value.stories) &&
    value.stories.every(isText)
  )
}

function isStoryManifest(value: unknown): value is StoryManifest {
  return (
    isRecord(value) &&
    isText(value.slug) &&
    isText(value.published) &&
    isText(value.version) &&
    isText(value.schema) &&
    isFiles(value.files)
  )
}

async function readJson(cache: Cache, request: Request): Promise<unknown> {
  try {
    return await (await cache.match(request))?.json()
  } catch {
    return undefined
  }
}

/** The topics' and the stories' manifests; a damaged one is skipped (its files go with the next sweep). */
export async function readManifests(cache: Cache) {
  const topics = new Map<string, TopicCopy>()
  const stories = new Map<string, StoryManifest>()
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname
    if (path.startsWith(TOPIC_PATH)) {
      const body = await readJson(cache, request)
      if (isTopicCopy(body)) topics.set(body.key, body)
    } else if (path.startsWith(STORY_PATH)) {
      const body = await readJson(cache, request)
      if (isStoryManifest(body)) stories.set(body.slug, body)
    }
  }
  return { topics, stories }
}
