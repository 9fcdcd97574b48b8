import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { WatchedPage } from './browser'
import { onBrowserErrorPage, OFFLINE_ERRORS } from './pwa'
import type { ServedProfile } from './served-profile'

/**
 * A reader's new tab at `path` with the server stopped (the port refuses connections: the newsroom is
 * out of reach, as on a train), after `evict` has emptied what a long time and a busy reader empty
 * (support/evict.ts): the offline tests then show that what is left (the saved cache, the kept topics'
 * cache) is enough. No tab of the app may stay open to write its query cache back, so every page is
 * closed first and the eviction runs in a page of the same origin that is not the app.
 */
export async function offlineTab(
  served: ServedProfile,
  evict: (page: Page) => Promise<void>,
  path: string,
): Promise<WatchedPage> {
  for (const page of served.profile.context.pages()) await page.close()
  const evicting = await served.profile.open('/api/site.json')
  await evict(evicting.page)
  await evicting.page.close()
  await served.server.stop()
  await expect(fetch(served.server.url)).rejects.toThrow()
  const tab = await served.profile.open()
  tab.allowConsoleError(OFFLINE_ERRORS)
  await tab.page.goto(path)
  expect(onBrowserErrorPage(tab.page)).toBe(false)
  return tab
}

/** The server back on its port, with every tab closed, for the next step of a served-profile block. */
export async function backOnline(served: ServedProfile) {
  for (const page of served.profile.context.pages()) await page.close()
  await served.serveAgain()
}
