import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { h1, listedSlugs } from '../../../scripts/app-page'
import { data, type Dimension } from './site-data'

/**
 * Waits until the app shows the first page of the `kind` listing `slug` after a click: at its address,
 * under its heading `name`, with the stories the API lists for it, in order.
 */
export async function arrivedAtListing(
  page: Page,
  kind: Dimension,
  { slug, name }: { slug: string; name: string },
) {
  await page.waitForURL(`/${kind}/${slug}`)
  await h1(page).filter({ hasText: name }).waitFor()
  await expect
    .poll(() => listedSlugs(page))
    .toEqual(data.listing(kind, slug).items.map((s) => s.slug))
}
