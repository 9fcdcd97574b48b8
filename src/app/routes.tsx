import type { QueryClient } from '@tanstack/react-query'
import type { RouteObject } from 'react-router'
import { ArticleSkeleton } from '@/features/articles/components/article-skeleton'
import { StoryListSkeleton } from '@/features/articles/components/story-list'
import { RootLayout } from './layout'
import { articleLoader } from './routes/article-loader'
import { listingLoader } from './routes/listing-loader'
import { RouteError } from './routes/route-error'

/**
 * The route tree. Loaders are small and static, so they start fetching data while the route's
 * component code (lazy) downloads: data and code arrive in parallel.
 */
export function createRoutes(queryClient: QueryClient): RouteObject[] {
  const listing = (
    path: string | undefined,
    kind: Parameters<typeof listingLoader>[1],
  ): RouteObject => ({
    ...(path === undefined ? { index: true } : { path }),
    loader: listingLoader(queryClient, kind),
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
              loader: articleLoader(queryClient),
              hydrateFallbackElement: <ArticleSkeleton />,
              lazy: () => import('./routes/article-route'),
            },
            { path: '*', lazy: () => import('./routes/not-found-route') },
          ],
        },
      ],
    },
  ]
}
