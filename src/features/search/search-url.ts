import { isSlug, paths, readTags } from '@/config/paths'

/** The search page's URL: `/search?q=…&section=…&tags=a,b`, the state a bookmark or a shared link restores. */
export interface SearchState {
  q: string
  section: string | null
  tags: string[]
}

export function searchPath({ q, section, tags }: Partial<SearchState>): string {
  const params = new URLSearchParams()
  if (q) params.set('q', q)
  if (section) params.set('section', section)
  if (tags?.length) params.set('tags', tags.join(','))
  const query = params.toString().replace(/%2C/g, ',')
  return query ? `${paths.search()}?${query}` : paths.search()
}

/** Reads the state from a query string, dropping filters that are not slugs. */
export function readSearchState(params: URLSearchParams): SearchState {
  const section = params.get('section')?.trim().toLowerCase() ?? ''
  const tags = readTags(params.get('tags'))
  return { q: params.get('q') ?? '', section: isSlug(section) ? section : null, tags }
}
