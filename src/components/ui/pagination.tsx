import { Link } from 'react-router'

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
    <nav aria-label="Pages" className="mt-8 flex items-center justify-between gap-4 text-sm">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev" className={linkClass}>
          ← Newer stories
        </Link>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link to={hrefFor(page + 1)} rel="next" className={linkClass}>
          Older stories →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}
