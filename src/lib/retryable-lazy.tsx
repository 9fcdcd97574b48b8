import { lazy, type ComponentType } from 'react'

/** A lazily loaded component, and the way to load its code again after the load failed. */
export interface RetryableLazy<P extends object> {
  Component: ComponentType<P>
  /** After a failed load: the next render loads the code afresh (a Retry calls it). */
  retry: () => void
}

/**
 * React.lazy for a part a Retry can bring back: React.lazy keeps a failed import for good, so every later
 * render would throw the same error. `retry` swaps in a fresh React.lazy once the load has failed (never
 * sooner: a load in flight or done is kept, so a loaded part renders at once on every later page).
 */
export function retryableLazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
): RetryableLazy<P> {
  let failed = false
  const make = () =>
    lazy(() =>
      load().then(
        (component) => ({ default: component }),
        (error: unknown) => {
          failed = true
          throw error
        },
      ),
    )
  let current = make()
  function Component(props: P) {
    const Loaded = current
    return <Loaded {...props} />
  }
  const retry = () => {
    if (!failed) return
    failed = false
    current = make()
  }
  return { Component, retry }
}
