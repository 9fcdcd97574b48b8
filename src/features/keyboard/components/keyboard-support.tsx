import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { useLocation, useNavigate } from 'react-router'
import { KEYBOARD_SHORTCUTS } from '@/i18n/later'

/** The keys the shortcuts use (see ../lib/run-shortcut.tsx); anything else is left to the browser. */
const SHORTCUT_KEY = /^[jkos/?]$/

/** The live region that reads out each new page's title, and what a shortcut did. */
export const ANNOUNCER_ID = 'page-announcer'

/**
 * A key press meant for something else: typing in a field, a dialog's own keys, or a browser or system
 * shortcut (Ctrl, Cmd or Alt held). Shift is allowed: it makes "?".
 */
function isForSomethingElse(event: KeyboardEvent): boolean {
  const target = event.target
  return (
    event.defaultPrevented ||
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    event.isComposing ||
    (target instanceof HTMLElement &&
      (target.isContentEditable || !!target.closest('input, textarea, select, dialog')))
  )
}

/**
 * After a navigation in the app, focus goes to the new page's heading, as it would on a page load for a
 * screen reader, and the keyboard continues from the top of the new page. preventScroll: where the page
 * sits is ScrollRestoration's business (the top for a new page, the old place after Back).
 */
function focusHeading() {
  const heading =
    document.querySelector<HTMLElement>('main h1') ?? document.querySelector<HTMLElement>('main')
  if (!heading) return
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1
  heading.focus({ preventScroll: true })
}

/**
 * Moves focus to the heading and announces the title on every change of page (not on the first load, and
 * not when only the query string changes: filters and as-you-type search keep focus where it is), and
 * listens for the shortcut keys, whose code loads on the first one pressed.
 */
export function KeyboardSupport() {
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const [message, setMessage] = useState('')
  const [dialog, setDialog] = useState<ReactNode>(null)
  const shownPath = useRef(pathname)

  // This runs after the new page's own effects (it sits after <main> in the frame), so the page has set
  // its title by now.
  useEffect(() => {
    if (shownPath.current === pathname) return
    shownPath.current = pathname
    focusHeading()
    setMessage(document.title)
  }, [pathname])

  const run = useCallback(
    (key: string) =>
      void import('../lib/run-shortcut').then(
        ({ runShortcut }) =>
          runShortcut(key, { navigate, announce: setMessage, showDialog: setDialog }),
        () => {
          // The code could not load (offline, an old version): the key does nothing this time.
        },
      ),
    [navigate],
  )

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!SHORTCUT_KEY.test(event.key) || isForSomethingElse(event)) return
      // At once, not after the import: "/" must not open the browser's quick find, nor be typed into
      // the search box it focuses.
      event.preventDefault()
      run(event.key)
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [run])

  // The way to find the shortcuts without knowing "?": a button at the end of the page's footer. Put
  // there from here, so that neither it nor its code is part of the first route.
  const [footer] = useState(() => document.querySelector('main ~ footer'))

  return (
    <>
      <p id={ANNOUNCER_ID} aria-live="polite" aria-atomic="true" className="sr-only">
        {message}
      </p>
      {dialog}
      {footer
        ? createPortal(
            <p className="mt-2">
              <button type="button" onClick={() => run('?')} className="underline">
                {KEYBOARD_SHORTCUTS}
              </button>
            </p>,
            footer,
          )
        : null}
    </>
  )
}
