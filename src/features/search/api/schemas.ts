import * as v from 'valibot'
import { LanguageTagSchema } from '../../../lib/language-tag.ts'
import { SLUG_PATTERN } from '../../../config/paths'

/** The search index's files (docs/api.md, "Search index"), checked as they arrive. */

const Count = v.pipe(v.number(), v.integer(), v.minValue(0))

export const SearchManifestSchema = v.object({
  // SEARCH_INDEX_VERSION (../lib/index-format.ts), written out: importing it would put that module in a
  // chunk of its own, one more file name in every page's first load.
  version: v.literal(1),
  count: Count,
  docChunk: v.pipe(v.number(), v.integer(), v.minValue(1)),
  shards: v.array(v.pipe(v.string(), v.minLength(2))),
  recent: v.optional(v.literal(true)),
})

export const TermShardSchema = v.record(v.string(), v.array(Count))

/** The recent segment: as a shard, but its first number (how df changed) may be negative. */
export const RecentSegmentSchema = v.record(
  v.string(),
  v.pipe(
    v.array(v.pipe(v.number(), v.integer())),
    v.check((list) => list.every((n, i) => i === 0 || n >= 0)),
  ),
)

const Named = v.tuple([v.string(), v.string()])

export const DocChunkSchema = v.array(
  v.nullable(
    v.object({
      slug: v.pipe(v.string(), v.regex(SLUG_PATTERN)),
      headline: v.string(),
      summary: v.string(),
      section: Named,
      tags: v.array(Named),
      author: v.string(),
      published: v.pipe(v.string(), v.isoTimestamp()),
      lang: v.optional(LanguageTagSchema),
      dir: v.optional(v.picklist(['ltr', 'rtl'])),
    }),
  ),
)

/** An id index of the article API (ids newest first, as gaps); only the ids matter here. */
export const IdGapsSchema = v.pipe(
  v.object({ gaps: v.array(Count) }),
  v.transform(({ gaps }) => {
    const ids: number[] = []
    for (let i = 0; i < gaps.length; i++) ids.push(i === 0 ? gaps[0]! : ids[i - 1]! - gaps[i]!)
    return ids
  }),
)
