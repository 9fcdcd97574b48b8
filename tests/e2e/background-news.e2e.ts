import type { CDPSession, Page } from 'playwright-core'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { FOLLOWED_STORAGE_KEY } from '@/features/following/api/followed-topics'
import { openProfile, type Profile } from './support/browser'
import { axe, describeViolations, doubleTextSize, variants, withTheme } from './support/axe'
import { frameReady } from './support/frame'
import { h1 } from '../../scripts/app-page'
import { untilControlled } from './support/pwa'
import { data } from './support/site-data'

/**
 * News while the app is closed (issue 14): a reader follows a tag, presses Notify me on Following, and a
 * periodic background sync, dispatched through the DevTools protocol as the browser would while the app
 * is closed, shows one notification naming the count of new stories, and records the badge it set. A
 * story that is new only in a tag not followed shows none. Chromium with a profile on disk (the default
 * browser context, which the protocol's permission commands address).
 */
const baseURL = inject('baseURL')
const TAG = 'newsroom-following'

// A tag whose newest story is not the site's newest: that story is then new only in tags not followed.
const newestOverall = Date.parse(data.latest(1).items[0]!.published)
const tag = data
  .site()
  .tags.filter((t) => t.count >= 2)
  .map((t) => ({ ...t, items: data.listing('tags', t.slug).items }))
  .find((t) => Date.parse(t.items[0]!.published) < newestOverall)!

/** Grants the periodic sync (no Playwright name for it) and returns the worker's registration id. */
async function workerRegistration(cdp: CDPSession): Promise<string> {
  await cdp.send('Browser.grantPermissions', {
    origin: new URL(baseURL).origin,
    permissions: ['periodicBackgroundSync', 'notifications'],
  })
  const registered = new Promise<string>((resolve) =>
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL.startsWith(baseURL) && !r.isDeleted)
      if (ours) resolve(ours.registrationId)
    }),
  )
  await cdp.send('ServiceWorker.enable')
  return registered
}

/** The notifications the worker shows under its tag: their bodies. */
const notifications = (page: Page) =>
  page.evaluate(async (tag) => {
    const registration = await navigator.serviceWorker.ready
    return (await registration.getNotifications({ tag })).map((n) => n.body)
  }, TAG)

/** The worker's own record of its last check (the badge it set, its failures). */
const workerState = (page: Page) =>
  page.evaluate(async () => {
    const entry = await (await caches.open('newsroom-following')).match('/__following__/state')
    return entry
      ? ((await entry.json()) as { badge: number; failures: number; checkedAt: number })
      : null
  })

/** The mirror's seenUpTo for the followed tag, as the worker reads it. */
const mirroredSeenUpTo = (page: Page) =>
  page.evaluate(async () => {
    const entry = await (await caches.open('newsroom-following')).match('/__following__/topics')
    if (!entry) return null
    return ((await entry.json()) as { topics: { seenUpTo: number }[] }).topics[0]?.seenUpTo ?? null
  })

/**
 * Clicks the worker's notification as the browser does: a `notificationclick` event in the worker, with
 * the notification it showed. (Playwright cannot reach the system's notification; the event is what
 * reaches the app.)
 */
async function openNotification(profile: Profile) {
  const [worker] = profile.context.serviceWorkers()
  expect(worker, 'the app’s service worker').toBeDefined()
  const clicked = await worker!.evaluate(async (tag) => {
    interface WorkerScope {
      registration: ServiceWorkerRegistration
      NotificationEvent: new (type: string, init: { notification: Notification }) => Event
      dispatchEvent(event: Event): boolean
    }
    const scope = self as unknown as WorkerScope
    const [notification] = await scope.registration.getNotifications({ tag })
    if (!notification) return false
    scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification }))
    return true
  }, TAG)
  expect(clicked, 'a notification to click').toBe(true)
}

/**
 * Records what the worker passes to the Badging API (`navigator.setAppBadge`), still calling it: Chromium
 * shows no badge to read back here. Returns a reader of the counts set since.
 */
async function watchBadge(profile: Profile): Promise<() => Promise<number[]>> {
  const [worker] = profile.context.serviceWorkers()
  expect(worker, 'the app’s service worker').toBeDefined()
  const hasApi = await worker!.evaluate(() => {
    const scope = self as unknown as {
      navigator: { setAppBadge?: (count?: number) => Promise<void> }
      badgesSet: number[]
    }
    const original = scope.navigator.setAppBadge?.bind(scope.navigator)
    scope.badgesSet = []
    if (!original) return false
    Object.defineProperty(scope.navigator, 'setAppBadge', {
      configurable: true,
      value: (count?: number) => {
        scope.badgesSet.push(count ?? 0)
        return original(count)
      },
    })
    return true
  })
  expect(hasApi, 'the Badging API in the worker').toBe(true)
  return () => worker!.evaluate(() => (self as unknown as { badgesSet: number[] }).badgesSet)
}

