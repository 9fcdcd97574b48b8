import type { DehydratedState } from '@tanstack/react-query'
import type { HydrationState } from 'react-router'
import { jsonForScript } from '@/lib/page-head'
import { PAGE_DATA_ID } from './page-data-id'

/**
 * What a prerendered page hands to the app in the browser, in one non-executable JSON block (no inline
 * script, so a strict Content-Security-Policy needs no exception): the URL it was rendered for, the
 * router's loader data and the query cache, so the first render in the browser is the build's render.
 */
export interface PageData {
  /** Path and query string the page was rendered for. */
  path: string
  router: HydrationState
  queries: DehydratedState
}

export { PAGE_DATA_ID }

/**
 * The build's query cache without the build's clock: a page must change only when what it shows changes
 * (docs/decisions/021-stable-pages.md), and the time a query was fetched or dehydrated at build time
 * would change every page on every build. The data's age is the page's, which only the browser knows
 * (./start-client.tsx): the build writes 0 ("no time of its own").
 */
export function withoutBuildTime({ queries, mutations }: DehydratedState): DehydratedState {
  return {
    mutations,
    queries: queries.map((query) => ({
      ...query,
      dehydratedAt: 0,
      state: { ...query.state, dataUpdatedAt: 0 },
    })),
  }
}

export function pageDataScript(data: PageData): string {
  return `<script type="application/json" id="${PAGE_DATA_ID}">${jsonForScript(data)}</script>`
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The block's shape, checked by hand: a validation library here would load with every page, which needs
 * nothing else of it (docs/decisions/009-performance-budgets.md).
 */
function isPageData(value: unknown): value is PageData {
  return (
    isObject(value) &&
    typeof value.path === 'string' &&
    isObject(value.router) &&
    isObject(value.router.loaderData) &&
    isObject(value.queries) &&
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
