/**
 * Reading preferences kept on this device: the theme and the text size. Each is a data attribute on
 * <html> (`data-theme`, `data-text-size`) that src/styles.css reads; no attribute means the default
 * (the system's colour scheme, the browser's text size). docs/decisions/011-reading-comfort.md.
 *
 * This module is part of every first route (the entry applies the saved choice before the first render),
 * so it stays tiny: the controls and their validation load later (options.ts, reading-preferences.tsx).
 */

/** The one storage entry holding every choice that is not the default: `{"theme":"dark"}`. */
export const PREFERENCES_KEY = 'newsroom:reading'

/**
 * Puts the saved choices on <html>. Run by the entry before React renders, so a prerendered page takes
 * its theme before hydration. Storage that throws (blocked, private mode) or holds something unreadable
 * leaves the defaults; a value that is no option matches no style, and the controls show the default.
 */
export function applySavedPreferences() {
  try {
    Object.assign(
      document.documentElement.dataset,
      JSON.parse(localStorage.getItem(PREFERENCES_KEY)!),
    )
  } catch {
    // Storage unavailable or unreadable: the defaults stay.
  }
}
