import * as v from 'valibot'
import { LanguageTagSchema } from '../../../lib/language-tag.ts'
import { VisibleText } from '../../../lib/visible-text.ts'
import { sealedStories } from './listing-layout.ts'
import { SLUG_PATTERN } from '../../../config/paths'

/**
 * The article-JSON API contract (docs/api.md), as schemas. Every response is parsed with these before
 * a component sees it; the API build (scripts/api) checks its own output against them too.
 */

const Slug = v.pipe(v.string(), v.regex(SLUG_PATTERN, 'must be a lowercase slug'))
const IsoDateTime = v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 date-time'))
/** A URL: absolute http(s), or a path resolved against the API's base URL. */
const Url = v.pipe(v.string(), v.minLength(1))

export const ImageSchema = v.object({
  src: Url,
  width: v.pipe(v.number(), v.integer(), v.minValue(1)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1)),
  alt: v.string(),
  srcset: v.array(v.object({ src: Url, width: v.pipe(v.number(), v.integer(), v.minValue(1)) })),
})
export type Image = v.InferOutput<typeof ImageSchema>

/**
 * A picture for link previews and search engines only (docs/api.md, `previews`): never shown on a page,
 * so it has no alt text or widths to choose from.
 */
export const PreviewImageSchema = v.object({
  src: Url,
  width: v.pipe(v.number(), v.integer(), v.minValue(1)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1)),
})
export type PreviewImage = v.InferOutput<typeof PreviewImageSchema>

export const FigureSchema = v.object({
  ...ImageSchema.entries,
  caption: v.string(),
  credit: v.string(),
})
export type Figure = v.InferOutput<typeof FigureSchema>

const NamedRef = v.object({ slug: Slug, name: VisibleText })

export const ArticleKindSchema = v.picklist(['news', 'brief', 'analysis', 'feature', 'longread'])
export type ArticleKind = v.InferOutput<typeof ArticleKindSchema>

export { LanguageTagSchema }

export const SummarySchema = v.object({
  id: v.pipe(v.number(), v.integer(), v.minValue(0)),
  slug: Slug,
  headline: VisibleText,
  summary: v.string(),
  kind: ArticleKindSchema,
  section: NamedRef,
  tags: v.array(NamedRef),
  author: NamedRef,
  published: IsoDateTime,
  updated: v.nullable(IsoDateTime),
  readingMinutes: v.pipe(v.number(), v.integer(), v.minValue(1)),
  image: v.nullable(ImageSchema),
  /** The story's language and direction, when not the site's (docs/api.md); absent for the site's own. */
  lang: v.optional(LanguageTagSchema),
  dir: v.optional(v.picklist(['ltr', 'rtl'])),
  /** Marked by the newsroom as its lead story (docs/api.md); absent for every other story. */
  featured: v.optional(v.literal(true)),
})
export type Summary = v.InferOutput<typeof SummarySchema>

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'break' }
  | { type: 'em' | 'strong'; content: Inline[] }
  | { type: 'link'; href: string; content: Inline[] }

const InlineSchema: v.GenericSchema<Inline> = v.variant('type', [
  v.object({ type: v.literal('text'), text: v.string() }),
  v.object({ type: v.literal('code'), text: v.string() }),
  v.object({ type: v.literal('break') }),
  v.object({
    type: v.picklist(['em', 'strong']),
    content: v.array(v.lazy(() => InlineSchema)),
  }),
  v.object({
    type: v.literal('link'),
    href: v.string(),
    content: v.array(v.lazy(() => InlineSchema)),
  }),
])
const Inlines = v.array(InlineSchema)

export const BlockSchema = v.variant('type', [
  v.object({ type: v.literal('paragraph'), content: Inlines }),
  v.object({ type: v.literal('heading'), level: v.picklist([2, 3]), content: Inlines }),
  v.object({
    type: v.literal('quote'),
    paragraphs: v.array(Inlines),
    cite: v.nullable(v.string()),
  }),
  v.object({ type: v.literal('list'), ordered: v.boolean(), items: v.array(Inlines) }),
  v.object({ type: v.literal('figure'), figure: FigureSchema }),
  /** Markup from a server that writes HTML: shown only after sanitizing (features/articles/html). */
  v.object({ type: v.literal('html'), html: v.string() }),
  /**
   * Content from another site (a video, a post) that a page would embed with a script of the provider's:
   * shown as a link card instead, which runs nothing and works offline (docs/api.md).
   */
  v.object({
    type: v.literal('embed'),
    url: v.string(),
    provider: VisibleText,
    title: v.string(),
  }),
])
export type Block = v.InferOutput<typeof BlockSchema>

/** A story related to an article (docs/api.md): enough for a link and a line about it. */
export const RelatedStorySchema = v.object({
  slug: Slug,
  headline: VisibleText,
  section: NamedRef,
  published: IsoDateTime,
  readingMinutes: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** As on a summary: the story's language and direction, when not the site's. */
  lang: v.optional(LanguageTagSchema),
  dir: v.optional(v.picklist(['ltr', 'rtl'])),
})
export type RelatedStory = v.InferOutput<typeof RelatedStorySchema>

export const RelatedStoriesSchema = v.pipe(v.array(RelatedStorySchema), v.maxLength(12))

