import { onlineManager, type QueryClient } from '@tanstack/react-query'
import { apiUrl } from '@/lib/api-client'
import { isNetworkError } from '@/lib/api-error'

/** Waits between checks while the newsroom cannot be reached: soon at first, then less often. */
export const PROBE_DELAYS_MS = [5_000, 10_000, 20_000, 40_000, 60_000]

/**
 * Whether the newsroom's server answers at all. A HEAD request: the service worker's routes are for GET,
 * so its caches cannot answer for a server that is gone, and the browser's HTTP cache is skipped too.
 */
export async function probeServer(signal?: AbortSignal): Promise<boolean> {
  try {
    await fetch(apiUrl('site.json'), { method: 'HEAD', cache: 'no-store', signal })
    return true
  } catch {
    return false
  }
}

type SetOnline = (online: boolean) => void

/**
 * TanStack Query's own listener, used again when the app's is removed: the browser's online and offline
 * events.
 */
function browserEvents(setOnline: SetOnline) {
  const online = () => setOnline(true)
  const offline = () => setOnline(false)
  window.addEventListener('online', online)
  window.addEventListener('offline', offline)
  return () => {
    window.removeEventListener('online', online)
    window.removeEventListener('offline', offline)
  }
}

const hasServiceWorkerControl = () =>
  typeof navigator !== 'undefined' && Boolean(navigator.serviceWorker?.controller)

/**
 * Makes TanStack Query's onlineManager (what the app and its refetch-on-reconnect go by) say whether the
 * reader can reach the newsroom, not only whether the device has a network. The browser's online/offline
 * events say the second; with a service worker answering from its caches, a server that is down (or a
 * network that leads nowhere) would go unnoticed, so the server is asked directly: at start when a service
 * worker controls the page or a request has already failed for want of an answer, whenever a request
 * fails so, and, while it cannot be reached, again and again until it answers. Returns a function that
 * puts the browser's events back.
 */
export function watchConnectivity(
  queryClient: QueryClient,
  probe: (signal: AbortSignal) => Promise<boolean> = probeServer,
): () => void {
  onlineManager.setEventListener((setOnline) => {
    // What the browser said last (its events), and whether the server failed to answer.
    let browserOnline = navigator.onLine
    let unreachable = false
    let attempt = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    let checking: AbortController | undefined
    const controller = new AbortController()

    const update = () => setOnline(browserOnline && !unreachable)

    const check = () => {
      clearTimeout(timer)
      if (!browserOnline) return update()
      if (checking) return
      checking = new AbortController()
      const current = checking
      void probe(current.signal).then((answered) => {
        if (current.signal.aborted) return
        checking = undefined
        unreachable = !answered
        update()
        if (answered) {
          attempt = 0
        } else {
          const delay = PROBE_DELAYS_MS[Math.min(attempt, PROBE_DELAYS_MS.length - 1)]
          attempt += 1
          timer = setTimeout(check, delay)
        }
      })
    }

    const onOnline = () => {
      browserOnline = true
      check()
    }
    const onOffline = () => {
      browserOnline = false
      clearTimeout(timer)
      checking?.abort()
      checking = undefined
      update()
    }
    const onVisible = () => {
      if (document.visibilityState === 'visible' && unreachable) check()
    }
    const { signal } = controller
    window.addEventListener('online', onOnline, { signal })
    window.addEventListener('offline', onOffline, { signal })
    document.addEventListener('visibilitychange', onVisible, { signal })
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (
        event.type === 'updated' &&
        event.action.type === 'error' &&
        isNetworkError(event.action.error) &&
        !unreachable
      )
        check()
    })

    update()
    // The app loads this after it starts: a request may already have gone unanswered.
    const failedBefore = queryClient
      .getQueryCache()
      .getAll()
      .some((query) => query.state.status === 'error' && isNetworkError(query.state.error))
    if (browserOnline && (hasServiceWorkerControl() || failedBefore)) check()

    return () => {
      controller.abort()
      checking?.abort()
      clearTimeout(timer)
      unsubscribe()
    }
  })
  return () => onlineManager.setEventListener(browserEvents)
}
