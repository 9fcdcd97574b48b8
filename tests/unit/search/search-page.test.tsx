import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'

/** Searching reads several files and waits out the typing pause: more than waitFor's default second on a busy machine. */
const slow = { timeout: 5000 }
import { requestCount, server } from '../../mocks/server'
import { serverErrorOnce } from '../../mocks/handlers'
import { currentUrl, renderApp } from '../../utils/render-app'
import { hrefOf } from '../../utils/queries'

const results = () => screen.getAllByRole('article').map((a) => within(a).getByRole('heading'))
const input = () => screen.getByRole('searchbox', { name: 'Search stories' })

describe('the search page', () => {
  test('shows the results of ?q= with the matches marked', async () => {
    renderApp('/search?q=third')

    const heading = await screen.findByRole('heading', { name: 'The third story', level: 2 }, slow)
    expect(heading.querySelector('mark')).toHaveTextContent('third')
    expect(results()).toHaveLength(1)
    expect(hrefOf('The third story')).toBe('/articles/third-story')
    expect(input()).toHaveValue('third')
  })

  test('the header search box opens the search page in the app, with the query in the URL', async () => {
    const { user, router } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    const header = screen.getAllByRole('search')[0]!
    await user.type(within(header).getByRole('searchbox', { name: 'Search' }), 'third story{Enter}')

    await waitFor(() => expect(currentUrl(router)).toBe('/search?q=third+story'), slow)
    expect(router.state.historyAction).toBe('PUSH')
    await screen.findByRole('heading', { name: 'The third story', level: 2 }, slow)
    expect(input()).toHaveValue('third story')
  })

  test('results follow typing, and the URL is replaced, not pushed', async () => {
    const { user, router } = renderApp('/search')
    expect(await screen.findByText('Type a word or two to find stories.', {}, slow)).toBeVisible()
    // The index's first file is read as the page opens, before any query, and only once.
    await waitFor(() => expect(requestCount('search/manifest.json')).toBe(1), slow)

    await user.type(input(), 'stor')
    await waitFor(() => expect(currentUrl(router)).toBe('/search?q=stor'), slow)
    await waitFor(() => expect(results()).toHaveLength(3), slow)
    // Marked as a prefix: "story" for "stor".
    expect(screen.getAllByText('story', { selector: 'mark' }).length).toBeGreaterThanOrEqual(3)
    expect(router.state.historyAction).toBe('REPLACE')

    await user.type(input(), 'y begins')
    await waitFor(() => expect(currentUrl(router)).toBe('/search?q=story+begins'), slow)
    await waitFor(
      () => expect(results().map((h) => h.textContent)).toEqual(['The first story']),
      slow,
    )
    expect(requestCount('search/manifest.json')).toBe(1)
  })

  test('narrows by section and tag, in the URL', async () => {
    const { user, router } = renderApp('/search?q=story')
    await waitFor(() => expect(results()).toHaveLength(3), slow)

    await user.selectOptions(
      await screen.findByRole('combobox', { name: 'Section' }, slow),
      'world',
    )
    await waitFor(() => expect(currentUrl(router)).toBe('/search?q=story&section=world'), slow)
    await waitFor(() => expect(results()).toHaveLength(2), slow)

    await user.selectOptions(screen.getByRole('combobox', { name: 'Tag' }), 'gamma')
    await user.click(screen.getByRole('button', { name: 'Add tag' }))
    await waitFor(
      () => expect(currentUrl(router)).toBe('/search?q=story&section=world&tags=gamma'),
      slow,
    )
    await waitFor(
      () => expect(results().map((h) => h.textContent)).toEqual(['The third story']),
      slow,
    )

    await user.click(screen.getByRole('button', { name: 'Remove tag Gamma' }))
    await waitFor(() => expect(currentUrl(router)).toBe('/search?q=story&section=world'), slow)
  })

  test('says when nothing matches', async () => {
    renderApp('/search?q=zebra')
    expect(await screen.findByText(/No stories match “zebra”/, {}, slow)).toBeVisible()
    expect(screen.queryAllByRole('article')).toEqual([])
  })

  test('a failure offers Retry, which asks again', async () => {
    server.use(serverErrorOnce('search/manifest.json', 404))
    const { user } = renderApp('/search?q=third')

    await user.click(await screen.findByRole('button', { name: 'Retry' }, slow))
    expect(
      await screen.findByRole('heading', { name: 'The third story', level: 2 }, slow),
    ).toBeVisible()
  })

  test('the header search box is a plain GET form to /search, on every page', async () => {
    renderApp('/saved')
    const box = await screen.findByRole('searchbox', { name: 'Search' })
    const form = box.closest('form')!
    expect(form).toHaveAttribute('role', 'search')
    expect(form).toHaveAttribute('action', '/search')
    expect(form.method).toBe('get')
    expect(box).toHaveAttribute('name', 'q')
    // A button in a form submits it unless told otherwise.
    expect((within(form).getByRole('button', { name: 'Search' }) as HTMLButtonElement).type).toBe(
      'submit',
    )
  })
})
