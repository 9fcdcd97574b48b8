import { StrictMode } from 'react'
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { onTestFinished } from 'vitest'
import { AppRoot } from '@/app/app-root'
import { createRoutes } from '@/app/routes'
import { makeTestQueryClient } from './query-client'

interface RenderAppOptions {
  /** Defaults to a fresh client per call, so no test sees another's cache. */
  queryClient?: QueryClient
  /**
   * Wraps the router in the app's own providers (AppRoot: the device cache and the connection watch),
   * as the browser's start does, for tests of what those providers do; by default only the query cache.
   */
  withAppProviders?: boolean
}

/** Renders the whole app (real routes, loaders and lazy modules) at `url`, as main.tsx does. */
export function renderApp(
  url: string,
  { queryClient = makeTestQueryClient(), withAppProviders = false }: RenderAppOptions = {},
) {
  const router = createMemoryRouter(createRoutes(queryClient), { initialEntries: [url] })
  const user = userEvent.setup()
  const routes = <RouterProvider router={router} />
  const result = render(
    withAppProviders ? (
      <AppRoot queryClient={queryClient}>{routes}</AppRoot>
    ) : (
      <StrictMode>
        <QueryClientProvider client={queryClient}>{routes}</QueryClientProvider>
      </StrictMode>
    ),
  )
  onTestFinished(() => {
    router.dispose()
    queryClient.clear()
  })
  return { ...result, user, router, queryClient }
}

/** The router's current URL, path and query string, as a reader would see it in the address bar. */
export const currentUrl = (router: ReturnType<typeof createMemoryRouter>) =>
  router.state.location.pathname + router.state.location.search
