import { render, renderHook, screen } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { FeedLinks, useFeedAutodiscovery } from '@/features/feeds/components/feed-links'
import { feedAlternates } from '@/features/feeds/feed-alternates'
import { FEED_LINK_ATTRIBUTE, renderHead, type PageHead } from '@/lib/page-head'
import { hrefOf } from '../../../utils/queries'

/**
 * A listing's feeds where readers and their apps look (docs/decisions/025-feeds-out.md): the links under
 * its heading, its page's head as the build writes it, and the head as the app keeps it.
 */

const HOSTILE = `Tom & "Jerry" <b>`

const alternates = () =>
  [...document.head.querySelectorAll('link[rel="alternate"]')].map((link) => [
    link.getAttribute('type'),
    link.getAttribute('href'),
    link.getAttribute('title'),
  ])

/** The prerendered head of the World section, its feeds named `name`. */
const worldHead = (name: string): PageHead => ({
  title: 't',
  description: 'd',
  canonicalUrl: 'https://news.example.org/sections/world',
  siteName: 'Newsroom',
  type: 'website',
  image: null,
  feeds: feedAlternates({ kind: 'sections', slug: 'world' }, name),
  jsonLd: {},
})

afterEach(() => {
  document.head.innerHTML = ''
})

describe('a listing’s feeds', () => {
  test('show as three links named for what they are', () => {
    render(<FeedLinks listing={{ kind: 'tags', slug: 'climate' }} />)
    expect(hrefOf('RSS feed')).toBe('/tags/climate/feed.xml')
    expect(hrefOf('Atom feed')).toBe('/tags/climate/feed.atom')
    expect(screen.getByRole('link', { name: 'JSON Feed' })).toHaveAttribute(
      'type',
      'application/feed+json',
    )
  })

  test('are in the prerendered head, escaped; the latest stories’ are the site’s, not repeated', () => {
    document.head.innerHTML = renderHead(worldHead(HOSTILE))
    expect(alternates()).toEqual([
      ['application/rss+xml', '/sections/world/feed.xml', `${HOSTILE} (RSS)`],
      ['application/atom+xml', '/sections/world/feed.atom', `${HOSTILE} (Atom)`],
      ['application/feed+json', '/sections/world/feed.json', `${HOSTILE} (JSON Feed)`],
    ])
    expect(document.head.querySelectorAll(`[${FEED_LINK_ATTRIBUTE}]`)).toHaveLength(3)
    expect(feedAlternates({ kind: 'latest' }, 'Latest stories')).toEqual([])
  })

  test('follow the listing the app shows, replacing the prerendered ones, and go with it', () => {
    document.head.innerHTML = renderHead(worldHead('World'))
    const { rerender, unmount } = renderHook(
      ({ slug, name }) => useFeedAutodiscovery({ kind: 'authors', slug }, name),
      { initialProps: { slug: 'ana', name: 'Ana' } },
    )
    expect(alternates()).toEqual([
      ['application/rss+xml', '/authors/ana/feed.xml', 'Ana (RSS)'],
      ['application/atom+xml', '/authors/ana/feed.atom', 'Ana (Atom)'],
      ['application/feed+json', '/authors/ana/feed.json', 'Ana (JSON Feed)'],
    ])
    rerender({ slug: 'ben', name: 'Ben' })
    expect(alternates().map(([, href]) => href)).toEqual([
      '/authors/ben/feed.xml',
      '/authors/ben/feed.atom',
      '/authors/ben/feed.json',
    ])
    unmount()
    expect(alternates()).toEqual([])
  })
})
