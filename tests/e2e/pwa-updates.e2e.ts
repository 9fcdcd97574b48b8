import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import type { Profile, WatchedPage } from './support/browser'
import { h1, settled, storyLinks } from '../../scripts/app-page'
import { checkForUpdate, untilControlled, updatePrompt, versionLine } from './support/pwa'
import { servedProfile } from './support/served-profile'

/**
 * Two releases of the app (support/builds.ts), deployed one after the other into the same nginx: open
 * tabs learn of the new one, and move to it together, or not at all.
 */
const releases = inject('releases')
const { revised } = releases

/** Opens a tab that runs release one under its service worker. */
async function openOnRelease(profile: Profile, at: string): Promise<WatchedPage> {
  const tab = await profile.open(at)
  await untilControlled(tab.page)
  await expect.poll(() => versionLine(tab.page).textContent()).toBe('Version one')
  return tab
}

describe('a new release', () => {
  const served = servedProfile(releases.one, { per: 'test' })

  it('is offered in every open tab, and "Update" moves them all to it', async () => {
    const home = await openOnRelease(served.profile, '/')
    const story = await openOnRelease(served.profile, `/articles/${revised.slug}`)
    expect(await story.page.getByText(revised.paragraph).count()).toBe(0)
    for (const tab of [home, story]) expect(await updatePrompt(tab.page).message.count()).toBe(0)

    await served.server.deploy(releases.two)
    // Browsers look for a new service worker on navigations and now and then; ask now.
    await Promise.all([checkForUpdate(home.page), checkForUpdate(story.page)])

    for (const tab of [home, story]) {
      const prompt = updatePrompt(tab.page)
      await prompt.message.waitFor({ timeout: 15_000 })
      expect(await prompt.update.isVisible()).toBe(true)
      expect(await prompt.notNow.isVisible()).toBe(true)
      // Nothing changes until the reader says so.
      expect(await versionLine(tab.page).textContent()).toBe('Version one')
    }

    await updatePrompt(home.page).update.click()

    for (const tab of [home, story]) {
      await expect
        .poll(() => versionLine(tab.page).textContent(), { timeout: 15_000 })
        .toBe('Version two')
      await settled(tab.page)
      expect(await updatePrompt(tab.page).message.count()).toBe(0)
    }
    // The story tab shows release two's text of the story.
    await story.page.getByText(revised.paragraph).waitFor()
    expect(home.failedResponses).toEqual([])
    expect(story.failedResponses).toEqual([])
  }, 90_000)

  it('"Not now" keeps the tab on the old release, whole and working', async () => {
    const tab = await openOnRelease(served.profile, '/')
    const { page } = tab
    await storyLinks(page).first().waitFor()

    await served.server.deploy(releases.two)
    await checkForUpdate(page)
    const prompt = updatePrompt(page)
    await prompt.message.waitFor({ timeout: 15_000 })
    const assets: string[] = []
    page.on('request', (request) => {
      const { pathname } = new URL(request.url())
      if (pathname.startsWith('/assets/')) assets.push(pathname)
    })
    await prompt.notNow.click()
    await expect.poll(() => prompt.message.count()).toBe(0)
    expect(await versionLine(page).textContent()).toBe('Version one')

    // Another page, in the app: it needs code release one has not loaded yet (the story route).
    const link = storyLinks(page).first()
    const headline = (await link.textContent()) ?? ''
    await link.click()
    await h1(page).filter({ hasText: headline }).waitFor()
    await settled(page)
    expect(await versionLine(page).textContent()).toBe('Version one')
    // And a listing.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').nth(1).click()
    await page.waitForURL(/\/sections\//)
    await storyLinks(page).first().waitFor()
    await settled(page)
    expect(await versionLine(page).textContent()).toBe('Version one')

    // Nothing failed, and every file of code came from release one (the service worker's precache
    // keeps them; the server no longer has those that changed).
    expect(tab.failedResponses).toEqual([])
    const ofOne = new Set(readdirSync(path.join(releases.one, 'assets')))
    const ofTwoOnly = assets.filter((a) => !ofOne.has(path.basename(a)))
    expect(ofTwoOnly, 'files of release two loaded into a release-one page').toEqual([])
    // Release one's own files that release two replaced: gone from the server, still there for the tab.
    const ofTwo = new Set(readdirSync(path.join(releases.two, 'assets')))
    const replaced = [...ofOne].filter((f) => /\.(js|css)$/.test(f) && !ofTwo.has(f))
    expect(replaced.length, 'the releases differ in code').toBeGreaterThan(0)
    for (const file of replaced) {
      expect(
        (await fetch(`${served.server.url}/assets/${file}`)).status,
        `${file} on the server`,
      ).toBe(404)
      const status = await page.evaluate(
        (url) => fetch(url).then((r) => r.status),
        `/assets/${file}`,
      )
      expect(status, `${file} for the release-one tab`).toBe(200)
    }
  }, 90_000)
})
