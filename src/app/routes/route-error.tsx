import { isRouteErrorResponse, useRevalidator, useRouteError } from 'react-router'
import { ErrorPanel } from '@/components/ui/error-panel'
import { NotFound } from '@/components/ui/not-found'
import { useOfflineFailure } from '@/features/pwa/hooks/use-offline-failure'
import { ApiError } from '@/lib/api-error'
import { useDocumentTitle } from '@/lib/use-document-title'
import { PAGE_FAILED, PAGE_LOAD_FAILED, SOMETHING_WENT_WRONG, WE_COULD_NOT_LOAD_PAGE } from '@/i18n'

/** A route's error boundary: a 404 is "not found"; any other failure says what happened and can retry. */
export function RouteError() {
  const error = useRouteError()
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />
  return <RouteFailure error={error} />
}

function RouteFailure({ error }: { error: unknown }) {
  const revalidator = useRevalidator()
  const retry = () => void revalidator.revalidate()
  // A page that failed for want of a connection loads by itself when the connection returns.
  useOfflineFailure(error, retry)
  useDocumentTitle(SOMETHING_WENT_WRONG)
  const message = error instanceof ApiError ? error.message : PAGE_FAILED
  return (
    <section aria-labelledby="route-error-title" className="py-10">
      <h1 id="route-error-title" className="mb-4 font-serif text-2xl font-bold">
        {PAGE_LOAD_FAILED}
      </h1>
      <ErrorPanel
        title={WE_COULD_NOT_LOAD_PAGE}
        message={message}
        onRetry={retry}
        retrying={revalidator.state === 'loading'}
      />
      {import.meta.env.DEV && error instanceof Error ? (
        <pre className="mt-4 overflow-auto text-xs">{error.stack}</pre>
      ) : null}
    </section>
  )
}
