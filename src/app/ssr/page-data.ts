import type { DehydratedState } from '@tanstack/react-query'
import type { HydrationState } from 'react-router'
import * as v from 'valibot'
import { jsonForScript } from '@/lib/page-head'

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

export const PAGE_DATA_ID = 'newsroom-data'

export function pageDataScript(data: PageData): string {
  return `<script type="application/json" id="${PAGE_DATA_ID}">${jsonForScript(data)}</script>`
}

const PageDataSchema = v.object({
  path: v.string(),
  router: v.looseObject({ loaderData: v.record(v.string(), v.unknown()) }),
  queries: v.looseObject({ queries: v.array(v.unknown()), mutations: v.array(v.unknown()) }),
})

/** The page's data block, or null when there is none (the app shell) or it cannot be read. */
export function readPageData(doc: Document): PageData | null {
  const text = doc.getElementById(PAGE_DATA_ID)?.textContent
  if (!text) return null
  try {
    const parsed = v.safeParse(PageDataSchema, JSON.parse(text))
    return parsed.success ? (parsed.output as unknown as PageData) : null
  } catch {
    return null
  }
}
