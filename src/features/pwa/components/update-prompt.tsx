import { useEffect, useState } from 'react'
import { useRegisterSW } from 'virtual:pwa-register/react'
import { checkForUpdates, reloadOnNewController } from '../api/service-worker'
import { APP_UPDATE, NEW_VERSION, NOT_NOW, UPDATE, UPDATING } from '@/i18n/later'

/**
 * Registers the service worker and, when a new version is waiting, offers it without getting in the way:
 * a polite message with "Update" and "Not now", never a dialog. Update activates the new version and every
 * open tab reloads onto it; Not now leaves this tab on the old, consistent version until the next start.
 * In development and unit tests vite-plugin-pwa's module registers nothing.
 */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW: (_url, registration) => {
      if (registration) checkForUpdates(registration)
    },
    // Every tab reloads from its own controllerchange listener (below), the accepting one included.
    onNeedReload: () => {},
  })
  const [updating, setUpdating] = useState(false)

  useEffect(() => {
    if (typeof navigator === 'undefined' || !navigator.serviceWorker) return
    return reloadOnNewController(navigator.serviceWorker)
  }, [])

  return (
    <div role="status" aria-label={APP_UPDATE}>
      {needRefresh ? (
        <div className="fixed right-4 bottom-4 left-4 z-40 mx-auto max-w-md rounded-lg border border-stone-300 bg-white p-4 shadow-lg sm:left-auto dark:border-stone-700 dark:bg-stone-900">
          <p className="font-medium">{NEW_VERSION}</p>
          <div className="mt-3 flex gap-2">
            <button
              type="button"
              disabled={updating}
              onClick={() => {
                setUpdating(true)
                void updateServiceWorker(true)
              }}
              className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
            >
              {updating ? UPDATING : UPDATE}
            </button>
            <button
              type="button"
              onClick={() => setNeedRefresh(false)}
              className="rounded border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"
            >
              {NOT_NOW}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
