import { act, screen, within } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import { held, outage, respondWith, respondWithJson, serverErrorOnce } from '../../mocks/handlers'
import { server } from '../../mocks/server'
import { articleKeys } from '@/features/articles/api/keys'
import { makeListingHead } from '../../utils/factories'
import { findErrorPanel, hrefOf, listedHeadlines } from '../../utils/queries'
import { flushQueryNotifications } from '../../utils/query-client'
import { renderApp } from '../../utils/render-app'

/** Every listing view, the API file it cannot show without, and what it shows once loaded. */
const views = [
  { url: '/', file: 'lists/latest/1.json', heading: 'Latest stories', first: 'The third story' },
  {
    url: '/page/2',
    // Page 2 is read from the listing's head and the chunks below it; the fixture's all fit in the head.
    file: 'lists/latest/1.json',
    heading: 'Latest stories',
    first: 'The first story',
  },
  {
    url: '/sections/world',
    file: 'lists/sections/world/1.json',
    heading: 'World',
    first: 'The third story',
  },
  {
    url: '/tags/alpha',
    file: 'lists/tags/alpha/1.json',
    heading: 'Alpha',
    first: 'The third story',
  },
  {
    url: '/authors/ada-writer',
    file: 'lists/authors/ada-writer/1.json',
    heading: 'Ada Writer',
    first: 'The third story',
  },
  {
    url: '/?tags=alpha,beta',
    file: 'ids/tags/alpha.json',
    heading: 'Latest stories',
    first: 'The third story',
  },
]

describe.each(views)('$url', ({ url, file, heading, first }) => {
  test('shows the story-list skeleton while its stories load', async () => {
    const request = held(file)
    server.use(request.handler)
    renderApp(url)

    expect(await screen.findByRole('status', { name: 'Loading stories' })).toBeInTheDocument()
    expect(screen.queryByRole('heading', { level: 1 })).not.toBeInTheDocument()

    request.release()
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument()
    expect(screen.queryByRole('status', { name: 'Loading stories' })).not.toBeInTheDocument()
    expect(listedHeadlines()[0]).toBe(first)
  })

  test('shows a server error with a Retry that recovers', async () => {
    server.use(serverErrorOnce(file))
    const { user } = renderApp(url)

    const { alert, retry } = await findErrorPanel()
    expect(alert).toHaveTextContent("The newsroom's server answered with an error (500).")
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'This page could not be loaded',
    )

    await user.click(retry)
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(listedHeadlines()[0]).toBe(first)
  })
})

/** The page links: where they say the reader is, the one link they offer, and the one they must not. */
function expectPageLinks(position: string, [name, href]: [string, string], notOffered: RegExp) {
  const pages = screen.getByRole('navigation', { name: 'Pages' })
  expect(pages).toHaveTextContent(position)
  expect(within(pages).getByRole('link', { name })).toHaveAttribute('href', href)
  expect(within(pages).queryByRole('link', { name: notOffered })).not.toBeInTheDocument()
}

