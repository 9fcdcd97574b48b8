import * as v from 'valibot'
import { VisibleText } from '../../../lib/visible-text.ts'

const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug'))
const Count = v.pipe(v.number(), v.integer(), v.minValue(0))

export const SectionSchema = v.object({
  slug: Slug,
  name: VisibleText,
  description: v.string(),
  count: Count,
})
export const TagSchema = v.object({
  slug: Slug,
  name: VisibleText,
  count: Count,
})
export const AuthorSchema = v.object({
  slug: Slug,
  name: VisibleText,
  role: v.string(),
  bio: v.string(),
  count: Count,
})

/** site.json: the newsroom's name and its taxonomy, small enough to load with the first route. */
export const SiteSchema = v.object({
  name: v.string(),
  description: v.string(),
  pageSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
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