describe('news while the app is closed', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await openProfile(baseURL)
  })
  afterEach(async () => {
    expect(await profile.close(), 'console errors and page errors').toEqual([])
  })

  it('one notification and a badge for new stories in a followed tag, none for other tags', async () => {
    expect(tag, 'a tag whose newest story is not the newest of all').toBeDefined()
    const { page } = await profile.open(`/tags/${tag.slug}`)
    await untilControlled(page)
    const cdp = await profile.context.newCDPSession(page)
    const registrationId = await workerRegistration(cdp)
    const sync = async () => {
      const before = (await workerState(page))?.checkedAt ?? null
      await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', {
        origin: new URL(baseURL).origin,
        registrationId,
        tag: TAG,
      })
      // The check ends by writing its record, with the time it checked: wait for a new one.
      await expect
        .poll(async () => (await workerState(page))?.checkedAt ?? null, { timeout: 10_000 })
        .not.toBe(before)
      return workerState(page)
    }

    // Follow the tag, open Following (every story there is now seen), and opt in.
    await frameReady(page)
    await page.getByRole('main').getByRole('button', { name: 'Follow', exact: true }).click()
    await page.goto('/following')
    const notifyMe = page.getByRole('button', { name: 'Notify me', exact: true })
    await notifyMe.click()
    await page.getByRole('button', { name: 'Turn off', exact: true }).waitFor()
    // Following the tag counts from now, after the demo's stories: the mirror has it.
    const newest = Date.parse(tag.items[0]!.published)
    await expect.poll(() => mirroredSeenUpTo(page)).toBeGreaterThanOrEqual(newest)

    // Nothing new in the tag; the site's newest story is in other tags only: no notification.
    expect(await sync()).toMatchObject({ badge: 0, failures: 0 })
    expect(await notifications(page)).toEqual([])

    // The reader last saw the tag before its newest story: that one is new. The app mirrors the change
    // when it next opens (on any page but Following, which would record a visit).
    await page.evaluate(
      ([key, seenUpTo]) => {
        const stored = JSON.parse(localStorage.getItem(key)!) as { stories: { seenUpTo: number }[] }
        stored.stories[0]!.seenUpTo = seenUpTo
        localStorage.setItem(key, JSON.stringify(stored))
      },
      [FOLLOWED_STORAGE_KEY, newest - 1] as const,
    )
    await page.goto('/')
    await frameReady(page)
    await expect.poll(() => mirroredSeenUpTo(page)).toBe(newest - 1)

    const badges = await watchBadge(profile)
    expect(await sync()).toMatchObject({ badge: 1, failures: 0 })
    await expect.poll(() => notifications(page)).toEqual([`1 new story in ${tag.name}`])
    // The count on the app's icon: the Badging API, called by the worker.
    expect(await badges()).toEqual([1])
    // A second check finds nothing fresh: still exactly one notification.
    await sync()
    expect(await notifications(page)).toHaveLength(1)

    // Opening it (the click the browser hands the worker) takes the app's open window to Following,
    // and the notification goes.
    expect(new URL(page.url()).pathname).toBe('/')
    await openNotification(profile)
    await page.waitForURL((url) => url.pathname === '/following')
    await h1(page).filter({ hasText: 'Following' }).waitFor()
    await expect.poll(() => notifications(page)).toEqual([])
  })

  it.each(variants)(
    'axe-core finds nothing on Notify me, off and on, in the $name',
    async (variant) => {
      const { page } = await profile.open()
      await withTheme(page, variant.theme)
      if (variant.textZoom) await doubleTextSize(page)
      await page.addInitScript(
        ([key, slug, name]) => {
          const entry = { kind: 'tags', slug, name, followedAt: 0, visitedAt: null, seenUpTo: 0 }
          localStorage.setItem(key, JSON.stringify({ version: 1, stories: [entry] }))
        },
        [FOLLOWED_STORAGE_KEY, tag.slug, tag.name] as const,
      )
      await profile.context.grantPermissions(['notifications'])
      await page.goto('/following')
      await frameReady(page)
      const notifyMe = page.getByRole('button', { name: 'Notify me', exact: true })
      await notifyMe.waitFor()
      expect(describeViolations(await axe(page).analyze()), 'Notify me, off').toEqual([])
      await notifyMe.click()
      await page.getByRole('button', { name: 'Turn off', exact: true }).waitFor()
      expect(describeViolations(await axe(page).analyze()), 'Notify me, on').toEqual([])
    },
  )
})
