import type { QueryClient } from '@tanstack/react-query'
import type { LoaderFunction, RouteObject } from 'react-router'
import { articleKeys } from '@/features/articles/api/keys'
import { ArticleSkeleton } from '@/features/articles/components/article-skeleton'
import { StoryListSkeleton } from '@/features/articles/components/story-list'
import { RootLayout, type AppRouteHandle } from './layout'
import { restoreDeviceCache } from './device-cache'
import { articleLoader } from './routes/article-loader'
import { listingLoader, type ListingParams } from './routes/listing-loader'
import { RouteError } from './routes/route-error'

/**
 * What a route declares about the page it shows: the frame's needs (AppRouteHandle), and its kind, by which
 * code that describes a page without rendering it (the prerendered head, src/entry-server.tsx) knows a
 * story from a listing, whatever the path.
 */
export interface PageRouteHandle extends AppRouteHandle {
  kind: 'listing' | 'article'
}

/**
 * The route tree. Loaders are small and static, so they start fetching data while the route's
 * component code (lazy) downloads: data and code arrive in parallel.
 */
export function createRoutes(queryClient: QueryClient): RouteObject[] {
  // The router starts loaders before React renders: each first waits (briefly, at most) for what the
  // device saved to be back in the cache, so a cold start offline shows it instead of failing.
  const afterRestore =
    (loader: LoaderFunction): LoaderFunction =>
    async (args) => {
      await restoreDeviceCache(queryClient)
      return loader(args)
    }
  const listingHandle: PageRouteHandle = {
    kind: 'listing',
    mainQuery: (match) => {
      const params = match.loaderData as ListingParams | undefined
      return params && articleKeys.list(params.ref, params.page, params.tags)
    },
  }
  const articleHandle: PageRouteHandle = {
    kind: 'article',
    mainQuery: (match) => (match.params.slug ? articleKeys.detail(match.params.slug) : undefined),
  }
  const listing = (
    path: string | undefined,
    kind: Parameters<typeof listingLoader>[1],
  ): RouteObject => ({
    ...(path === undefined ? { index: true } : { path }),
    loader: afterRestore(listingLoader(queryClient, kind)),
    handle: listingHandle,
    // On the first load the page frame renders at once, with this in place of the route's content.
    hydrateFallbackElement: <StoryListSkeleton />,
    lazy: () => import('./routes/listing-route'),
  })
  return [
    {
      id: 'root',
      element: <RootLayout />,
      errorElement: <RouteError />,
      children: [
        {
          errorElement: <RouteError />,
          children: [
            listing(undefined, 'latest'),
            listing('page/:page', 'latest'),
            listing('sections/:slug', 'sections'),
            listing('sections/:slug/page/:page', 'sections'),
            listing('tags/:slug', 'tags'),
            listing('tags/:slug/page/:page', 'tags'),
            listing('authors/:slug', 'authors'),
            listing('authors/:slug/page/:page', 'authors'),
            {
              path: 'articles/:slug',
              loader: afterRestore(articleLoader(queryClient)),
              handle: articleHandle,
              hydrateFallbackElement: <ArticleSkeleton />,
              lazy: () => import('./routes/article-route'),
            },
            {
              path: 'saved',
              // About the page's height (the Offline reading panel is long): the footer stays put.
              hydrateFallbackElement: <StoryListSkeleton count={2} />,
              lazy: () => import('./routes/saved-route'),
            },
            {
              path: 'following',
              // About the height of Following with little or nothing followed: the footer stays put.
              hydrateFallbackElement: <StoryListSkeleton count={1} />,
              lazy: () => import('./routes/following-route'),
            },
            {
              path: 'search',
              lazy: () => import('./routes/search-route'),
            },
            { path: '*', lazy: () => import('./routes/not-found-route') },
          ],
        },
      ],
    },
  ]
}