export const ArticleSchema = v.object({
  ...SummarySchema.entries,
  hero: v.nullable(FigureSchema),
  /**
   * For link previews: the photo's 1:1 and 4:3 crops, or, for a story without a photo, its share card
   * (1200 × 630, the headline on the newsroom's colours). Absent from an API that does not make them.
   */
  previews: v.optional(v.array(PreviewImageSchema)),
  body: v.array(BlockSchema),
  /**
   * Best match first. Absent from an API that does not compute it, and dropped when it does not parse:
   * the box below the story then lists the section's stories instead, and the story itself still shows.
   */
  related: v.fallback(v.optional(RelatedStoriesSchema), undefined),
})
export type Article = v.InferOutput<typeof ArticleSchema>

export const ListingPageSchema = v.object({
  page: v.pipe(v.number(), v.integer(), v.minValue(1)),
  pageCount: v.pipe(v.number(), v.integer(), v.minValue(1)),
  pageSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
  total: v.pipe(v.number(), v.integer(), v.minValue(0)),
  items: v.array(SummarySchema),
})
export type ListingPage = v.InferOutput<typeof ListingPageSchema>

const Count = v.pipe(v.number(), v.integer(), v.minValue(0))

/**
 * The ids of every article in one listing, newest first: what a tag filter intersects. On the wire the ids
 * are delta-encoded (`gaps`: the first id, then how much smaller each next id is), which keeps the index of a
 * tag on a fifth of 100,000 stories near 15 KB gzip; parsing gives the ids themselves.
 */
export const IdIndexSchema = v.pipe(
  v.object({
    total: Count,
    /** The page size of the listing these ids belong to, so a filter knows which page holds an id. */
    pageSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
    gaps: v.array(Count),
  }),
  v.check(
    ({ total, gaps }) => gaps.length === total && gaps.every((gap, i) => i === 0 || gap >= 1),
    'gaps must hold one entry per story, each after the first at least 1',
  ),
  v.transform(({ gaps, ...index }) => ({ ...index, ids: idsFromGaps(gaps) })),
  v.check(({ ids }) => ids.every((id) => id >= 0), 'ids must not be negative'),
)
export type IdIndex = v.InferOutput<typeof IdIndexSchema>
export type IdIndexJson = v.InferInput<typeof IdIndexSchema>

/**
 * A listing's head, `lists/…/1.json` (docs/api.md, "Listings"): page 1 as a page always was (so `items` is
 * page 1), the latest listing's marked `lead` when page 1 does not hold it, then `rest`, the stories after
 * page 1 that no chunk holds yet (fewer than a chunk), and the map of the sealed chunks below them. Parsing
 * checks that the parts add up to `total`.
 */
export const ListingHeadSchema = v.pipe(
  v.object({
    ...ListingPageSchema.entries,
    page: v.literal(1),
    /**
     * Only in the latest listing's head: the newest story the newsroom marks (`featured`) when it is not
     * among `items`, so that it leads the front page however many stories came after it (docs/api.md).
     */
    lead: v.optional(SummarySchema),
    rest: v.array(SummarySchema),
    chunkSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
    chunkCount: Count,
    version: Count,
    changed: v.array(v.tuple([Count, Count, Count])),
  }),
  v.check(
    (head) =>
      head.items.length <= head.pageSize &&
      (head.rest.length === 0 || head.items.length === head.pageSize) &&
      head.changed.every(
        ([chunk], i) => chunk < head.chunkCount && (i === 0 || chunk > head.changed[i - 1]![0]),
      ) &&
      head.total === head.items.length + head.rest.length + sealedStories(head) &&
      head.pageCount === Math.max(1, Math.ceil(head.total / head.pageSize)),
    "the head's parts must add up: page 1, then the rest, then the chunks it names",
  ),
)
export type ListingHead = v.InferOutput<typeof ListingHeadSchema>
export type ListingHeadJson = v.InferInput<typeof ListingHeadSchema>

/** A sealed chunk of a listing, `lists/…/chunks/{n}.json`: its stories, newest first. */
export const ListingChunkSchema = v.object({ chunk: Count, items: v.array(SummarySchema) })
export type ListingChunk = v.InferOutput<typeof ListingChunkSchema>

/** Ids, newest first (descending), as written in an id index. */
export function gapsFromIds(ids: readonly number[]): number[] {
  return ids.map((id, i) => (i === 0 ? id : ids[i - 1]! - id))
}

export function idsFromGaps(gaps: readonly number[]): number[] {
  const ids = new Array<number>(gaps.length)
  for (let i = 0; i < gaps.length; i++) ids[i] = i === 0 ? gaps[0]! : ids[i - 1]! - gaps[i]!
  return ids
}

/**
 * `front.json` (docs/api.md): the newest stories of each section, in navigation order, for the front page's
 * section rows. One small file, so the front page is two requests (it and the latest listing's head)
 * however many sections the newsroom has. A row shows headlines: each story as a related story is given
 * (no summary, no photo), which keeps the file, and the prerendered home that embeds it, small.
 */
export const FrontSchema = v.object({
  sections: v.array(v.object({ slug: Slug, items: v.array(RelatedStorySchema) })),
})
export type Front = v.InferOutput<typeof FrontSchema>
