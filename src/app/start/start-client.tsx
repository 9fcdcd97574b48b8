import type { DehydratedState, QueryClient } from '@tanstack/react-query'
import { startTransition } from 'react'
import { createRoot, hydrateRoot, type Root } from 'react-dom/client'
// RouterProvider from 'react-router' itself, not 'react-router/dom': the DOM one only adds `flushSync`
// navigations, which the app does not use, and in Node (the tests) it loads a second copy of the router.
import { createBrowserRouter, matchRoutes, RouterProvider, type RouteObject } from 'react-router'
import { PAGES_CACHE } from '@/features/pwa/cache-names'
import { PAGE_HEAD_ATTRIBUTE } from '@/lib/page-head'
import { makeQueryClient } from '@/lib/query-client'
import { createRoutes } from '../routes'
import { AppRoot } from '../app-root'
import { readPageData } from './page-data'

type BrowserRouter = ReturnType<typeof createBrowserRouter>

export interface StartedApp {
  router: BrowserRouter
  queryClient: QueryClient
  root: Root
  /** True when the page was prerendered for this URL and React took over its HTML. */
  hydrated: boolean
}

/**
 * Starts the app in the browser. A page the build prerendered for this very URL is hydrated: the query
 * cache and the router start from the data it was rendered with, so the first render matches its HTML
 * and nothing is fetched before the page is live. Anything else (the app shell, served for every URL
 * without a page of its own) renders from scratch.
 */
export async function startClient(container: HTMLElement): Promise<StartedApp> {
  const queryClient = makeQueryClient()
  const routes = createRoutes(queryClient)
  const page = readPageData(document)
  const here = window.location.pathname + window.location.search

  if (page && page.path === here && (await loadRouteModules(routes, here))) {
    fillQueryCache(queryClient, page.queries, await pageTime(here))
    const router = createBrowserRouter(routes, { hydrationData: page.router })
    forgetPageHeadOnLeave(router, here)
    // As a transition, hydration yields to the browser every few milliseconds instead of holding the
    // main thread for the whole page in one long task: a tap or a key during it is answered at once.
    let root!: Root
    startTransition(() => {
      root = hydrateRoot(
        container,
        <AppRoot queryClient={queryClient}>
          <RouterProvider router={router} />
        </AppRoot>,
      )
    })
    return { router, queryClient, root, hydrated: true }
  }

  const router = createBrowserRouter(routes)
  const root = createRoot(container)
  root.render(
    <AppRoot queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppRoot>,
  )
  return { router, queryClient, root, hydrated: false }
}

/**
 * Puts the build's queries in the empty cache. The build dehydrates successful queries only (TanStack's
 * default), and for those in an empty cache this is what TanStack's `hydrate` does; it is not used here
 * because it comes in one module with `dehydrate` and the rest of their options, which only the device
 * cache needs, after start (docs/decisions/009-performance-budgets.md).
 *
 * The page carries no time of its own (the build writes 0, so that a page changes only when what it shows
 * changes: docs/decisions/021-stable-pages.md); its data is as old as the page (`pageTime`). A page from
 * an older release may still carry its build's time: the later of the two counts.
 */
function fillQueryCache(queryClient: QueryClient, { queries }: DehydratedState, time: number) {
  for (const { queryKey, state } of queries) {
    if (state.status === 'success') {
      queryClient.setQueryData(queryKey, state.data, {
        updatedAt: Math.max(state.dataUpdatedAt, time),
      })
    }
  }
}

/**
 * When the page the reader holds left the server. The page and the API files come from the same build,
 * so a page the network just sent holds what the API holds now: its data counts as fetched when the page
 * was asked for, and nothing asks for it again at start (docs/decisions/016-start-up.md). Offline, the page
 * is the service worker's copy: the time is the `Date` the server sent it with, kept in that cache; 0 (no
 * known age) if there is none.
 */
async function pageTime(path: string): Promise<number> {
  if (navigator.onLine) return Math.round(performance.timeOrigin)
  try {
    const copy = await caches.match(path, { cacheName: PAGES_CACHE })
    return Date.parse(copy?.headers.get('date') ?? '') || 0
  } catch {
    return 0
  }
}

/**
 * Loads the lazy route modules this URL matches before the router is created, as React Router asks for
 * lazy routes with server rendering: otherwise its first render would show the loading fallback where
 * the HTML has the page. False if a module cannot load (then the page renders from scratch, and the
 * router reports the failure where it happens).
 */
async function loadRouteModules(routes: RouteObject[], url: string): Promise<boolean> {
  const matches = matchRoutes(routes, url) ?? []
  try {
    await Promise.all(
      matches.map(async ({ route }) => {
        if (typeof route.lazy !== 'function') return
        const module = await route.lazy()
        Object.assign(route, { ...module, lazy: undefined })
      }),
    )
    return true
  } catch {
    return false
  }
}

/**
 * The prerendered head (description, canonical URL, Open Graph, JSON-LD) describes the page the reader
 * arrived on. Once they move to another one in the app, those tags would describe the wrong page: take
 * them away. The title stays; every route keeps it right.
 */
function forgetPageHeadOnLeave(router: BrowserRouter, path: string) {
  const unsubscribe = router.subscribe((state) => {
    if (state.location.pathname + state.location.search === path) return
    for (const element of document.head.querySelectorAll(`[${PAGE_HEAD_ATTRIBUTE}]:not(title)`)) {
      element.remove()
    }
    unsubscribe()
  })
}
