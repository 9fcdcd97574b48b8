import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, test, vi } from 'vitest'
import { ANNOUNCER_ID } from '@/features/keyboard/components/keyboard-support'
import { runShortcut } from '@/features/keyboard/lib/run-shortcut'
import { withNothingSaved } from '../../../utils/saved-stories'
import { currentUrl, renderApp } from '../../../utils/render-app'
import { installBrowserStandIns } from './browser-stand-ins'

const browser = installBrowserStandIns()

withNothingSaved()

/** The home page, with the keyboard support (loaded after the first render) in place. */
async function openHome() {
  const app = renderApp('/')
  await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
  await waitFor(() => expect(document.getElementById(ANNOUNCER_ID)).not.toBeNull())
  return app
}

const headlineLink = (headline: string) =>
  within(screen.getByRole('heading', { level: 2, name: headline })).getByRole('link')
const card = (headline: string) => headlineLink(headline).closest('article')!
const announced = () => document.getElementById(ANNOUNCER_ID)?.textContent

describe('j and k', () => {
  test('move the selection from story to story: focus on its headline, scrolled into view', async () => {
    const { user } = await openHome()

    await user.keyboard('j')
    await waitFor(() => expect(headlineLink('The third story')).toHaveFocus())
    expect(browser.scrollIntoView).toHaveBeenLastCalledWith({
      block: 'nearest',
      behavior: 'smooth',
    })
    expect(browser.scrollIntoView.mock.contexts.at(-1)).toBe(card('The third story'))

    await user.keyboard('j')
    await waitFor(() => expect(headlineLink('The second story')).toHaveFocus())

    await user.keyboard('k')
    await waitFor(() => expect(headlineLink('The third story')).toHaveFocus())
  })

  test('say so at either end of the page, and keep the selection', async () => {
    const { user } = await openHome()
    await user.keyboard('j')
    await waitFor(() => expect(headlineLink('The third story')).toHaveFocus())

    await user.keyboard('k')
    await waitFor(() => expect(announced()).toBe('This is the first story on the page.'))
    expect(headlineLink('The third story')).toHaveFocus()

    await user.keyboard('jj')
    await waitFor(() => expect(announced()).toBe('This is the last story on the page.'))
    expect(headlineLink('The second story')).toHaveFocus()
  })

  test('continue from a story reached with Tab', async () => {
    const { user } = await openHome()
    within(card('The third story')).getByRole('button', { name: 'Save' }).focus()
    await user.keyboard('j')
    await waitFor(() => expect(headlineLink('The second story')).toHaveFocus())
  })

  test('scroll without animation for a reader who asked for reduced motion', async () => {
    browser.state.reducedMotion = true
    const { user } = await openHome()
    await user.keyboard('j')
    await waitFor(() => expect(headlineLink('The third story')).toHaveFocus())
    expect(browser.scrollIntoView).toHaveBeenLastCalledWith({ block: 'nearest', behavior: 'auto' })
  })
})

describe('o', () => {
  test('opens the selected story, whose heading then has focus', async () => {
    const { user, router } = await openHome()
    await user.keyboard('jj')
    await waitFor(() => expect(headlineLink('The second story')).toHaveFocus())

    await user.keyboard('o')

    await waitFor(() => expect(currentUrl(router)).toBe('/articles/second-story'))
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1, name: 'The second story' })).toHaveFocus(),
    )
  })

  test('does nothing without a selection', async () => {
    const { user, router } = await openHome()
    await user.keyboard('o')
    // The same key again, once its code has surely loaded.
    await user.keyboard('o')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(currentUrl(router)).toBe('/')
  })
})

describe('s', () => {
  test('saves and unsaves the selected story, and says so', async () => {
    const { user } = await openHome()
    await user.keyboard('j')
    await waitFor(() => expect(headlineLink('The third story')).toHaveFocus())
    const save = within(card('The third story')).getByRole('button', { name: 'Save' })

    await user.keyboard('s')
    await waitFor(() => expect(save).toHaveAttribute('aria-pressed', 'true'))
    expect(announced()).toBe('Saved: The third story')
    // The selection stays where it was.
    expect(headlineLink('The third story')).toHaveFocus()

    await user.keyboard('s')
    await waitFor(() => expect(save).toHaveAttribute('aria-pressed', 'false'))
    expect(announced()).toBe('Removed from saved stories: The third story')
    expect(within(card('The second story')).getByRole('button', { name: 'Save' })).toHaveAttribute(
      'aria-pressed',
      'false',
    )
  })

  test('saves the story on its own page', async () => {
    const { user } = renderApp('/articles/first-story')
    const heading = await screen.findByRole('heading', { level: 1, name: 'The first story' })
    await waitFor(() => expect(document.getElementById(ANNOUNCER_ID)).not.toBeNull())
    const save = within(heading.closest('article')!).getByRole('button', { name: 'Save' })

    await user.keyboard('s')

    await waitFor(() => expect(save).toHaveAttribute('aria-pressed', 'true'))
    expect(announced()).toBe('Saved: The first story')
  })

  test('asks for a selection on a listing without one', async () => {
    const { user } = await openHome()
    await user.keyboard('s')
    await waitFor(() => expect(announced()).toBe('Choose a story first: press j or k.'))
    for (const button of screen.getAllByRole('button', { name: 'Save' })) {
      expect(button).toHaveAttribute('aria-pressed', 'false')
    }
  })
})

