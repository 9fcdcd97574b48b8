import { StrictMode, type ReactNode } from 'react'
import type { QueryClient } from '@tanstack/react-query'
import { AppProviders } from './providers'

/**
 * What wraps the router, on the server (StaticRouterProvider) and in the browser (RouterProvider) alike:
 * hydration needs both trees to have the same shape.
 */
export function AppRoot({
  queryClient,
  children,
}: {
  queryClient: QueryClient
  children: ReactNode
}) {
  return (
    <StrictMode>
      <AppProviders queryClient={queryClient}>{children}</AppProviders>
    </StrictMode>
  )
}
