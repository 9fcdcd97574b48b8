import type { Page } from 'playwright-core'
import { h1, settled } from '../../../scripts/app-page'

/** The header's theme control (one of the reading controls). */
export const themeControl = (page: Page) =>
  page.getByRole('combobox', { name: 'Theme', exact: true })

/** The header's text-size control (one of the reading controls). */
export const textSizeControl = (page: Page) =>
  page.getByRole('combobox', { name: 'Text size', exact: true })

/**
 * Waits until the page has drawn everything it will draw on its own: its heading, nothing loading, and
 * the frame's extras that arrive after the first render (the reading controls, the keyboard support's
 * page announcer, the reading history). Tests that check the frame, or act on it, start here.
 */
export async function frameReady(page: Page) {
  await h1(page).first().waitFor()
  await settled(page)
  await themeControl(page).waitFor()
  await textSizeControl(page).waitFor()
  await page.locator('#page-announcer').waitFor({ state: 'attached' })
}
