/// <reference types="trusted-types" />
/** The service worker's script, as vite-plugin-pwa's registration names it: a string, not a TrustedScriptURL. */
export const SERVICE_WORKER_URL = '/sw.js'

/**
 * Under Trusted Types (docs/decisions/010-sanitizing-and-csp.md), `navigator.serviceWorker.register` takes
 * a TrustedScriptURL, but vite-plugin-pwa hands workbox-window the plain string "/sw.js" and offers no way
 * to pass anything else. The `default` policy is what the browser consults for such a string: ours lets
 * exactly this page's own /sw.js through and refuses every other script URL and all HTML and script, so
 * any other string that reaches a sink still throws. Created once, before the registration can run (this
 * module loads with the update prompt that registers); a no-op where Trusted Types do not exist.
 */
export function allowServiceWorkerScript(
  factory: TrustedTypePolicyFactory | undefined = globalThis.window?.trustedTypes,
  origin?: string,
): Pick<TrustedTypePolicy, 'name' | 'createScriptURL'> | null {
  if (!factory) return null
  if (factory.defaultPolicy) return factory.defaultPolicy
  const allowed = new URL(SERVICE_WORKER_URL, origin ?? window.location.origin).href
  return factory.createPolicy('default', {
    createScriptURL: (url: string) => {
      if (new URL(url, allowed).href === allowed) return url
      throw new TypeError(`Trusted Types: ${url} is not this site's service worker`)
    },
  })
}
allowServiceWorkerScript()

/** How often an open tab asks whether a new version has been deployed. */
export const UPDATE_CHECK_INTERVAL_MS = 60 * 60_000
/** A tab reloads for a new version at most once in this long: a guard against a reload loop. */
export const RELOAD_GUARD_MS = 10_000
const RELOADED_AT = 'newsroom:reloaded-for-update-at'

let reloading = false

/**
 * Reloads this tab, once, when a new service worker takes control of it: the moment a reader accepts an
 * update in any tab, the waiting worker activates and every tab it controlled reloads onto the new
 * version, so no tab keeps running old code against new caches. A tab that had no controller when it
 * started is being claimed for the first time, not updated, and does not reload; nor does one that reloaded
 * for an update moments ago. Returns a function that stops listening.
 */
export function reloadOnNewController(
  container: ServiceWorkerContainer,
  reload: () => void = () => window.location.reload(),
  now: () => number = Date.now,
): () => void {
  const hadController = Boolean(container.controller)
  const onControllerChange = () => {
    if (!hadController || reloading) return
    if (now() - lastReload() < RELOAD_GUARD_MS) return
    reloading = true
    rememberReload(now())
    reload()
  }
  container.addEventListener('controllerchange', onControllerChange)
  return () => container.removeEventListener('controllerchange', onControllerChange)
}

function lastReload(): number {
  try {
    return Number(sessionStorage.getItem(RELOADED_AT)) || 0
  } catch {
    return 0
  }
}

function rememberReload(at: number) {
  try {
    sessionStorage.setItem(RELOADED_AT, String(at))
  } catch {
    // Without session storage the in-memory flag still allows one reload per page.
  }
}

/** For tests: forget that this page already reloaded. */
export function resetReloadGuard() {
  reloading = false
}

let watching = false

/**
 * Asks the server for a new service worker now and then while a tab stays open (a single-page app never
 * navigates for real, so the browser's own check on navigation rarely comes): every hour, when the tab is
 * shown again, and when the network returns.
 */
export function checkForUpdates(registration: ServiceWorkerRegistration) {
  if (watching) return
  watching = true
  const check = () => {
    if (navigator.onLine) registration.update().catch(() => {})
  }
  setInterval(check, UPDATE_CHECK_INTERVAL_MS)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check()
  })
  window.addEventListener('online', check)
}
