import type { DehydratedState } from '@tanstack/react-query'
import type { HydrationState } from 'react-router'
import { isRecord } from '@/lib/guards'
import { PAGE_DATA_ID } from './page-data-id'

/**
 * What a prerendered page hands to the app in the browser, in one non-executable JSON block (no inline
 * script, so a strict Content-Security-Policy needs no exception): the URL it was rendered for, the
 * router's loader data and the query cache, so the first render in the browser is the build's render.
 * The build writes it (src/app/ssr/page-data-script.ts); the browser's start reads it (./start-client.tsx).
 */
export interface PageData {
  /** Path and query string the page was rendered for. */
  path: string
  router: HydrationState
  queries: DehydratedState
}

export { PAGE_DATA_ID }

/**
 * The block's shape, checked by hand: a validation library here would load with every page, which needs
 * nothing else of it (docs/decisions/009-performance-budgets.md).
 */
function isPageData(value: unknown): value is PageData {
  return (
    isRecord(value) &&
    typeof value.path === 'string' &&
    isRecord(value.router) &&
    isRecord(value.router.loaderData) &&
    isRecord(value.queries) &&
    Array.isArray(value.queries.queries) &&
    Array.isArray(value.queries.mutations)
  )
}

/** The page's data block, or null when there is none (the app shell) or it cannot be read. */
export function readPageData(doc: Document): PageData | null {
  const text = doc.getElementById(PAGE_DATA_ID)?.textContent
  if (!text) return null
  try {
    const parsed: unknown = JSON.parse(text)
    return isPageData(parsed) ? parsed : null
  } catch {
    return null
  }
}
