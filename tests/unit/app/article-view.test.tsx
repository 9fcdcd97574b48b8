import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import {
  held,
  outage,
  respondWithJson,
  serverErrorOnce,
  withoutRelated,
} from '../../mocks/handlers'
import { requestCount, server } from '../../mocks/server'
import { articleKeys } from '@/features/articles/api/keys'
import { findErrorPanel, hrefOf } from '../../utils/queries'
import { flushQueryNotifications } from '../../utils/query-client'
import { renderApp } from '../../utils/render-app'

/** The figure holding the image with this alt text (figures have no accessible name of their own). */
function figureOf(alt: string) {
  const figure = screen.getByRole('img', { name: alt }).closest('figure')
  if (!figure) throw new Error(`no figure around the image "${alt}"`)
  return figure
}

describe('an article opened directly', () => {
  test('has one h1, the headline, then byline, date, hero, body and topics', async () => {
    renderApp('/articles/first-story')

    const headline = await screen.findByRole('heading', { level: 1, name: 'The first story' })
    expect(screen.getAllByRole('heading', { level: 1 })).toEqual([headline])

    const article = screen.getByRole('article')
    expect(article).toContainElement(headline)
    expect(within(article).getByText('Where it all begins.')).toBeVisible()
    expect(hrefOf('Ada Writer', article)).toBe('/authors/ada-writer')
    const published = within(article).getByRole('time')
    expect(published).toHaveAttribute('datetime', '2025-01-01T08:00:00.000Z')
    expect(published.parentElement).toHaveTextContent(/^Published /)
    expect(article).toHaveTextContent('1 min read')

    const hero = figureOf('A blue sky over green hills')
    expect(hero).toHaveTextContent('Hills at dawn')
    expect(hero).toHaveTextContent('Fixture Photo')
    // Root-relative, so prerendered HTML and the browser agree whatever host serves the page.
    expect(within(hero).getByRole('img')).toHaveAttribute('src', '/api/images/sky-1280.webp')
    expect(within(hero).getByRole('img')).toHaveAttribute('srcset', expect.stringContaining('640w'))
  })

  test('renders the body blocks as semantic HTML', async () => {
    renderApp('/articles/first-story')
    await screen.findByRole('heading', { level: 1, name: 'The first story' })
    const article = screen.getByRole('article')

    expect(within(article).getByRole('emphasis')).toHaveTextContent('emphasis')
    expect(within(article).getByRole('strong')).toHaveTextContent('strength')
    const external = within(article).getByRole('link', { name: 'link' })
    expect(external).toHaveAttribute('href', 'https://example.org')
    expect(external).toHaveAttribute('rel', 'noopener noreferrer')
    expect(within(article).getByRole('heading', { level: 2, name: 'A subheading' })).toBeVisible()

    const quote = within(article).getByRole('blockquote')
    expect(quote).toHaveTextContent('A quotation that matters.')
    expect(quote.closest('figure')).toHaveTextContent('— A Person, spokesperson')

    const bullets = within(article)
      .getAllByRole('list')
      .find((list) => list.tagName === 'UL' && within(list).queryByText('one'))
    expect(
      within(bullets!)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['one', 'two'])

    const bodyFigure = figureOf('A sky')
    expect(bodyFigure).toHaveTextContent('The sky again')
    expect(bodyFigure).toHaveTextContent('Fixture Photo')
  })

  test('links to its section and tags, and has a box of related stories', async () => {
    renderApp('/articles/first-story')
    await screen.findByRole('heading', { level: 1, name: 'The first story' })
    const article = screen.getByRole('article')

    for (const link of within(article).getAllByRole('link', { name: 'World' }))
      expect(link).toHaveAttribute('href', '/sections/world')
    expect(hrefOf('Alpha', article)).toBe('/tags/alpha')
    expect(hrefOf('Beta', article)).toBe('/tags/beta')

    const more = screen.getByRole('complementary', { name: 'Related stories' })
    const other = await within(more).findByRole('link', { name: 'The third story' })
    expect(other).toHaveAttribute('href', '/articles/third-story')
    // Best match first: the third story shares both tags and the section, the second one tag.
    expect(
      within(more)
        .getAllByRole('listitem')
        .map((li) => within(li).getAllByRole('link')[0]!.textContent),
    ).toEqual(['The third story', 'The second story'])
    // The story on screen is not offered again.
    expect(within(more).queryByRole('link', { name: 'The first story' })).not.toBeInTheDocument()
    expect(hrefOf('All World stories', more)).toBe('/sections/world')
  })

  test('shows when it was updated, and its internal links route inside the app', async () => {
    const { user, router } = renderApp('/articles/second-story')
    await screen.findByRole('heading', { level: 1, name: 'The second story' })

    const times = within(screen.getByRole('article')).getAllByRole('time')
    expect(times.map((t) => t.getAttribute('datetime'))).toEqual([
      '2025-02-01T08:00:00.000Z',
      '2025-02-02T10:00:00.000Z',
    ])
    expect(times[1]!.parentElement).toHaveTextContent(/^Updated /)
    // Related by a shared tag, though in another section: equal matches, the more recent first.
    const related = await screen.findByRole('complementary', { name: 'Related stories' })
    expect(
      within(related)
        .getAllByRole('listitem')
        .map((li) => within(li).getAllByRole('link')[0]!.textContent),
    ).toEqual(['The third story', 'The first story'])

    await user.click(screen.getByRole('link', { name: 'the first' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'The first story' })).toBeVisible()
    expect(router.state.location.pathname).toBe('/articles/first-story')
  })

  test('shows a loading skeleton until the story arrives', async () => {
    const request = held('articles/first-story.json')
    server.use(request.handler)
    renderApp('/articles/first-story')

    // A first visit has nothing cached to show: the app shell's skeleton holds the page.
    expect(await screen.findByRole('status', { name: /^Loading/ })).toBeInTheDocument()
    expect(screen.queryByRole('heading', { level: 1 })).not.toBeInTheDocument()

    request.release()
    expect(await screen.findByRole('heading', { level: 1, name: 'The first story' })).toBeVisible()
    expect(
      screen.queryByRole('status', { name: /^Loading (stories|the story)$/ }),
    ).not.toBeInTheDocument()
  })

  test('a missing story is "Page not found" with a link back', async () => {
    const { user } = renderApp('/articles/nope')

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
    const back = screen.getByRole('link', { name: 'Go to the latest stories' })
    expect(back).toHaveAttribute('href', '/')
    await user.click(back)
    expect(await screen.findByRole('heading', { level: 1, name: 'Latest stories' })).toBeVisible()
  })

  test('a server error shows a Retry that recovers', async () => {
    server.use(serverErrorOnce('articles/first-story.json'))
    const { user } = renderApp('/articles/first-story')

    const { alert, retry } = await findErrorPanel()
    expect(alert).toHaveTextContent("The newsroom's server answered with an error (500).")
    await user.click(retry)
    expect(await screen.findByRole('heading', { level: 1, name: 'The first story' })).toBeVisible()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })
})

