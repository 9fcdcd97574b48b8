import { useEffect, useId, useState } from 'react'
import { TEXT_SIZE, THEME } from '@/i18n/later'
import {
  choosePreference,
  currentPreference,
  followSavedPreferences,
  PREFERENCE_NAMES,
  PREFERENCE_OPTIONS,
  type PreferenceName,
} from '../options'

const LABELS: Record<PreferenceName, string> = { theme: THEME, textSize: TEXT_SIZE }

/**
 * The reading controls in the page header: theme (system, light, dark) and text size, as native selects:
 * keyboard, screen-reader and touch behaviour come with them. A choice applies at once, is remembered on
 * this device, and follows a choice made in another tab.
 */
export function ReadingPreferences() {
  const [values, setValues] = useState(readValues)

  useEffect(() => {
    // A choice made in another tab (a key of null: that tab cleared storage).
    const onStorage = (event: StorageEvent) => {
      if (followSavedPreferences(event.key, event.newValue)) setValues(readValues())
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [])

  const choose = (name: PreferenceName, value: string) => {
    choosePreference(name, value)
    setValues((previous) => ({ ...previous, [name]: value }))
  }

  return (
    <>
      {PREFERENCE_NAMES.map((name) => (
        <PreferenceSelect key={name} name={name} value={values[name]} onChange={choose} />
      ))}
    </>
  )
}

function readValues() {
  return Object.fromEntries(PREFERENCE_NAMES.map((n) => [n, currentPreference(n)])) as Record<
    PreferenceName,
    string
  >
}

function PreferenceSelect({
  name,
  value,
  onChange,
}: {
  name: PreferenceName
  value: string
  onChange: (name: PreferenceName, value: string) => void
}) {
  const id = useId()
  return (
    <span className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-stone-700 dark:text-stone-300">
        {LABELS[name]}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(name, event.target.value)}
        className="rounded border border-stone-300 bg-white px-1.5 py-0.5 text-stone-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100 dark:focus-visible:outline-sky-400"
      >
        {PREFERENCE_OPTIONS[name].map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  )
}
