import type { QueryClient } from '@tanstack/react-query'
import { dehydrate } from '@tanstack/react-query'
import { renderToString } from 'react-dom/server'
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
  type StaticHandlerContext,
} from 'react-router'
import { createRoutes, type PageRouteHandle } from './app/routes'
import type { ListingParams } from './app/routes/listing-loader'
import { apiFromFiles } from './app/ssr/api-from-files'
import { AppRoot } from './app/app-root'
import { fillTemplate } from './app/ssr/document'
import { pageDataScript, withoutBuildTime } from './app/ssr/page-data-script'
import { articleHead, listingHead } from './app/ssr/page-meta'
import { serverSanitizer } from './app/ssr/server-sanitizer'
import { env } from './config/env'
import { paths } from './config/paths'
import { articleQueryOptions } from './features/articles/api/get-article'
import { listingQueryOptions } from './features/articles/api/get-listing'
import type { Article, ListingPage } from './features/articles/api/schemas'
import { SanitizerContext } from './features/articles/html/sanitizer-context'
import { RelatedStories } from './features/articles/components/related-stories'
import { PrerenderedPartsContext } from './app/ssr/prerendered-parts'
import { siteQueryOptions } from './features/site/api/get-site'
import type { StableSite } from './features/site/api/schemas'
import { renderHead, type PageHead } from './lib/page-head'
import type { Transport } from './lib/transport'
import { makeQueryClient } from './lib/query-client'
import { isRecord } from './lib/guards'

/**
 * Build-time rendering (scripts/vite-plugin-prerender.ts loads this module in Node): React renders a
 * route with its loaders' data through React Router's static handler, exactly as the browser would,
 * and the page goes into the built index.html with its metadata and the data the browser hydrates from.
 * docs/decisions/008-prerendering.md explains the design.
 */

export interface PrerendererOptions {
  /** The built index.html (the app shell): every page is rendered into it. */
  template: string
  /**
   * The API the build has just written (dist/api): pages read their data from these files. Several
   * folders: the first that holds a file answers (the sync's staged changes over the live API).
   */
  apiDir: string | readonly string[]
}

export interface PagePaths {
  /** The first page of every listing: home, and every section, tag and author. */
  listings: string[]
  /** Stories, newest first. */
  articles: string[]
}

/** What the browser loads lazily, ready for renderToString (src/app/ssr/prerendered-parts.ts). */
const PRERENDERED_PARTS = { RelatedStories }

/** Rounds of "render, fetch what the render was missing" before a page ships as it is. */
const MAX_RENDER_PASSES = 3

export function createPrerenderer({ template, apiDir }: PrerendererOptions) {
  const siteUrl = env.siteUrl.href
  // The bundled API is files on disk at build time; an API on another origin is asked over the network.
  // Every QueryClient the prerenderer makes is given this transport: nothing else in the process is.
  const apiTransport =
    env.apiBaseUrl.origin === env.siteUrl.origin ? apiFromFiles(apiDir, env.apiBaseUrl) : undefined
  // Stories with html blocks ship their cleaned markup, which the browser hydrates as it is.
  const sanitize = serverSanitizer(env.siteUrl.origin)

  return {
    siteUrl,

    /** Every listing's first page, and the newest `articleLimit` stories (all when not given). */
    async pagePaths({
      articleLimit = Infinity,
    }: { articleLimit?: number } = {}): Promise<PagePaths> {
      const queryClient = makeServerQueryClient(apiTransport)
      try {
        return await listPagePaths(queryClient, articleLimit)
      } finally {
        queryClient.clear()
      }
    },

    /** The whole HTML document for one page (a path and query string, as in the address bar). */
    async render(path: string): Promise<string> {
      const queryClient = makeServerQueryClient(apiTransport)
      try {
        const handler = createStaticHandler(createRoutes(queryClient))
        const context = await handler.query(new Request(new URL(path, siteUrl)))
        if (context instanceof Response) {
          const location = context.headers.get('Location')
          throw new Error(`${path} answered ${context.status}${location ? ` → ${location}` : ''}`)
        }
        if (context.errors || context.statusCode !== 200) {
          const error = context.errors ? Object.values(context.errors)[0] : undefined
          throw new Error(`${path} did not render (status ${context.statusCode})`, { cause: error })
        }
        // The head names the site; the page frame's navigation needs it too.
        const site = await queryClient.fetchQuery(siteQueryOptions())
        const router = createStaticRouter(handler.dataRoutes, context)
        const body = await renderUntilSettled(queryClient, () =>
          renderToString(
            <SanitizerContext value={sanitize}>
              <PrerenderedPartsContext value={PRERENDERED_PARTS}>
                <AppRoot queryClient={queryClient}>
                  <StaticRouterProvider router={router} context={context} hydrate={false} />
                </AppRoot>
              </PrerenderedPartsContext>
            </SanitizerContext>,
          ),
        )
        const head = renderHead(headFor(context, queryClient, site, siteUrl, path))
        const data = pageDataScript({
          path,
          router: { loaderData: context.loaderData, actionData: context.actionData, errors: null },
          queries: withoutBuildTime(dehydrate(queryClient)),
        })
        return fillTemplate(template, { head, body, data })
      } finally {
        queryClient.clear()
      }
    },
  }
}