describe('the "More from" box, below a story from an API without related stories', () => {
  test('fails on its own: the article stays, and the box retries by itself', async () => {
    // Not a one-time failure: StrictMode mounts the box twice, and the first, aborted request
    // would use it up. The outage lasts until the test ends it.
    const boxDown = outage('lists/sections/world/1.json')
    server.use(withoutRelated('first-story'), boxDown.handler)
    const { user } = renderApp('/articles/first-story')

    const more = await screen.findByRole('complementary', { name: 'More from World' })
    const alert = await within(more).findByRole('alert')
    expect(alert).toHaveTextContent('More from World could not be loaded')
    expect(alert).toHaveTextContent('The newsroom is temporarily unavailable (503).')
    expect(screen.getByRole('heading', { level: 1, name: 'The first story' })).toBeVisible()
    expect(screen.getByRole('heading', { level: 2, name: 'A subheading' })).toBeVisible()
    expect(screen.getAllByRole('alert')).toEqual([alert])

    boxDown.end()
    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await within(more).findByRole('link', { name: 'The third story' })).toBeVisible()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  test('keeps its stories when a background refresh fails', async () => {
    server.use(withoutRelated('first-story'))
    const { queryClient } = renderApp('/articles/first-story')
    const more = await screen.findByRole('complementary', { name: 'More from World' })
    await within(more).findByRole('link', { name: 'The third story' })
    server.use(outage('lists/sections/world/1.json').handler)

    await act(() => queryClient.invalidateQueries({ queryKey: articleKeys.lists() }))
    const world = articleKeys.list({ kind: 'sections', slug: 'world' }, 1)
    expect(queryClient.getQueryState(world)?.status).toBe('error')
    await flushQueryNotifications()

    expect(within(more).getByRole('link', { name: 'The third story' })).toBeVisible()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  test('shows its own skeleton while it loads', async () => {
    const request = held('lists/sections/world/1.json')
    server.use(withoutRelated('first-story'), request.handler)
    renderApp('/articles/first-story')

    expect(
      await screen.findByRole('status', { name: 'Loading more from World' }),
    ).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1, name: 'The first story' })).toBeVisible()
    request.release()
    expect(await screen.findByRole('link', { name: 'The third story' })).toBeVisible()
  })
})

