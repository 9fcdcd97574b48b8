import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { hrefOf, listedHeadlines } from '../../utils/queries'
import { currentUrl, renderApp } from '../../utils/render-app'

const filter = () => screen.getByRole('region', { name: 'Filter by tags' })
/** The filter is in the listing's header, which shows once the listing has loaded. */
const findFilter = () => screen.findByRole('region', { name: 'Filter by tags' })
const tagSelect = () => within(filter()).getByRole('combobox', { name: 'Filter by tag' })
const optionNames = () =>
  within(tagSelect())
    .getAllByRole('option')
    .map((option) => option.textContent)

describe('filtering a listing by tags', () => {
  test('shows only stories with every chosen tag, and how many match', async () => {
    renderApp('/?tags=alpha,gamma')

    expect(within(await findFilter()).getByRole('status')).toHaveTextContent('1 story matches')
    expect(listedHeadlines()).toEqual(['The third story'])
  })

  test('two tags intersect: alpha and beta', async () => {
    renderApp('/?tags=alpha,beta')

    expect(within(await findFilter()).getByRole('status')).toHaveTextContent('2 stories match')
    expect(listedHeadlines()).toEqual(['The third story', 'The first story'])
    const active = within(filter()).getByRole('list', { name: 'Active tag filters' })
    expect(
      within(active)
        .getAllByRole('link')
        .map((link) => link.getAttribute('aria-label')),
    ).toEqual(['Remove tag Alpha', 'Remove tag Beta'])
  })

  test('narrows a section too, and says when nothing matches', async () => {
    const { user, router } = renderApp('/sections/science?tags=alpha')

    expect(await screen.findByText('No stories match all of these tags.')).toBeVisible()
    expect(within(filter()).getByRole('status')).toHaveTextContent('0 stories match')
    const clear = within(screen.getByRole('main'))
      .getAllByRole('link', { name: 'Clear filters' })
      .at(-1)!
    await user.click(clear)
    await waitFor(() => expect(currentUrl(router)).toBe('/sections/science'))
    expect(await screen.findByRole('region', { name: 'Stories, page 1' })).toBeVisible()
    expect(listedHeadlines()).toEqual(['The second story'])
  })

  test('"Add tag" adds the chosen tag to the URL', async () => {
    const { user, router } = renderApp('/?tags=alpha')
    expect(within(await findFilter()).getByRole('status')).toHaveTextContent('2 stories match')

    const add = within(filter()).getByRole('button', { name: 'Add tag' })
    expect(add).toBeDisabled()
    // A tag already in the filter is not offered again.
    expect(optionNames()).toEqual(['Choose a tag…', 'Beta', 'Gamma'])

    await user.selectOptions(tagSelect(), 'Beta')
    expect(add).toBeEnabled()
    await user.click(add)

    await waitFor(() => expect(currentUrl(router)).toBe('/?tags=alpha,beta'))
    // "2 stories match" was already there for alpha alone: wait for the filter to show the new URL's tags.
    await waitFor(() => expect(optionNames()).toEqual(['Choose a tag…', 'Gamma']))
    expect(within(filter()).getByRole('status')).toHaveTextContent('2 stories match')
  })

  test('a tag page does not offer its own tag', async () => {
    renderApp('/tags/alpha')
    await screen.findByRole('heading', { level: 1, name: 'Alpha' })

    expect(optionNames()).toEqual(['Choose a tag…', 'Beta', 'Gamma'])
  })

  test('"Remove tag" takes one tag out, and "Clear filters" all of them', async () => {
    const { user, router } = renderApp('/?tags=alpha,beta')
    expect(within(await findFilter()).getByRole('status')).toHaveTextContent('2 stories match')

    await user.click(within(filter()).getByRole('link', { name: 'Remove tag Alpha' }))
    await waitFor(() => expect(currentUrl(router)).toBe('/?tags=beta'))
    expect(await within(filter()).findByText('3 stories match')).toBeVisible()

    await user.click(within(filter()).getByRole('link', { name: 'Clear filters' }))
    await waitFor(() => expect(currentUrl(router)).toBe('/'))
    await waitFor(() => expect(within(filter()).queryByRole('status')).not.toBeInTheDocument())
    expect(listedHeadlines()).toEqual(['The third story', 'The second story'])
  })

  test('filtered results are paged by the listing page size', async () => {
    const { user, router } = renderApp('/?tags=beta')
    expect(within(await findFilter()).getByRole('status')).toHaveTextContent('3 stories match')
    expect(listedHeadlines()).toEqual(['The third story', 'The second story'])

    const pages = screen.getByRole('navigation', { name: 'Pages' })
    const older = within(pages).getByRole('link', { name: 'Older stories →' })
    expect(older).toHaveAttribute('href', '/page/2?tags=beta')
    await user.click(older)

    await waitFor(() => expect(currentUrl(router)).toBe('/page/2?tags=beta'))
    expect(await screen.findByRole('region', { name: 'Stories, page 2' })).toBeVisible()
    expect(listedHeadlines()).toEqual(['The first story'])
    expect(screen.getByRole('navigation', { name: 'Pages' })).toHaveTextContent('Page 2 of 2')
    expect(hrefOf('← Newer stories')).toBe('/?tags=beta')
  })

  test.each([
    ['an unknown tag', '/?tags=nope'],
    ['a page past the filtered results', '/page/3?tags=beta'],
  ])('%s in the filter is "Page not found"', async (_, url) => {
    renderApp(url)

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  })
})

describe('non-canonical listing URLs redirect to their canonical form', () => {
  test.each([
    ['/page/1', '/'],
    ['/?tags=Beta,,beta', '/?tags=beta'],
    ['/?tags=', '/'],
    ['/?tags=alpha,%20ALPHA,beta', '/?tags=alpha,beta'],
    ['/sections/world/page/1', '/sections/world'],
    ['/tags/alpha/page/1?tags=BETA', '/tags/alpha?tags=beta'],
    ['/?tags=beta&utm_source=feed', '/?tags=beta'],
    ['/tags/alpha?tags=alpha,beta', '/tags/alpha?tags=beta'],
  ])('%s → %s', async (from, to) => {
    const { router } = renderApp(from)

    await screen.findByRole('region', { name: 'Stories, page 1' })
    expect(currentUrl(router)).toBe(to)
  })
})
