import { StrictMode } from 'react'
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { onTestFinished } from 'vitest'
import { createRoutes } from '@/app/routes'
import { makeTestQueryClient } from './query-client'

interface RenderAppOptions {
  /** Defaults to a fresh client per call, so no test sees another's cache. */
  queryClient?: QueryClient
}

/** Renders the whole app (real routes, loaders and lazy modules) at `url`, as main.tsx does. */
export function renderApp(
  url: string,
  { queryClient = makeTestQueryClient() }: RenderAppOptions = {},
) {
  const router = createMemoryRouter(createRoutes(queryClient), { initialEntries: [url] })
  const user = userEvent.setup()
  const result = render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
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
