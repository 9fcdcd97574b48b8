import { Link } from 'react-router'
import { GO_TO_LATEST, NOT_FOUND_TITLE, notFoundText } from '@/i18n'
import { useDocumentTitle } from '@/lib/use-document-title'

/** What a reader sees for a page that does not exist, with a way back. */
export function NotFound({ what = 'page' }: { what?: 'page' | 'story' }) {
  useDocumentTitle(NOT_FOUND_TITLE)
  return (
    <section aria-labelledby="not-found-title" className="py-16 text-center">
      <h1 id="not-found-title" className="font-serif text-3xl font-bold">
        {NOT_FOUND_TITLE}
      </h1>
      <p className="mt-3 text-stone-600 dark:text-stone-300">{notFoundText(what)}</p>
      <p className="mt-6">
        <Link to="/" className="font-medium text-sky-700 underline dark:text-sky-400">
          {GO_TO_LATEST}
        </Link>
      </p>
    </section>
  )
}
