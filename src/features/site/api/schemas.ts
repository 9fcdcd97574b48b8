import * as v from 'valibot'
import { VisibleText } from '../../../lib/visible-text.ts'
import { SLUG_PATTERN } from '../../../config/paths'

const Slug = v.pipe(v.string(), v.regex(SLUG_PATTERN, 'must be a lowercase slug'))
const Count = v.pipe(v.number(), v.integer(), v.minValue(0))

/*
 * Two views of site.json. The file (SiteSchema) carries counts and the time of the latest change, which
 * every new story changes. The app keeps only what a page shows (StableSiteSchema): the names and the
 * taxonomy. valibot's object drops the entries it does not declare, so the counts never reach the query
 * cache, nor the copy of it every prerendered page embeds, and a new story does not change every page
 * (docs/decisions/021-stable-pages.md).
 */

export const StableSectionSchema = v.object({
  slug: Slug,
  name: VisibleText,
  description: v.string(),
})
export const StableTagSchema = v.object({
  slug: Slug,
  name: VisibleText,
})
export const StableAuthorSchema = v.object({
  slug: Slug,
  name: VisibleText,
  role: v.string(),
  bio: v.string(),
})

/** What the app reads of site.json: the newsroom's name and its taxonomy, without counts. */
export const StableSiteSchema = v.object({
  name: v.string(),
  description: v.string(),
  pageSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
  sections: v.array(StableSectionSchema),
  tags: v.array(StableTagSchema),
  authors: v.array(StableAuthorSchema),
})
export type StableSite = v.InferOutput<typeof StableSiteSchema>

export const SectionSchema = v.object({ ...StableSectionSchema.entries, count: Count })
export const TagSchema = v.object({ ...StableTagSchema.entries, count: Count })
export const AuthorSchema = v.object({ ...StableAuthorSchema.entries, count: Count })

/** site.json as the API build writes it (docs/api.md): the stable part, with the counts. */
export const SiteSchema = v.object({
  ...StableSiteSchema.entries,
  totalArticles: Count,
  generatedAt: v.pipe(v.string(), v.isoTimestamp()),
  sections: v.array(SectionSchema),
  tags: v.array(TagSchema),
  authors: v.array(AuthorSchema),
})
export type Site = v.InferOutput<typeof SiteSchema>
export type Section = v.InferOutput<typeof SectionSchema>
export type Tag = v.InferOutput<typeof TagSchema>
export type Author = v.InferOutput<typeof AuthorSchema>
