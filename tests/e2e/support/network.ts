import type { Page, Request } from 'playwright-core'

/**
 * Follows every request a page makes, from its start to its end (finished or failed), so a test can wait
 * until the page has nothing in flight before it counts requests, instead of waiting for a time.
 */
export interface RequestTracker {
  /** How many requests the page has started since it was opened. */
  readonly started: number
  /** How many of them have neither finished nor failed yet. */
  readonly inFlight: number
  /** Resolves once no request is in flight (at once when none is), or rejects after `timeout` ms. */
  untilNoneInFlight(timeout: number): Promise<void>
}

/** Attaches a tracker to `page`: before its first navigation, so no request escapes it. */
export function trackRequests(page: Page): RequestTracker {
  const open = new Set<Request>()
  let started = 0
  let waiters: (() => void)[] = []
  const settle = (request: Request) => {
    open.delete(request)
    if (open.size > 0) return
    const done = waiters
    waiters = []
    for (const resolve of done) resolve()
  }
  page.on('request', (request) => {
    started++
    open.add(request)
  })
  page.on('requestfinished', settle)
  page.on('requestfailed', settle)
  // A closed page ends nothing by event: nothing of it is in flight any more.
  page.on('close', () => {
    for (const request of [...open]) settle(request)
  })
  return {
    get started() {
      return started
    },
    get inFlight() {
      return open.size
    },
    untilNoneInFlight: (timeout) =>
      new Promise<void>((resolve, reject) => {
        if (open.size === 0) return resolve()
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== done)
          const urls = [...open].map((r) => r.url())
          reject(new Error(`requests still in flight after ${timeout} ms: ${urls.join(', ')}`))
        }, timeout)
        const done = () => {
          clearTimeout(timer)
          resolve()
        }
        waiters.push(done)
      }),
  }
}

/**
 * How long the page may go without an idle period before its idle callbacks run anyway: the cap the app
 * puts on its own idle-time work (whenIdle, src/lib/when-idle.ts). A page that keeps painting (a progress
 * bar's animation) has no idle period at all.
 */
const IDLE_CAP_MS = 2_000

/**
 * Waits until the page is done with the network: no request in flight, then an idle period of the page's
 * own main thread (requestIdleCallback, after the app's own: its idle-time work has had its turn), and no
 * request started meanwhile. Request counts read after this are final for what has happened so far; a retry
 * the app schedules on a timer is the page's to announce (its error shown), not this wait's to guess.
 */
export async function untilNetworkQuiet(
  { page, requests }: { page: Page; requests: RequestTracker },
  timeout = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeout
  for (;;) {
    const before = requests.started
    await requests.untilNoneInFlight(Math.max(1, deadline - Date.now()))
    await page.evaluate(
      (timeout) =>
        new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout })),
      IDLE_CAP_MS,
    )
    if (requests.started === before && requests.inFlight === 0) return
    if (Date.now() > deadline) {
      throw new Error(
        `the page kept the network busy for ${timeout} ms (${requests.inFlight} in flight)`,
      )
    }
  }
}
