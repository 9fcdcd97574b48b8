import { screen, waitFor } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { ANNOUNCER_ID } from '@/features/keyboard/components/keyboard-support'
import { renderApp } from '../../../utils/render-app'

/** The polite live region, once the keyboard support (loaded after the first render) is in. */
const announcer = () => waitFor(() => document.getElementById(ANNOUNCER_ID)!)

describe('focus and announcement after a navigation', () => {
  test('the first load leaves focus alone and announces nothing', async () => {
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    const region = await announcer()
    expect(region).toHaveAttribute('aria-live', 'polite')
    expect(region).toHaveTextContent('')
    expect(document.body).toHaveFocus()
  })

  test("a new page's heading takes focus, and its title is announced", async () => {
    const { user } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    const region = await announcer()

    await user.click(screen.getByRole('link', { name: 'The third story' }))

    const heading = await screen.findByRole('heading', { level: 1, name: 'The third story' })
    await waitFor(() => expect(heading).toHaveFocus())
    // Focusable by script only: Tab does not stop on it.
    expect(heading).toHaveAttribute('tabindex', '-1')
    await waitFor(() => expect(region).toHaveTextContent('The third story – Newsroom'))
    expect(region.textContent).toBe(document.title)
  })

  test('going back focuses the earlier page heading and announces its title', async () => {
    const { user, router } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    const region = await announcer()
    await user.click(screen.getByRole('link', { name: 'Saved stories' }))
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1, name: 'Saved stories' })).toHaveFocus(),
    )

    await router.navigate(-1)

    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1, name: 'Latest stories' })).toHaveFocus(),
    )
    await waitFor(() => expect(region).toHaveTextContent(/^Newsroom$/))
  })

  test('a change of query string only (a filter) leaves focus where the reader is', async () => {
    const { router } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    const region = await announcer()
    const filter = screen.getByRole('combobox', { name: 'Filter by tag' })
    filter.focus()

    await router.navigate('/?tags=alpha')

    await waitFor(() => expect(router.state.location.search).toBe('?tags=alpha'))
    await waitFor(() => expect(screen.queryByRole('status', { name: /loading/i })).toBeNull())
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Filter by tag' }))
    expect(region).toHaveTextContent('')
  })
})
