import { Link } from 'react-router'
import { useDocumentTitle } from '@/lib/use-document-title'

/** What a reader sees for a page that does not exist, with a way back. */
export function NotFound({ what = 'page' }: { what?: string }) {
  useDocumentTitle('Page not found')
  return (
    <section aria-labelledby="not-found-title" className="py-16 text-center">
      <h1 id="not-found-title" className="font-serif text-3xl font-bold">
        Page not found
      </h1>
      <p className="mt-3 text-stone-600 dark:text-stone-300">
        We could not find that {what}. It may have moved, or the link may be mistyped.
      </p>
      <p className="mt-6">
        <Link to="/" className="font-medium text-sky-700 underline dark:text-sky-400">
          Go to the latest stories
        </Link>
      </p>
    </section>
  )
}