export type Prerenderer = ReturnType<typeof createPrerenderer>

/** Every listing's first page, and the newest `articleLimit` stories, read through `queryClient`. */
async function listPagePaths(queryClient: QueryClient, articleLimit: number): Promise<PagePaths> {
  const site = await queryClient.fetchQuery(siteQueryOptions())
  const listings = [
    paths.home(),
    ...site.sections.map((s) => paths.section(s.slug)),
    ...site.tags.map((t) => paths.tag(t.slug)),
    ...site.authors.map((a) => paths.author(a.slug)),
  ]
  const articles: string[] = []
  // The latest listing is the archive newest first; read only the pages the limit needs.
  let page = 1
  let pageCount = 1
  while (page <= pageCount && articles.length < articleLimit) {
    const listing = await queryClient.fetchQuery(listingQueryOptions({ kind: 'latest' }, page++))
    pageCount = listing.pageCount
    for (const story of listing.items.slice(0, articleLimit - articles.length)) {
      articles.push(paths.article(story.slug))
    }
  }
  return { listings, articles }
}

/**
 * The app's query defaults, without retries (the files are there or the build fails) or GC timers,
 * reaching the API through `apiTransport` (the built files) when given.
 */
function makeServerQueryClient(apiTransport: Transport | undefined): QueryClient {
  const client = makeQueryClient({ apiTransport })
  const defaults = client.getDefaultOptions()
  client.setDefaultOptions({
    ...defaults,
    queries: { ...defaults.queries, retry: false, gcTime: Infinity },
  })
  return client
}

/**
 * Renders, then fetches whatever the render asked for that no loader had fetched (the section
 * navigation on a story, the section's stories below one whose API gives no related stories), and renders again, until nothing is missing: the
 * page ships whole, and the browser's first render finds the same data in the cache. A query that fails
 * fails the build, since the browser could not reproduce an error the build rendered.
 */
async function renderUntilSettled(queryClient: QueryClient, render: () => string) {
  for (let pass = 1; ; pass++) {
    const html = render()
    const cache = queryClient.getQueryCache()
    const failed = cache.findAll({ predicate: (q) => q.state.status === 'error' })
    if (failed.length) {
      throw new Error(`query ${failed[0]!.queryHash} failed`, { cause: failed[0]!.state.error })
    }
    const missing = cache.findAll({ predicate: (q) => q.state.status === 'pending' })
    if (!missing.length || pass === MAX_RENDER_PASSES) return html
    await Promise.all(
      missing.map((query) =>
        queryClient.fetchQuery({ ...query.options, queryKey: query.queryKey }),
      ),
    )
  }
}

function isListingParams(value: unknown): value is ListingParams {
  return isRecord(value) && 'ref' in value && 'page' in value
}

function headFor(
  context: StaticHandlerContext,
  queryClient: QueryClient,
  site: StableSite,
  siteUrl: string,
  path: string,
): PageHead {
  // The page's kind is what its route declares (src/app/routes.tsx), not what its path looks like.
  const leaf = context.matches.at(-1)
  const kind = (leaf?.route.handle as Partial<PageRouteHandle> | undefined)?.kind
  const loaderData: unknown = leaf ? context.loaderData[leaf.route.id] : undefined
  if (kind === 'listing' && isListingParams(loaderData)) {
    const { ref, page, tags } = loaderData
    const listing = queryClient.getQueryData<ListingPage>(
      listingQueryOptions(ref, page, tags).queryKey,
    )
    if (listing) return listingHead(ref, listing, site, siteUrl)
  } else if (kind === 'article' && leaf?.params.slug) {
    const article = queryClient.getQueryData<Article>(
      articleQueryOptions(leaf.params.slug).queryKey,
    )
    if (article) return articleHead(article, site, siteUrl)
  }
  throw new Error(`${path}: no page metadata for this route`)
}