describe('listing views with the fixture newsroom', () => {
  test('home lists the newest stories first, with a link to older ones', async () => {
    renderApp('/')

    expect(await screen.findByRole('heading', { level: 1, name: 'Latest stories' })).toBeVisible()
    expect(listedHeadlines()).toEqual(['The third story', 'The second story'])
    expectPageLinks('Page 1 of 2', ['Older stories →', '/page/2'], /Newer/)
  })

  test('a story card links its headline, section and author, and shows its kind', async () => {
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    const card = screen
      .getByRole('heading', { level: 2, name: 'The second story' })
      .closest('article')!
    expect(hrefOf('The second story', card)).toBe('/articles/second-story')
    expect(hrefOf('Science', card)).toBe('/sections/science')
    expect(hrefOf('Bo Editor', card)).toBe('/authors/bo-editor')
    expect(card).toHaveTextContent('In brief')
    expect(card).toHaveTextContent('It goes on.')
    expect(within(card).getByRole('time')).toHaveAttribute('datetime', '2025-02-01T08:00:00.000Z')
  })

  test('page 2 holds the oldest story and links back to the newer ones', async () => {
    const { user, router } = renderApp('/')
    await user.click(await screen.findByRole('link', { name: 'Older stories →' }))

    expect(await screen.findByRole('region', { name: 'Stories, page 2' })).toBeVisible()
    expect(router.state.location.pathname).toBe('/page/2')
    expect(listedHeadlines()).toEqual(['The first story'])
    expectPageLinks('Page 2 of 2', ['← Newer stories', '/'], /Older/)
  })

  test('a section shows its name, description and only its stories', async () => {
    renderApp('/sections/world')

    expect(await screen.findByRole('heading', { level: 1, name: 'World' })).toBeVisible()
    expect(screen.getByText('News from everywhere.')).toBeVisible()
    expect(listedHeadlines()).toEqual(['The third story', 'The first story'])
    // Two stories fit on one page: no pagination.
    expect(screen.queryByRole('navigation', { name: 'Pages' })).not.toBeInTheDocument()
    const nav = screen.getByRole('navigation', { name: 'Sections' })
    expect(within(nav).getByRole('link', { name: 'World' })).toHaveAttribute('aria-current', 'page')
  })

  test('a tag shows its stories', async () => {
    renderApp('/tags/gamma')

    expect(await screen.findByRole('heading', { level: 1, name: 'Gamma' })).toBeVisible()
    expect(listedHeadlines()).toEqual(['The third story'])
  })

  test('an author shows their role, bio and stories', async () => {
    renderApp('/authors/bo-editor')

    expect(await screen.findByRole('heading', { level: 1, name: 'Bo Editor' })).toBeVisible()
    expect(screen.getByText('Editor')).toBeVisible()
    expect(screen.getByText('Edits things.')).toBeVisible()
    expect(listedHeadlines()).toEqual(['The second story'])
  })

  test('an empty section says there are no stories yet', async () => {
    renderApp('/sections/empty')

    expect(await screen.findByRole('heading', { level: 1, name: 'Empty' })).toBeVisible()
    expect(screen.getByText('There are no stories here yet.')).toBeVisible()
    expect(screen.queryByRole('region', { name: /^Stories/ })).not.toBeInTheDocument()
  })

  test('an empty listing from the API shows the empty state, not a crash', async () => {
    server.use(respondWithJson('lists/latest/1.json', makeListingHead([], 2)))
    renderApp('/')

    expect(await screen.findByText('There are no stories here yet.')).toBeVisible()
    expect(screen.getByRole('heading', { level: 1, name: 'Latest stories' })).toBeVisible()
  })

  test.each([
    ['an unknown section', '/sections/nope'],
    ['an unknown tag', '/tags/nope'],
    ['an unknown author', '/authors/nobody'],
    ['a page past the last', '/page/3'],
    ['a page zero', '/page/0'],
    ['a section slug that is not a slug', '/sections/World_News'],
    ['an unknown path', '/no/such/page'],
  ])('%s (%s) is "Page not found" with a way home', async (_, url) => {
    const { user, router } = renderApp(url)

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    await user.click(screen.getByRole('link', { name: 'Go to the latest stories' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Latest stories' })).toBeVisible()
    expect(router.state.location.pathname).toBe('/')
  })

  test('no answer at all says to check the connection', async () => {
    server.use(respondWith('lists/latest/1.json', () => HttpResponse.error()))
    renderApp('/')

    const { alert } = await findErrorPanel()
    expect(alert).toHaveTextContent('The newsroom could not be reached. Check your connection.')
  })

  test('a failed background refresh keeps the stories on screen', async () => {
    const { queryClient } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    server.use(outage('lists/latest/1.json').handler)

    // What a refetch on window focus does once the listing is stale.
    await act(() => queryClient.invalidateQueries({ queryKey: articleKeys.lists() }))
    expect(queryClient.getQueryState(articleKeys.list({ kind: 'latest' }, 1))?.status).toBe('error')
    await flushQueryNotifications()

    expect(listedHeadlines()).toEqual(['The third story', 'The second story'])
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  test('a failing site index leaves the stories up and gives the section menu its own Retry', async () => {
    const siteDown = outage('site.json')
    server.use(siteDown.handler)
    const { user } = renderApp('/sections/world')

    // The heading falls back to the slug while the taxonomy is missing.
    expect(await screen.findByRole('heading', { level: 1, name: 'world' })).toBeVisible()
    expect(listedHeadlines()).toEqual(['The third story', 'The first story'])
    const nav = screen.getByRole('navigation', { name: 'Sections' })
    const retry = await within(nav).findByRole('button', { name: 'Sections failed to load. Retry' })

    siteDown.end()
    await user.click(retry)
    expect(await within(nav).findByRole('link', { name: 'Science' })).toHaveAttribute(
      'href',
      '/sections/science',
    )
    expect(screen.getByRole('heading', { level: 1, name: 'World' })).toBeVisible()
    expect(within(nav).queryByRole('button')).not.toBeInTheDocument()
  })

  test('moving to another listing keeps the current page up, with a progress bar, until it is ready', async () => {
    const { user } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    const request = held('lists/sections/science/1.json')
    server.use(request.handler)

    const nav = screen.getByRole('navigation', { name: 'Sections' })
    await user.click(within(nav).getByRole('link', { name: 'Science' }))

    expect(await screen.findByRole('progressbar', { name: 'Loading page' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1, name: 'Latest stories' })).toBeVisible()

    request.release()
    expect(await screen.findByRole('heading', { level: 1, name: 'Science' })).toBeVisible()
    expect(listedHeadlines()).toEqual(['The second story'])
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
  })
})
