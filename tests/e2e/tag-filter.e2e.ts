import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { h1, listedSlugs, settled } from '../../scripts/app-page'
import { data, findTagPair } from './support/site-data'

const browser = browserSession()

describe('the tag filter', () => {
  it('narrows a listing to stories carrying both tags, in the URL, across reloads and visitors', async () => {
    const { first, second, ids } = findTagPair()
    const byId = data.articlesById()
    const pageSize = data.site().pageSize
    const expectedSlugs = ids.slice(0, pageSize).map((id) => byId.get(id)!.slug)
    const count = ids.length === 1 ? '1 story matches' : `${ids.length} stories match`
    const query = `?tags=${first.slug},${second.slug}`

    const { page } = await browser.open('/')
    // The filter's select and button are the app's: wait until it runs the page.
    await settled(page)

    await addTag(page, first.slug)
    await page.waitForURL(`/?tags=${first.slug}`)
    await page.getByRole('link', { name: `Remove tag ${first.name}` }).waitFor()
    await addTag(page, second.slug)
    await page.waitForURL(`/${query}`)
    expect(new URL(page.url()).search).toBe(query)

    const expectView = async (p: Page) => {
      await p.getByText(count, { exact: true }).waitFor()
      await expect.poll(() => listedSlugs(p)).toEqual(expectedSlugs)
      await settled(p)
      expect(await h1(p).textContent()).toBe('Latest stories')
      for (const tag of [first, second]) {
        expect(
          await p.getByRole('link', { name: `Remove tag ${tag.name}`, exact: true }).count(),
        ).toBe(1)
      }
      await expect.poll(() => p.title()).toContain(`tagged ${first.name} + ${second.name}`)
      // Every listed story carries both tags, by the story's own data.
      for (const slug of await listedSlugs(p)) {
        const tags = data.article(slug).tags.map((t) => t.slug)
        expect(tags, slug).toEqual(expect.arrayContaining([first.slug, second.slug]))
      }
    }

    await expectView(page)

    await page.reload()
    await expectView(page)

    const fresh = await browser.openFresh(`/${query}`)
    await expectView(fresh.page)
  })

  it('removes a tag with its "Remove tag" link', async () => {
    const { first, second } = findTagPair()
    const { page } = await browser.open(`/?tags=${first.slug},${second.slug}`)
    await page.getByRole('link', { name: `Remove tag ${second.name}` }).click()

    await page.waitForURL(`/?tags=${first.slug}`)
    const total = data.ids('tags', first.slug).total
    await page
      .getByText(total === 1 ? '1 story matches' : `${total} stories match`, { exact: true })
      .waitFor()
    await expect
      .poll(() => page.getByRole('link', { name: `Remove tag ${second.name}` }).count())
      .toBe(0)
    expect(await page.getByRole('link', { name: `Remove tag ${first.name}` }).count()).toBe(1)
  })
})

async function addTag(page: Page, slug: string) {
  await page.getByLabel('Filter by tag', { exact: true }).selectOption(slug)
  await page.getByRole('button', { name: 'Add tag' }).click()
}
