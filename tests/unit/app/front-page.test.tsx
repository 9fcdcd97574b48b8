import { QueryClient } from '@tanstack/react-query'
import { screen, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { listingHead } from '@/app/ssr/page-meta'
import { getListingPage } from '@/features/articles/api/fetch-listing'
import type { Summary } from '@/features/articles/api/schemas'
import { LEAD_IMAGE_SIZES } from '@/features/articles/components/story-card'
import { siteQueryOptions } from '@/features/site/api/get-site'
import { outage, respondWithJson } from '../../mocks/handlers'
import { server } from '../../mocks/server'
import { makeListingHead, makeSummary } from '../../utils/factories'
import { hrefOf, listedHeadlines } from '../../utils/queries'
import { renderApp } from '../../utils/render-app'

/**
 * Home as a front page (issue 14, docs/decisions/030-front-page.md): the lead story large, with its photo,
 * first; then the latest stories without it; then a row for each section. Other listings stay lists.
 */

const photo = (name: string): Summary['image'] => ({
  src: `images/${name}-1280.webp`,
  width: 1280,
  height: 720,
  alt: `A drawing for ${name}`,
  srcset: [640, 800, 1280].map((width) => ({ src: `images/${name}-${width}.webp`, width })),
})

/** Five stories, newest first: the second-newest has a photo, the fourth is marked as the lead. */
const stories = [
  makeSummary(5),
  makeSummary(4, { image: photo('four') }),
  makeSummary(3),
  makeSummary(2, { featured: true, image: photo('two') }),
  makeSummary(1, { section: { slug: 'science', name: 'Science' } }),
]

const serveLatest = (items: Summary[]) =>
  server.use(respondWithJson('lists/latest/1.json', makeListingHead(items, 12)))

/** The listing's region, and its first story: the lead, when the page has one. */
async function findLead() {
  await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
  const list = screen.getByRole('region', { name: 'Stories, page 1' })
  return { list, lead: within(list).getAllByRole('article')[0]! }
}

describe('the lead story', () => {
  test('is the story the newsroom marks, first and large, with its photo loading first; it is not listed twice', async () => {
    serveLatest(stories)
    renderApp('/')
    const { lead } = await findLead()

    expect(lead).toHaveAttribute('data-lead')
    expect(within(lead).getByRole('heading', { level: 2 })).toHaveTextContent('Story 2')
    expect(hrefOf('Story 2', lead)).toBe('/articles/story-2')
    expect(lead).toHaveTextContent('The summary of story 2.')
    expect(within(lead).getByRole('time')).toHaveAttribute('datetime', stories[3]!.published)
    const image = within(lead).getByRole('img', { name: 'A drawing for two' })
    expect(image).toHaveAttribute('fetchpriority', 'high')
    expect(image).toHaveAttribute('loading', 'eager')
    // The other photo waits: only the lead's is the first screen's.
    expect(screen.getByRole('img', { name: 'A drawing for four' })).toHaveAttribute(
      'loading',
      'lazy',
    )

    expect(listedHeadlines()).toEqual(['Story 2', 'Story 5', 'Story 4', 'Story 3', 'Story 1'])
  })

  test('without a mark, is the newest story with a photo', async () => {
    serveLatest(stories.map(({ featured: _featured, ...story }) => story))
    renderApp('/')
    const { lead } = await findLead()

    expect(lead).toHaveAttribute('data-lead')
    expect(within(lead).getByRole('heading', { level: 2 })).toHaveTextContent('Story 4')
    expect(listedHeadlines()).toEqual(['Story 4', 'Story 5', 'Story 3', 'Story 2', 'Story 1'])
  })

  test("is the head's marked lead when page 1 does not hold it: however old, it leads, then the newest", async () => {
    const old = makeSummary(1, { featured: true, image: photo('one') })
    const newest = stories.slice(0, 4).map(({ featured: _featured, ...story }) => story)
    // Newer stories than the mark filled page 1: the head carries the marked story beside them.
    server.use(respondWithJson('lists/latest/1.json', { ...makeListingHead(newest, 4), lead: old }))
    renderApp('/')
    const { lead } = await findLead()

    expect(lead).toHaveAttribute('data-lead')
    expect(within(lead).getByRole('heading', { level: 2 })).toHaveTextContent('Story 1')
    expect(within(lead).getByRole('img', { name: 'A drawing for one' })).toHaveAttribute(
      'fetchpriority',
      'high',
    )
    expect(listedHeadlines()).toEqual(['Story 1', 'Story 5', 'Story 4', 'Story 3', 'Story 2'])
  })

  test("is what home's prerendered head preloads the photo of, when it is the head's lead", async () => {
    const old = makeSummary(1, { featured: true, image: photo('one') })
    const newest = stories.slice(0, 4).map(({ featured: _featured, ...story }) => story)
    server.use(respondWithJson('lists/latest/1.json', { ...makeListingHead(newest, 4), lead: old }))
    // As the prerender reads it: page 1 through the listing's fetcher, then the page's head.
    const listing = await getListingPage({ kind: 'latest' }, 1)
    const site = await new QueryClient().fetchQuery(siteQueryOptions())
    const head = listingHead({ kind: 'latest' }, listing, site, 'https://news.example')

    expect(head.preloadImage?.href).toMatch(/images\/one-1280\.webp$/)
    expect(head.preloadImage?.sizes).toBe(LEAD_IMAGE_SIZES)
  })

  test('is only on home: page 2, a filtered home and a section are lists as before', async () => {
    for (const url of ['/page/2', '/?tags=alpha', '/sections/world']) {
      const view = renderApp(url)
      const list = await screen.findByRole('region', { name: /^Stories, page \d$/ })
      expect(list.querySelector('[data-lead]'), url).toBeNull()
      expect(screen.queryByRole('region', { name: 'World' }), url).not.toBeInTheDocument()
      view.unmount()
    }
  })
})

describe("the sections' rows", () => {
  test("show each section's newest stories not shown above, under its name, which links to the section", async () => {
    renderApp('/')
    const world = await screen.findByRole('region', { name: 'World' })

    expect(hrefOf('World', world)).toBe('/sections/world')
    // Home shows the third and second stories above: World's row has the first, Science's has nothing
    // left to add, and Empty has no stories. No row is shown empty.
    expect(
      within(world)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['The first story'])
    expect(hrefOf('The first story', world)).toBe('/articles/first-story')
    expect(screen.queryByRole('region', { name: 'Science' })).not.toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Empty' })).not.toBeInTheDocument()
    expect(screen.getAllByRole('link', { name: 'The third story' })).toHaveLength(1)
  })

  test('that fail to load say so in their place, with Retry, and the stories above still show', async () => {
    const failing = outage('front.json')
    server.use(failing.handler)
    const { user } = renderApp('/')

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The stories could not be loaded')
    expect(alert).toHaveTextContent('(503)')
    expect(listedHeadlines()).toEqual(['The third story', 'The second story'])

    failing.end()
    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('region', { name: 'World' })).toBeVisible()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })
})
