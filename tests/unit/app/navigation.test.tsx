import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { articleKeys } from '@/features/articles/api/keys'
import { serverErrorOnce } from '../../mocks/handlers'
import { requestCount, server } from '../../mocks/server'
import { findErrorPanel } from '../../utils/queries'
import { renderApp } from '../../utils/render-app'

describe('document.title', () => {
  test.each([
    ['/', 'Newsroom'],
    ['/page/2', 'Latest stories, page 2 – Newsroom'],
    ['/?tags=alpha,beta', 'Latest stories, tagged Alpha + Beta – Newsroom'],
    ['/sections/world', 'World – Newsroom'],
    ['/tags/alpha', 'Alpha – Newsroom'],
    ['/authors/ada-writer', 'Ada Writer – Newsroom'],
    ['/articles/first-story', 'The first story – Newsroom'],
    ['/articles/nope', 'Page not found – Newsroom'],
    ['/sections/nope', 'Page not found – Newsroom'],
    ['/no/such/page', 'Page not found – Newsroom'],
  ])('%s is "%s"', async (url, title) => {
    renderApp(url)

    await screen.findByRole('heading', { level: 1 })
    await waitFor(() => expect(document.title).toBe(title))
  })

  test('a page that failed to load says so in its title', async () => {
    server.use(serverErrorOnce('lists/latest/1.json'))
    renderApp('/')

    await findErrorPanel()
    await waitFor(() => expect(document.title).toBe('Something went wrong – Newsroom'))
  })

  test('follows the reader from page to page', async () => {
    const { user } = renderApp('/')
    await waitFor(() => expect(document.title).toBe('Newsroom'))

    await user.click(await screen.findByRole('link', { name: 'The third story' }))
    await waitFor(() => expect(document.title).toBe('The third story – Newsroom'))

    await user.click(screen.getAllByRole('link', { name: 'Gamma' })[0]!)
    await waitFor(() => expect(document.title).toBe('Gamma – Newsroom'))
  })
})

describe('caching', () => {
  test('home → article → back reuses the cached listing, and forward the cached story', async () => {
    const { user, router, queryClient } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    expect(requestCount('lists/latest/1.json')).toBe(1)
    // StrictMode's double mount cancels and repeats the first site.json request; count from here.
    const siteRequests = requestCount('site.json')

    await user.click(screen.getByRole('link', { name: 'The third story' }))
    expect(await screen.findByText('Second')).toBeVisible()
    const more = screen.getByRole('complementary', { name: 'Related stories' })
    expect(await within(more).findByRole('link', { name: 'The first story' })).toBeVisible()
    // Usually 1; 2 when StrictMode's double mount cancels the hover prefetch still in flight.
    const articleRequests = requestCount('articles/third-story.json')

    await act(() => router.navigate(-1))
    expect(await screen.findByRole('heading', { level: 1, name: 'Latest stories' })).toBeVisible()
    // Nothing is on its way either: a refetch on mount would show up here before its response.
    expect(queryClient.isFetching()).toBe(0)
    expect(requestCount('lists/latest/1.json')).toBe(1)
    expect(requestCount('site.json')).toBe(siteRequests)

    await act(() => router.navigate(1))
    expect(await screen.findByText('Second')).toBeVisible()
    expect(screen.queryByRole('status', { name: 'Loading the story' })).not.toBeInTheDocument()
    expect(queryClient.isFetching()).toBe(0)
    expect(requestCount('articles/third-story.json')).toBe(articleRequests)
  })

  test('a listing is fetched again once it is older than the stale time', async () => {
    const { router, queryClient } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    expect(requestCount('lists/latest/1.json')).toBe(1)

    await act(() => router.navigate('/sections/world'))
    await screen.findByRole('heading', { level: 1, name: 'World' })
    // Age the cached listing instead of waiting a minute.
    await act(() =>
      queryClient.invalidateQueries({ queryKey: articleKeys.list({ kind: 'latest' }, 1) }),
    )
    await act(() => router.navigate('/'))

    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    await waitFor(() => expect(requestCount('lists/latest/1.json')).toBe(2))
  })
})

describe('the page frame', () => {
  test('has a skip link to the main content and the section navigation', async () => {
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main')
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main')
    expect(screen.getByRole('link', { name: 'Newsroom' })).toHaveAttribute('href', '/')
    expect(screen.getByRole('contentinfo')).toBeVisible()
  })
})
