import { useSyncExternalStore } from 'react'

const subscribe = () => () => {}

/**
 * False while React renders HTML on the server and while it hydrates that HTML in the browser; true in
 * every other render, and right after hydration (React re-renders with the client value by itself).
 * For output that differs between the build machine and the reader (the time now, the reader's time
 * zone): render a stable form until this is true, so hydration never meets a mismatch.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  )
}
