import {
  SIZE_LARGE,
  SIZE_LARGER,
  SIZE_LARGEST,
  SIZE_SMALL,
  SIZE_STANDARD,
  THEME_DARK,
  THEME_LIGHT,
  THEME_SYSTEM,
} from '@/i18n/later'

/**
 * The storage entry ./saved-preferences.ts reads at start. Spelled out, not imported: that module is part of
 * the page's boot script (src/boot.ts), and an import from this later chunk would split it into a file of
 * its own, one more request before the page is styled. tests/unit/features/preferences checks the two agree.
 */
const PREFERENCES_KEY = 'newsroom:reading'

/** The choices each control offers, the default first (which leaves no attribute on <html>). */
export const PREFERENCE_OPTIONS = {
  theme: [
    { value: 'system', label: THEME_SYSTEM },
    { value: 'light', label: THEME_LIGHT },
    { value: 'dark', label: THEME_DARK },
  ],
  // The sizes src/styles.css gives the root font (every rem scales with it): 87.5 % to 150 %.
  textSize: [
    { value: 'standard', label: SIZE_STANDARD },
    { value: 'small', label: SIZE_SMALL },
    { value: 'large', label: SIZE_LARGE },
    { value: 'larger', label: SIZE_LARGER },
    { value: 'largest', label: SIZE_LARGEST },
  ],
} as const satisfies Record<string, readonly { value: string; label: string }[]>

export type PreferenceName = keyof typeof PREFERENCE_OPTIONS
export const PREFERENCE_NAMES = Object.keys(PREFERENCE_OPTIONS) as PreferenceName[]

const defaultOf = (name: PreferenceName) => PREFERENCE_OPTIONS[name][0].value
const root = () => document.documentElement

/** The choice in force: the one on <html> when it is one of the options, else the default. */
export function currentPreference(name: PreferenceName): string {
  const value = root().dataset[name]
  return PREFERENCE_OPTIONS[name].some((o) => o.value === value) ? value! : defaultOf(name)
}

/** Shows a choice on the page (the default as no attribute), without remembering it. */
function show(name: PreferenceName, value: string | undefined) {
  if (value && value !== defaultOf(name)) root().dataset[name] = value
  else delete root().dataset[name]
}

/**
 * Applies a choice to the page and remembers it on this device, with the other choice in force. When
 * storage throws, the choice still holds for this page.
 */
export function choosePreference(name: PreferenceName, value: string) {
  show(name, value)
  const saved: Partial<Record<PreferenceName, string>> = {}
  for (const n of PREFERENCE_NAMES) {
    const current = currentPreference(n)
    if (current !== defaultOf(n)) saved[n] = current
  }
  try {
    if (Object.keys(saved).length) localStorage.setItem(PREFERENCES_KEY, JSON.stringify(saved))
    else localStorage.removeItem(PREFERENCES_KEY)
  } catch {
    // Storage unavailable (blocked, full, private mode): the choice lasts until the page is left.
  }
}

/**
 * Shows the choices another tab saved (a `storage` event's new value). True if the event was about
 * them.
 */
export function followSavedPreferences(key: string | null, newValue: string | null): boolean {
  if (key !== PREFERENCES_KEY && key !== null) return false
  let saved: Partial<Record<PreferenceName, unknown>> = {}
  try {
    saved = (JSON.parse(newValue ?? '{}') as typeof saved | null) ?? {}
  } catch {
    // Unreadable: back to the defaults, as a fresh start would be.
  }
  for (const name of PREFERENCE_NAMES) {
    const value = saved[name]
    show(name, typeof value === 'string' ? value : undefined)
  }
  return true
}
