import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { ReadingPreferences } from '@/features/preferences/components/reading-preferences'
import { applySavedPreferences, PREFERENCES_KEY } from '@/features/preferences/saved-preferences'
import { renderApp } from '../../../utils/render-app'

const root = document.documentElement
const saved = () => localStorage.getItem(PREFERENCES_KEY)
const theme = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'Theme' })
const textSize = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'Text size' })

afterEach(() => {
  vi.restoreAllMocks()
  localStorage.clear()
  delete root.dataset.theme
  delete root.dataset.textSize
})

describe('applySavedPreferences (run by the entry before the first render)', () => {
  test('puts the saved theme and text size on <html>', () => {
    localStorage.setItem(PREFERENCES_KEY, JSON.stringify({ theme: 'dark', textSize: 'larger' }))
    applySavedPreferences()
    expect(root.dataset).toMatchObject({ theme: 'dark', textSize: 'larger' })
  })

  test('leaves the defaults when nothing is saved, the entry is unreadable, or storage throws', () => {
    applySavedPreferences()
    localStorage.setItem(PREFERENCES_KEY, '{not json')
    applySavedPreferences()
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('Access is denied for this document.', 'SecurityError')
    })
    applySavedPreferences()
    expect(root.dataset.theme).toBeUndefined()
    expect(root.dataset.textSize).toBeUndefined()
  })
})

describe('ReadingPreferences', () => {
  test('offers System, Light and Dark, and five text sizes, showing the defaults at first', () => {
    render(<ReadingPreferences />)
    expect([...theme().options].map((o) => o.text)).toEqual(['System', 'Light', 'Dark'])
    expect([...textSize().options].map((o) => o.text)).toEqual([
      'Standard',
      'Small',
      'Large',
      'Larger',
      'Largest',
    ])
    expect(theme().value).toBe('system')
    expect(textSize().value).toBe('standard')
  })

  test('shows the choices the entry applied; an unknown saved value shows the default', () => {
    localStorage.setItem(PREFERENCES_KEY, JSON.stringify({ theme: 'purple', textSize: 'large' }))
    applySavedPreferences()
    render(<ReadingPreferences />)
    expect(theme().value).toBe('system')
    expect(textSize().value).toBe('large')
  })

  test('a choice applies at once and is remembered, both choices in one entry', async () => {
    const user = userEvent.setup()
    render(<ReadingPreferences />)
    await user.selectOptions(theme(), 'Dark')
    expect(root.dataset.theme).toBe('dark')
    expect(JSON.parse(saved()!)).toEqual({ theme: 'dark' })

    await user.selectOptions(textSize(), 'Largest')
    expect(root.dataset.textSize).toBe('largest')
    expect(JSON.parse(saved()!)).toEqual({ theme: 'dark', textSize: 'largest' })
  })

  test('going back to the defaults leaves no attribute and no entry', async () => {
    localStorage.setItem(PREFERENCES_KEY, JSON.stringify({ theme: 'light', textSize: 'small' }))
    applySavedPreferences()
    const user = userEvent.setup()
    render(<ReadingPreferences />)
    await user.selectOptions(theme(), 'System')
    expect(root.dataset.theme).toBeUndefined()
    expect(JSON.parse(saved()!)).toEqual({ textSize: 'small' })
    await user.selectOptions(textSize(), 'Standard')
    expect(root.dataset.textSize).toBeUndefined()
    expect(saved()).toBeNull()
  })

  test('with storage full or blocked, the choice still holds for the page', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    const user = userEvent.setup()
    render(<ReadingPreferences />)
    await user.selectOptions(theme(), 'Dark')
    expect(root.dataset.theme).toBe('dark')
    expect(theme().value).toBe('dark')
  })

  test('follows a choice made in another tab', () => {
    render(<ReadingPreferences />)
    act(() => {
      window.dispatchEvent(
        new StorageEvent('storage', {
          key: PREFERENCES_KEY,
          newValue: JSON.stringify({ theme: 'dark', textSize: 'large' }),
        }),
      )
    })
    expect(theme().value).toBe('dark')
    expect(textSize().value).toBe('large')
    expect(root.dataset).toMatchObject({ theme: 'dark', textSize: 'large' })

    // Another key changes nothing; storage cleared there (a key of null) restores the defaults.
    act(() => {
      window.dispatchEvent(new StorageEvent('storage', { key: 'other', newValue: '{}' }))
    })
    expect(theme().value).toBe('dark')
    act(() => {
      window.dispatchEvent(new StorageEvent('storage', { key: null }))
    })
    expect(theme().value).toBe('system')
    expect(root.dataset.theme).toBeUndefined()
  })

  test("both controls are reached with Tab (their keys are the browser's own: see the browser test)", async () => {
    const user = userEvent.setup()
    render(<ReadingPreferences />)
    await user.tab()
    expect(theme()).toHaveFocus()
    await user.tab()
    expect(textSize()).toHaveFocus()
  })
})

describe('in the page frame', () => {
  test('an empty box holds their place first, then the controls arrive once their code has loaded', async () => {
    renderApp('/')
    const box = document.querySelector('header .reading-preferences')
    expect(box).not.toBeNull()
    expect(box!.querySelector('select')).toBeNull()
    expect(await screen.findByRole('combobox', { name: 'Theme' })).toBeInTheDocument()
    expect(box).toContainElement(screen.getByRole('combobox', { name: 'Text size' }))
  })
})
