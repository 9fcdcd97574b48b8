import { useQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useLocation, useOutletContext } from 'react-router'
import { SearchPage } from '@/features/search/components/search-page'
import { SearchResultMark } from '@/features/search/components/search-results'
import { siteQueryOptions } from '@/features/site/api/get-site'
import { SEARCH, searchTitle } from '@/i18n/later'
import { useDocumentTitle } from '@/lib/use-document-title'
import type { FrameExtras } from '../use-frame-extras'
import { RouteError } from './route-error'

/** /search?q=…&section=…&tags=…: the search feature, with the site's sections and tags to filter by. */
export function Component() {
  const q = new URLSearchParams(useLocation().search).get('q')?.trim()
  useDocumentTitle(q ? searchTitle(q) : SEARCH)
  // Without the taxonomy, search still works; only the filters wait for it.
  const site = useQuery(siteQueryOptions())
  // Once the page is live (layout.tsx), each result says whether it has been read.
  const extras = useOutletContext<FrameExtras | undefined>()
  const ReadMark = extras?.ReadMark
  const renderMark = useCallback(
    (slug: string) => (ReadMark ? <ReadMark slug={slug} /> : null),
    [ReadMark],
  )
  return (
    <SearchResultMark value={ReadMark ? renderMark : null}>
      <SearchPage sections={site.data?.sections ?? []} tags={site.data?.tags ?? []} />
    </SearchResultMark>
  )
}

export const ErrorBoundary = RouteError
