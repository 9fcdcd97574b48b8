import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { arrivedAtListing } from './support/listing-page'
import { h1, listedSlugs, settled, storyLinks } from '../../scripts/app-page'
import { busiest, data, type Dimension } from './support/site-data'

const browser = browserSession()

const cases: { kind: Dimension; path: string; label: string }[] = [
  { kind: 'sections', path: '/sections/', label: 'a section' },
  { kind: 'tags', path: '/tags/', label: 'a tag' },
  { kind: 'authors', path: '/authors/', label: 'an author' },
]

describe('section, tag and author pages', () => {
  for (const { kind, path, label } of cases) {
    it(`${label} page has its own heading, title and stories`, async () => {
      const { slug, name } = busiest(kind)
      const listing = data.listing(kind, slug)
      const { page } = await browser.open(path + slug)

      await h1(page).filter({ hasText: name }).waitFor()
      await settled(page)
      expect(await h1(page).textContent()).toBe(name)
      await expect.poll(() => page.title()).toContain(name)
      expect(await listedSlugs(page)).toEqual(listing.items.map((s) => s.slug))
      // Every story listed belongs here, by its own data.
      for (const story of listing.items) {
        const article = data.article(story.slug)
        const belongs =
          kind === 'sections'
            ? article.section.slug === slug
            : kind === 'authors'
              ? article.author.slug === slug
              : article.tags.some((t) => t.slug === slug)
        expect(belongs, story.slug).toBe(true)
      }
    })
  }

  it('the section navigation opens a section page', async () => {
    const section = busiest('sections')
    const { page } = await browser.open('/')
    await storyLinks(page).first().waitFor()
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: section.name, exact: true })
      .click()
    await arrivedAtListing(page, 'sections', section)
  })
})
