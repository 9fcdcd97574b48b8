import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { h1, settled } from '../../scripts/app-page'
import { data, SEED } from './support/site-data'

const browser = browserSession()
const path = `/articles/${SEED.slug}`

describe('the seed story', () => {
  it('shows every part of the story', async () => {
    const article = data.article(SEED.slug)
    const site = data.site()
    const { page } = await browser.open(path)
    await h1(page).waitFor()
    await settled(page)
    const story = page.locator('main article')

    expect(await h1(page).textContent()).toBe(SEED.headline)
    await expect.poll(() => page.title()).toContain(SEED.headline)

    // Byline.
    const author = story.getByRole('link', { name: 'Nargiz Mammadli', exact: true })
    expect(await author.getAttribute('href')).toBe('/authors/nargiz-mammadli')

    // Published and updated, machine-readable.
    const datetimes = await story
      .locator('time')
      .evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''))
    expect(datetimes.some((d) => d.startsWith('2023-01-05'))).toBe(true)
    expect(datetimes.some((d) => d.startsWith('2024-03-01T01:47'))).toBe(true)
    expect(await story.getByText(/^Updated/).count()).toBeGreaterThan(0)

    // Hero photo: described, sized, responsive, loaded, with caption and credit.
    const hero = story.locator('figure').first()
    const img = hero.locator('img')
    expect(await img.getAttribute('alt')).toBe(article.hero?.alt)
    expect(article.hero?.alt).toBeTruthy()
    expect(Number(await img.getAttribute('width'))).toBeGreaterThan(0)
    expect(Number(await img.getAttribute('height'))).toBeGreaterThan(0)
    expect(await img.getAttribute('srcset')).toMatch(/\S+ \d+w/)
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0))
      .toBe(true)
    const caption = (await hero.locator('figcaption').textContent()) ?? ''
    expect(article.hero?.caption).toBeTruthy()
    expect(caption).toContain(article.hero?.caption)
    expect(caption).toContain('Ministry of Defense of Azerbaijan')

    // The quote.
    expect(await story.locator('blockquote').textContent()).toContain(
      'Congratulations to Azerbaijani peacekeeper Major Ilkin Khalilov',
    )

    // Section and tag links.
    const section = site.sections.find((s) => s.slug === article.section.slug)
    expect(section).toBeDefined()
    const sectionLinks = story.getByRole('link', { name: section!.name, exact: true })
    expect(await sectionLinks.count()).toBeGreaterThan(0)
    for (const href of await sectionLinks.evaluateAll((as) =>
      as.map((a) => a.getAttribute('href')),
    )) {
      expect(href).toBe(`/sections/${section!.slug}`)
    }
    for (const name of ['Azerbaijan', 'South Sudan', 'United Nations', 'Peacekeeping']) {
      const tag = site.tags.find((t) => t.name === name)
      expect(tag, `tag ${name} in site.json`).toBeDefined()
      const link = story.getByRole('link', { name, exact: true })
      expect(await link.getAttribute('href')).toBe(`/tags/${tag!.slug}`)
    }

    // "Related stories": the ones its article JSON names, in its order (related.e2e.ts checks the choice).
    const more = page.getByRole('complementary', { name: 'Related stories' })
    const expected = data.article(SEED.slug).related ?? []
    expect(expected.length, 'the seed story has related stories').toBeGreaterThan(0)
    const moreLinks = more.locator('li a')
    expect(await moreLinks.allTextContents()).toEqual(expected.map((s) => s.headline))
    expect(await moreLinks.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(
      expected.map((s) => `/articles/${s.slug}`),
    )
  })

  it('survives a reload, and opens in a fresh browser context from its URL alone', async () => {
    const { page } = await browser.open(path)
    await h1(page).filter({ hasText: SEED.headline }).waitFor()

    await page.reload()
    await h1(page).filter({ hasText: SEED.headline }).waitFor()
    await settled(page)
    expect(await page.locator('blockquote').count()).toBe(1)

    const fresh = await browser.openFresh(path)
    await h1(fresh.page).waitFor()
    expect(await h1(fresh.page).textContent()).toBe(SEED.headline)
    await expect.poll(() => fresh.page.title()).toContain(SEED.headline)
  })
})
