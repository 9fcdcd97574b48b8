/**
 * Runs `sync` one call at a time, for a cache kept in step with a list on the device (the saved stories'
 * copies, the kept topics'): a sync asked for while one runs is run once after it, however many were
 * asked for, refreshing if any of them asked to. A failed sync is swallowed (Cache Storage refused:
 * private mode, a corrupt profile), so the next one still runs. The function returned asks for a sync
 * and returns when the sync that will cover the request is done.
 */
export function serialSyncs(sync: (refresh: boolean) => Promise<void>) {
  let queue = Promise.resolve()
  let next: { refresh: boolean } | null = null
  return (refresh: boolean): Promise<void> => {
    if (next) {
      next.refresh ||= refresh
      return queue
    }
    const run = (next = { refresh })
    queue = queue
      .then(() => {
        next = null
        return sync(run.refresh)
      })
      .catch(() => {
        // Nothing to keep in step now; the next change or start tries again.
      })
    return queue
  }
}
