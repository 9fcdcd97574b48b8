import type { ListingRef } from '@/config/paths'

/**
 * The articles feature's query keys, from broad to narrow, so one call can invalidate all lists or
 * one story: `articleKeys.lists()` matches every listing page, filtered or not.
 */
export const articleKeys = {
  all: ['articles'] as const,
  lists: () => [...articleKeys.all, 'list'] as const,
  list: (ref: ListingRef, page: number, tags: readonly string[] = []) =>
    [...articleKeys.lists(), ref.kind, 'slug' in ref ? ref.slug : null, { page, tags }] as const,
  ids: (kind: 'sections' | 'tags' | 'authors', slug: string) =>
    [...articleKeys.all, 'ids', kind, slug] as const,
  /** The front page's section rows (front.json). */
  front: () => [...articleKeys.all, 'front'] as const,
  details: () => [...articleKeys.all, 'detail'] as const,
  detail: (slug: string) => [...articleKeys.details(), slug] as const,
}