describe('/', () => {
  test('focuses the search box, without typing the slash into it', async () => {
    const { user } = await openHome()
    await user.keyboard('/')
    const search = screen.getByRole('searchbox', { name: 'Search' })
    await waitFor(() => expect(search).toHaveFocus())
    expect(search).toHaveValue('')
  })

  test('opens the search page when this page has no search box', () => {
    document.body.innerHTML = '<main><h1>A page</h1></main>'
    const navigate = vi.fn()
    runShortcut('/', { navigate, announce: vi.fn(), showDialog: vi.fn() })
    expect(navigate).toHaveBeenCalledWith('/search')
  })
})

describe('?', () => {
  test('lists the shortcuts in a dialog, which gives focus back when closed', async () => {
    const { user } = await openHome()
    await user.keyboard('j')
    await waitFor(() => expect(headlineLink('The third story')).toHaveFocus())

    await user.keyboard('?')

    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(dialog).toHaveProperty('open', true)
    const keys = within(dialog)
      .getAllByRole('term')
      .map((term) => term.textContent)
    expect(keys).toEqual(['j', 'k', 'o or Enter', 's', '/', '?', 'Esc'])
    expect(within(dialog).getByText('Next story')).toBeInTheDocument()

    // Keys pressed inside the dialog are not shortcuts.
    await user.keyboard('j')
    expect(headlineLink('The third story')).not.toHaveFocus()

    await user.click(within(dialog).getByRole('button', { name: 'Close' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(headlineLink('The third story')).toHaveFocus()
  })
  test('a "Keyboard shortcuts" button in the footer shows the same list, for a reader who does not know "?"', async () => {
    const { user } = await openHome()
    const button = within(screen.getByRole('contentinfo')).getByRole('button', {
      name: 'Keyboard shortcuts',
    })

    await user.click(button)

    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    await user.click(within(dialog).getByRole('button', { name: 'Close' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(button).toHaveFocus()
  })
})

describe('keys that are not shortcuts', () => {
  test('typing in a field types, and nothing else', async () => {
    const { user } = await openHome()
    const search = screen.getByRole('searchbox', { name: 'Search' })
    await user.click(search)

    await user.keyboard('jks/?o')

    expect(search).toHaveValue('jks/?o')
    expect(search).toHaveFocus()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(announced()).toBe('')
  })

  test('with Ctrl, Cmd or Alt held, keys are left to the browser', async () => {
    const { user } = await openHome()
    await user.keyboard('{Control>}j{/Control}{Meta>}j{/Meta}{Alt>}j{/Alt}{Control>}?{/Control}')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(document.body).toHaveFocus()
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  test('in an editable region, keys are typing', async () => {
    const { user } = await openHome()
    const editable = document.createElement('div')
    editable.contentEditable = 'true'
    editable.tabIndex = 0
    // jsdom does not compute isContentEditable: give it what a browser would.
    Object.defineProperty(editable, 'isContentEditable', { value: true })
    document.body.append(editable)
    editable.focus()
    await user.keyboard('j?')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(editable).toHaveFocus()
    expect(screen.queryByRole('dialog')).toBeNull()
    editable.remove()
  })
})

describe('the browser keeps its own use of a key', () => {
  const press = (
    key: string,
    target: EventTarget = document.body,
    init: KeyboardEventInit = {},
  ) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
    target.dispatchEvent(event)
    return event.defaultPrevented
  }

  test('a shortcut key is claimed at once (no quick find for "/"); other keys are not', async () => {
    await openHome()
    expect(press('/')).toBe(true)
    expect(press('?', document.body, { shiftKey: true })).toBe(true)
    expect(press('x')).toBe(false)
    expect(press('Enter')).toBe(false)
    expect(press('j', document.body, { ctrlKey: true })).toBe(false)
    expect(press('/', screen.getByRole('searchbox', { name: 'Search' }))).toBe(false)
    // Let the shortcuts pressed above finish.
    await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
  })
})
