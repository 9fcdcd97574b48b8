/**
 * Runs `callback` once the browser has nothing more urgent to do (requestIdleCallback), or within
 * `timeout` ms at the latest; where there is no requestIdleCallback (Safari), after the current task.
 * Returns a function that cancels it. For start-up work that neither the first screen nor the reader's
 * first input needs (docs/decisions/016-start-up.md).
 */
export function whenIdle(callback: () => void, timeout = 2_000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => callback(), { timeout })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(callback, 0)
  return () => clearTimeout(id)
}
