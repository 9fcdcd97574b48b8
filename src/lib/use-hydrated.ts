import { startTransition, useEffect, useState, useSyncExternalStore } from 'react'

const subscribe = () => () => {}

/**
 * False while React renders HTML on the server and while it hydrates that HTML in the browser; true in
 * every later render. For output that differs between the build machine and the reader (the time now, the
 * reader's time zone): render a stable form until this is true, so hydration never meets a mismatch.
 *
 * useSyncExternalStore tells a hydrating render from any other (its server snapshot is used only then),
 * but React follows hydration with a synchronous render of every component whose snapshot changed. That
 * render only learns the page is hydrated; the switch to the reader's form is a transition, which React
 * renders in slices that yield to the reader's input (docs/decisions/016-start-up.md).
 */
export function useHydrated(): boolean {
  const hydrating = useSyncExternalStore(
    subscribe,
    () => false,
    () => true,
  )
  const [hydrated, setHydrated] = useState(!hydrating)
  useEffect(() => {
    if (!hydrating && !hydrated) startTransition(() => setHydrated(true))
  }, [hydrating, hydrated])
  return hydrated
}
