import type { DehydratedState } from '@tanstack/react-query'
import { jsonForScript } from '@/lib/page-head'
import { PAGE_DATA_ID, type PageData } from '../start/page-data'

/**
 * The build's query cache without the build's clock: a page must change only when what it shows changes
 * (docs/decisions/021-stable-pages.md), and the time a query was fetched or dehydrated at build time
 * would change every page on every build. The data's age is the page's, which only the browser knows
 * (src/app/start/start-client.tsx): the build writes 0 ("no time of its own").
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

/** The page's data block (src/app/start/page-data.ts reads it in the browser). */
export function pageDataScript(data: PageData): string {
  return `<script type="application/json" id="${PAGE_DATA_ID}">${jsonForScript(data)}</script>`
}
