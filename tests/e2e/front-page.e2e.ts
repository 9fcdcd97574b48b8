import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { frameReady } from './support/frame'
import { data } from './support/site-data'

/**
 * Home as a front page in Chromium (issue 14, docs/decisions/030-front-page.md): the lead story in the
 * first screen of a phone, photo and all; a row for each section.
 */
const session = browserSession()

const PHONE = { width: 390, height: 844 }

/** The lead: the newsroom's mark, else the newest story with a photo, else the newest (docs/api.md). */
function expectedLead() {
  const { items } = data.latest(1)
  return items.find((s) => s.featured) ?? items.find((s) => s.image) ?? items[0]!
}

describe('the front page', () => {
  it("on a 390 × 844 phone, shows the lead story's photo and whole headline in the first screen", async () => {
    const lead = expectedLead()
    expect(lead.image, 'the demo lead has a photo').not.toBeNull()
    const { page } = await session.openFresh(undefined, {
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
    })
    await page.goto('/')
    await frameReady(page)

    const article = page.locator('main article[data-lead]')
    const headline = article.getByRole('heading', { level: 2 })
    expect(await headline.textContent()).toBe(lead.headline)
    const photo = await article.locator('img').boundingBox()
    const heading = await headline.boundingBox()
    expect(photo, 'the lead photo is laid out').not.toBeNull()
    expect(heading!.y, 'the photo comes first, above the headline').toBeGreaterThanOrEqual(
      photo!.y + photo!.height,
    )
    expect(photo!.y).toBeGreaterThanOrEqual(0)
    expect(
      heading!.y + heading!.height,
      'the headline ends inside the first screen',
    ).toBeLessThanOrEqual(PHONE.height)
    // Nothing scrolled to get there.
    expect(await page.evaluate(() => scrollY)).toBe(0)
  })

  it('has a row for each section with stories not shown above, linking to the section; no headline twice', async () => {
    const { page } = await session.open('/')
    await frameReady(page)
    const shown = new Set(data.latest(1).items.map((s) => s.slug))
    let rows = 0
    for (const section of data.site().sections) {
      const row = page.getByRole('region', { name: section.name, exact: true })
      const more = data
        .listing('sections', section.slug)
        .items.filter((s) => !shown.has(s.slug))
        .slice(0, 4)
      if (!more.length) {
        expect(await row.count(), section.name).toBe(0)
        continue
      }
      rows++
      const link = row.getByRole('heading', { level: 2 }).getByRole('link')
      expect(await link.getAttribute('href')).toBe(`/sections/${section.slug}`)
      expect(await row.getByRole('listitem').allTextContents()).toEqual(more.map((s) => s.headline))
    }
    expect(rows, 'the demo has rows to show').toBeGreaterThan(2)
    const headlines = await page.locator('main a[href^="/articles/"]').allTextContents()
    expect(headlines.length).toBe(new Set(headlines).size)
  })
})
