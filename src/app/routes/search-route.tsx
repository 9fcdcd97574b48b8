import { useQuery } from '@tanstack/react-query'
import { useLocation } from 'react-router'
import { SearchPage } from '@/features/search/components/search-page'
import { siteQueryOptions } from '@/features/site/api/get-site'
import { SEARCH, searchTitle } from '@/i18n/later'
import { useDocumentTitle } from '@/lib/use-document-title'
import { RouteError } from './route-error'

/** /search?q=…&section=…&tags=…: the search feature, with the site's sections and tags to filter by. */
export function Component() {
  const q = new URLSearchParams(useLocation().search).get('q')?.trim()
  useDocumentTitle(q ? searchTitle(q) : SEARCH)
  // Without the taxonomy, search still works; only the filters wait for it.
  const site = useQuery(siteQueryOptions())
  return <SearchPage sections={site.data?.sections ?? []} tags={site.data?.tags ?? []} />
}

export const ErrorBoundary = RouteError
