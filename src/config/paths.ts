/** Every URL the app links to, in one place. Filters live in the query string (`?tags=a,b`). */

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
