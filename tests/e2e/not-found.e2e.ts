import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { h1, storyLinks } from '../../scripts/app-page'

const browser = browserSession()

async function expectNotFound(page: Page) {
  await h1(page).waitFor()
  expect(await h1(page).textContent()).toBe('Page not found')
  await expect.poll(() => page.title()).toMatch(/^Page not found/)
  const back = page.getByRole('main').getByRole('link', { name: 'Go to the latest stories' })
  expect(await back.getAttribute('href')).toBe('/')
  await back.click()
  await page.waitForURL('/')
  await h1(page).filter({ hasText: 'Latest stories' }).waitFor()
  await storyLinks(page).first().waitFor()
}

describe('not found', () => {
  it('says so for a missing story, with a way back to the latest stories', async () => {
    const watched = await browser.open()
    // The API answers the missing story with 404, and Chromium logs the failed load.
    watched.expectConsoleError(/404.*\/api\/articles\/no-such-story-xyz\.json/)
    await watched.page.goto('/articles/no-such-story-xyz')
    await expectNotFound(watched.page)
  })

  it('says so for an unknown path', async () => {
    const { page } = await browser.open('/no/such/page-xyz')
    await expectNotFound(page)
  })

  it('says so for a listing that does not exist', async () => {
    const watched = await browser.open()
    watched.expectConsoleError(/404.*\/api\/lists\/sections\/no-such-section-xyz\/1\.json/)
    await watched.page.goto('/sections/no-such-section-xyz')
    await expectNotFound(watched.page)
  })
})
