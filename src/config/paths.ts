/** Every URL the app links to, in one place. Filters live in the query string (`?tags=a,b`). */

/** A slug as URLs and the API spell them: lowercase letters and digits, words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export const isSlug = (value: string): boolean => SLUG_PATTERN.test(value)

/** The tags of a `?tags=a,b` filter, as a reader may type them: trimmed, lowercased, once each, slugs only. */
export function readTags(value: string | null | undefined): string[] {
  return [...new Set((value ?? '').split(',').map((tag) => tag.trim().toLowerCase()))].filter(
    isSlug,
  )
}

export type ListingRef =
  { kind: 'latest' } | { kind: 'sections' | 'tags' | 'authors'; slug: string }

const withPage = (base: string, page: number) =>
  page > 1 ? `${base === '/' ? '' : base}/page/${page}` : base

const withTags = (url: string, tags: readonly string[]) =>
  tags.length ? `${url}?tags=${tags.map(encodeURIComponent).join(',')}` : url

export const paths = {
  home: (page = 1, tags: readonly string[] = []) => withTags(withPage('/', page), tags),
  article: (slug: string) => `/articles/${encodeURIComponent(slug)}`,
  saved: () => '/saved',
  following: () => '/following',
  search: () => '/search',
  section: (slug: string, page = 1, tags: readonly string[] = []) =>
    withTags(withPage(`/sections/${encodeURIComponent(slug)}`, page), tags),
  tag: (slug: string, page = 1, tags: readonly string[] = []) =>
    withTags(withPage(`/tags/${encodeURIComponent(slug)}`, page), tags),
  author: (slug: string, page = 1, tags: readonly string[] = []) =>
    withTags(withPage(`/authors/${encodeURIComponent(slug)}`, page), tags),
  listing(ref: ListingRef, page = 1, tags: readonly string[] = []) {
    if (ref.kind === 'latest') return paths.home(page, tags)
    const build = { sections: paths.section, tags: paths.tag, authors: paths.author }[ref.kind]
    return build(ref.slug, page, tags)
  },
} as const
