import { data } from 'react-router'
import { isNotFound } from '@/lib/api-error'

/** The route error a loader throws for a page that does not exist; RouteError shows it as not found. */
export const notFoundResponse = () => data('Not Found', { status: 404 })

/** Turns a missing API file into the route's 404, and lets every other failure through as it is. */
export function rethrowNotFound(error: unknown): never {
  if (isNotFound(error)) throw notFoundResponse()
  throw error
}
