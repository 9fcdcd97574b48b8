import { Link } from 'react-router'
import { NEWER_STORIES, OLDER_STORIES, pageOf, PAGES } from '@/i18n'

interface PaginationProps {
  page: number
  pageCount: number
  hrefFor: (page: number) => string
}

/** Real links to the previous and next pages, so every page has its own URL. */
export function Pagination({ page, pageCount, hrefFor }: PaginationProps) {
  if (pageCount <= 1) return null
  const linkClass =
    'rounded border border-stone-300 px-3 py-1.5 font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800'
  return (
    <nav aria-label={PAGES} className="mt-8 flex items-center justify-between gap-4 text-sm">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev" className={linkClass}>
          {NEWER_STORIES}
        </Link>
      ) : (
        <span />
      )}
      <span>{pageOf(page, pageCount)}</span>
      {page < pageCount ? (
        <Link to={hrefFor(page + 1)} rel="next" className={linkClass}>
          {OLDER_STORIES}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}
