import { applySavedPreferences } from './features/preferences/saved-preferences'
import { PAGE_DATA_ID } from './app/start/page-data-id'
import './styles.css'

/**
 * The page's only module script, and a small one: it applies the reader's saved look, then decides when
 * the app (./main.tsx, which the page names in `<meta name="newsroom:app">`: React, the router, the
 * query cache) starts (docs/decisions/016-start-up.md).
 *
 * A prerendered page is whole without JavaScript: text, photos, links that work and a search form that
 * submits. Its first screen must not wait for the app, nor share the network with it, so the app starts
 * once the page has loaded and painted, or at the reader's first touch, key or click, whichever is first.
 * The app shell (every URL without a page of its own) has nothing to show until the app runs: it starts
 * at once.
 */

// The saved theme and text size, on <html> before the app renders, so hydration repaints nothing
// (docs/decisions/011-reading-comfort.md).
applySavedPreferences()

/** Events that mean the reader is about to use the page: the app starts at once for them. */
const INTERACTIONS = ['pointerdown', 'keydown', 'touchstart', 'focusin'] as const
/** A page whose `load` never comes (a stalled image) still goes live after this long. */
const LONGEST_WAIT_MS = 5_000

let started = false
function start() {
  if (started) return
  started = true
  for (const type of INTERACTIONS) removeEventListener(type, start, true)
  // The page names the app's chunks and the route module it hydrates with: all fetched at once.
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="newsroom:module"]')) {
    const link = document.createElement('link')
    link.rel = 'modulepreload'
    link.crossOrigin = ''
    link.href = meta.content
    document.head.append(link)
  }
  const app = document.querySelector<HTMLMetaElement>('meta[name="newsroom:app"]')?.content
  if (app) void import(/* @vite-ignore */ app)
}

/**
 * A click on a button that needs the app (Save, Share, Retry…) before the app runs the page is held, and
 * made again on the same element once it does: hydration keeps the page's elements. Links and the search
 * form work without the app, and are left alone.
 */
let held: HTMLButtonElement | undefined
function holdClick(event: MouseEvent) {
  const button = (event.target as Element | null)?.closest?.('button')
  if (button?.type !== 'button') return
  event.preventDefault()
  event.stopImmediatePropagation()
  held = button
}
/** The app sets `data-live` on <html> once it runs the page (src/app/providers.tsx). */
function replayOnceLive() {
  new MutationObserver((_, observer) => {
    if (!document.documentElement.hasAttribute('data-live')) return
    observer.disconnect()
    removeEventListener('click', holdClick, true)
    if (held?.isConnected) held.click()
  }).observe(document.documentElement, { attributeFilter: ['data-live'] })
}

/** After the next paint: a frame to paint in, then a task after it. */
const afterPaint = () => requestAnimationFrame(() => setTimeout(start, 0))

if (!document.getElementById(PAGE_DATA_ID)) {
  start()
} else {
  for (const type of INTERACTIONS) addEventListener(type, start, { capture: true, passive: true })
  addEventListener('click', holdClick, true)
  replayOnceLive()
  if (document.readyState === 'complete') afterPaint()
  else addEventListener('load', afterPaint, { once: true })
  setTimeout(start, LONGEST_WAIT_MS)
}
