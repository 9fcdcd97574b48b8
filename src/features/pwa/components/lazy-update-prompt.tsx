import { useEffect, useState, type ComponentType } from 'react'

/**
 * The update prompt, loaded after the page is live: registering the service worker (workbox-window) and
 * offering a new version are never part of the first screen, so their code stays out of the first route
 * (docs/decisions/009-performance-budgets.md). The prompt's live region appears once it has loaded, long
 * before any new version can be waiting, so an offer is still announced.
 */
export function LazyUpdatePrompt() {
  const [Prompt, setPrompt] = useState<ComponentType | null>(null)
  useEffect(() => {
    let live = true
    void import('./update-prompt').then(
      (module) => {
        if (live) setPrompt(() => module.UpdatePrompt)
      },
      () => {
        // Offline with a stale cache, say: no prompt this time; the next start registers.
      },
    )
    return () => {
      live = false
    }
  }, [])
  return Prompt ? <Prompt /> : null
}
