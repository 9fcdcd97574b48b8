import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { h1, listedSlugs, settled, storyLinks } from '../../scripts/app-page'
import { untilNetworkQuiet } from './support/network'
import { findTagPair } from './support/site-data'

const browser = browserSession()

describe('going back', () => {
  it('returns to the listing as it was, at the same scroll position, with no new API requests', async () => {
    const listing = await browser.open('/')
    const { page, apiRequests } = listing
    const links = storyLinks(page)
    await links.first().waitFor()
    await settled(page)
    const before = await listedSlugs(page)
    expect(before.length).toBeGreaterThan(3)

    // Scroll down to a story well below the first screen, and open it.
    const target = links.nth(before.length - 2)
    await target.scrollIntoViewIfNeeded()
    await page.evaluate(() => window.scrollBy(0, 40))
    const scrollY = await page.evaluate(() => window.scrollY)
    expect(scrollY, 'the listing is taller than the window').toBeGreaterThan(300)
    const href = (await target.getAttribute('href')) ?? ''
    const headline = (await target.textContent()) ?? ''
    await target.click()
    await page.waitForURL(href)
    await h1(page).filter({ hasText: headline }).waitFor()
    await settled(page)
    // A new page starts at the top.
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    // Out of the way, so no hover starts a prefetch once the listing is back under the pointer.
    await page.mouse.move(0, 0)
    const requestsBefore = apiRequests.length

    await page.goBack()

    await page.waitForURL('/')
    await h1(page).filter({ hasText: 'Latest stories' }).waitFor()
    expect(await listedSlugs(page)).toEqual(before)
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThanOrEqual(scrollY - 2)
    expect(await page.evaluate(() => window.scrollY)).toBeLessThanOrEqual(scrollY + 2)
    await settled(page)
    // Counted once the page is done: a stray refetch would be on its way by now.
    await untilNetworkQuiet(listing)
    expect(apiRequests.slice(requestsBefore)).toEqual([])
  })

  it('returns to a tag-filtered listing with its filter, from the cache', async () => {
    const { first, second } = findTagPair()
    const listing = `/?tags=${first.slug},${second.slug}`
    const filtered = await browser.open(listing)
    const { page, apiRequests } = filtered
    await page.getByRole('link', { name: `Remove tag ${second.name}` }).waitFor()
    await storyLinks(page).first().waitFor()
    await settled(page)
    const before = await listedSlugs(page)
    const status = await page.getByText(/(stories|story) match/).textContent()
    const title = await page.title()

    const headline = (await storyLinks(page).first().textContent()) ?? ''
    await storyLinks(page).first().click()
    await page.waitForURL(/\/articles\//)
    await h1(page).filter({ hasText: headline }).waitFor()
    await settled(page)
    await page.mouse.move(0, 0)
    const requestsBefore = apiRequests.length

    await page.goBack()
    await page.waitForURL(listing)
    await page.getByRole('link', { name: `Remove tag ${second.name}` }).waitFor()
    await expect.poll(() => listedSlugs(page)).toEqual(before)
    expect(await page.getByText(/(stories|story) match/).textContent()).toBe(status)
    expect(await page.getByRole('link', { name: `Remove tag ${first.name}` }).count()).toBe(1)
    await expect.poll(() => page.title()).toBe(title)
    await settled(page)
    await untilNetworkQuiet(filtered)
    expect(apiRequests.slice(requestsBefore)).toEqual([])
  })
})