describe('opening a story from a listing', () => {
  test('shows the headline and summary at once, and the body when it arrives', async () => {
    const { user, router } = renderApp('/')
    const link = await screen.findByRole('link', { name: 'The third story' })
    const request = held('articles/third-story.json')
    server.use(request.handler)

    await user.click(link)

    expect(await screen.findByRole('heading', { level: 1, name: 'The third story' })).toBeVisible()
    expect(router.state.location.pathname).toBe('/articles/third-story')
    expect(screen.getByText('And ends here.')).toBeVisible()
    expect(screen.getByRole('status', { name: 'Loading the story' })).toBeInTheDocument()
    expect(screen.queryByText('First')).not.toBeInTheDocument()

    request.release()
    const body = await screen.findByText('First')
    expect(body.closest('ol')).toHaveTextContent('FirstSecond')
    expect(screen.queryByRole('status', { name: 'Loading the story' })).not.toBeInTheDocument()
  })

  test('keeps the headline and offers Retry when the body fails to load', async () => {
    const articleDown = outage('articles/third-story.json')
    server.use(articleDown.handler)
    const { user } = renderApp('/')
    await user.click(await screen.findByRole('link', { name: 'The third story' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'The third story' })).toBeVisible()
    const { alert, retry } = await findErrorPanel()
    expect(alert).toHaveTextContent('This story could not be loaded')
    expect(screen.getByText('And ends here.')).toBeVisible()

    articleDown.end()
    await user.click(retry)
    expect(await screen.findByText('Second')).toBeVisible()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  test('a story gone since the listing was loaded is "not found"', async () => {
    server.use(respondWithJson('articles/third-story.json', { error: 'not_found' }, 404))
    const { user } = renderApp('/')
    await user.click(await screen.findByRole('link', { name: 'The third story' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
    expect(screen.getByText(/We could not find that story\./)).toBeVisible()
    expect(screen.queryByRole('heading', { name: 'The third story' })).not.toBeInTheDocument()
  })

  test('hovering a headline prefetches its story, once', async () => {
    const { user, queryClient } = renderApp('/')
    const link = await screen.findByRole('link', { name: 'The second story' })
    expect(requestCount('articles/second-story.json')).toBe(0)

    await user.hover(link)
    await waitFor(() => expect(requestCount('articles/second-story.json')).toBe(1))
    // Let it land: StrictMode's double mount would cancel and repeat a fetch still in flight.
    await waitFor(() => expect(queryClient.isFetching()).toBe(0))
    await user.unhover(link)
    await user.hover(link)
    await user.click(link)

    expect(await screen.findByRole('link', { name: 'the first' })).toBeVisible()
    expect(requestCount('articles/second-story.json')).toBe(1)
  })

  test('focusing a headline (keyboard) prefetches its story', async () => {
    renderApp('/')
    const link = await screen.findByRole('link', { name: 'The third story' })
    expect(requestCount('articles/third-story.json')).toBe(0)

    act(() => link.focus())
    expect(link).toHaveFocus()
    await waitFor(() => expect(requestCount('articles/third-story.json')).toBe(1))
    // Hovering or focusing something else does not fetch this story again.
    expect(requestCount('articles/second-story.json')).toBe(0)
  })
})
