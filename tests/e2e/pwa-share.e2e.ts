import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { h1, settled } from '../../scripts/app-page'
import { SEED } from './support/site-data'

const browser = browserSession()
const storyPath = `/articles/${SEED.slug}`

describe('sharing a story', () => {
  it('copies the link, with a confirmation, where the Web Share API is missing', async () => {
    const { page } = await browser.openFresh(undefined, {
      permissions: ['clipboard-read', 'clipboard-write'],
    })
    // Headless Chromium on Linux has no navigator.share; make sure of it whatever the platform.
    await page.addInitScript(() => {
      delete (Navigator.prototype as Partial<Navigator>).share
      delete (Navigator.prototype as Partial<Navigator>).canShare
    })
    await page.goto(storyPath)
    await h1(page).filter({ hasText: SEED.headline }).waitFor()
    await settled(page)
    expect(await page.evaluate(() => 'share' in navigator)).toBe(false)

    await page.getByRole('button', { name: 'Share', exact: true }).click()

    await page.getByText('Link copied').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${browser.baseURL}${storyPath}`,
    )
  })

  it('hands the story to the Web Share API where there is one', async () => {
    const { page } = await browser.open()
    await page.addInitScript(() => {
      const shared: ShareData[] = []
      Object.assign(window, { sharedForTest: shared })
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        value: (data: ShareData) => {
          shared.push(data)
          return Promise.resolve()
        },
      })
      Object.defineProperty(Navigator.prototype, 'canShare', {
        configurable: true,
        value: () => true,
      })
    })
    await page.goto(storyPath)
    await h1(page).filter({ hasText: SEED.headline }).waitFor()
    await settled(page)

    await page.getByRole('button', { name: 'Share', exact: true }).click()

    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { sharedForTest: ShareData[] }).sharedForTest),
      )
      .toEqual([expect.objectContaining({ url: `${browser.baseURL}${storyPath}` })])
    // The fallback's confirmation is for copying only.
    expect(await page.getByText('Link copied').count()).toBe(0)
  })
})
