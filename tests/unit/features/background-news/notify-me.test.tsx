import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { MIRROR_PATH } from '@/features/background-news/api/mirror'
import { isOptedIn, optInList } from '@/features/background-news/api/opt-in'
import { NotifyMe } from '@/features/background-news/components/notify-me'
import { FOLLOWING_CACHE } from '@/features/pwa/cache-names'
import { FakeCacheStorage } from '../saved/fake-cache-storage'

/**
 * Notify me on Following: permission asked only on a press, the periodic sync registered where the
 * browser has it (and said plainly where not), the follow list mirrored for the worker, Turn off undoing
 * it all, and the badge cleared when Following opens.
 */
const topics = [{ kind: 'tags', slug: 'climate', name: 'Climate', seenUpTo: 5 }]

function setUp({
  permission = 'granted',
  periodicSync = true,
}: { permission?: NotificationPermission; periodicSync?: boolean } = {}) {
  const storage = new FakeCacheStorage()
  vi.stubGlobal('caches', storage.asCacheStorage)
  const requestPermission = vi.fn(() => Promise.resolve(permission))
  vi.stubGlobal('Notification', { requestPermission })
  const tags: string[] = []
  const sync = {
    register: vi.fn((tag: string) => {
      tags.push(tag)
      return Promise.resolve()
    }),
    unregister: vi.fn((tag: string) => {
      tags.splice(tags.indexOf(tag), 1)
      return Promise.resolve()
    }),
    getTags: vi.fn(() => Promise.resolve([...tags])),
  }
  const registration = periodicSync ? { periodicSync: sync } : {}
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: { getRegistration: () => Promise.resolve(registration) },
  })
  const clearAppBadge = vi.fn(() => Promise.resolve())
  Object.defineProperty(navigator, 'clearAppBadge', { configurable: true, value: clearAppBadge })
  const mirror = async () =>
    (
      await (await storage.open(FOLLOWING_CACHE)).match(new URL(MIRROR_PATH, location.href).href)
    )?.json()
  return { requestPermission, sync, clearAppBadge, mirror }
}

beforeEach(() => optInList.write([]))
afterEach(() => {
  optInList.write([])
  vi.unstubAllGlobals()
  Reflect.deleteProperty(navigator, 'serviceWorker')
  Reflect.deleteProperty(navigator, 'clearAppBadge')
})

const button = (name: string) => screen.findByRole('button', { name })

describe('Notify me', () => {
  test('asks nothing until pressed, and clears the badge when Following opens', async () => {
    const { requestPermission, clearAppBadge } = setUp()
    render(<NotifyMe topics={topics} cacheName={FOLLOWING_CACHE} />)
    await button('Notify me')
    expect(screen.getByText(/One notification when the topics you follow/)).toBeInTheDocument()
    expect(requestPermission).not.toHaveBeenCalled()
    expect(clearAppBadge).toHaveBeenCalled()
  })

  test('pressed: asks permission, mirrors the list and registers the periodic sync', async () => {
    const { requestPermission, sync, mirror } = setUp()
    render(<NotifyMe topics={topics} cacheName={FOLLOWING_CACHE} />)
    await userEvent.click(await button('Notify me'))
    await button('Turn off')
    expect(requestPermission).toHaveBeenCalledTimes(1)
    expect(sync.register).toHaveBeenCalledWith('newsroom-following', {
      minInterval: 12 * 60 * 60 * 1000,
    })
    await screen.findByText(/checks the topics you follow about twice a day/)
    expect(isOptedIn()).toBe(true)
    expect(await mirror()).toMatchObject({
      version: 1,
      topics: [{ key: 'tags:climate', name: 'Climate', seenUpTo: 5 }],
      words: { one: '{count} new story in {names}' },
    })
  })

  test('says plainly when the browser has no periodic sync', async () => {
    setUp({ periodicSync: false })
    render(<NotifyMe topics={topics} cacheName={FOLLOWING_CACHE} />)
    await userEvent.click(await button('Notify me'))
    await screen.findByText(/this browser does not check in the background/)
    expect(isOptedIn()).toBe(true)
  })

  test('refused permission: not turned on, and says how to allow it', async () => {
    const { sync, mirror } = setUp({ permission: 'denied' })
    render(<NotifyMe topics={topics} cacheName={FOLLOWING_CACHE} />)
    await userEvent.click(await button('Notify me'))
    await screen.findByText(/Notifications are blocked for this site/)
    expect(isOptedIn()).toBe(false)
    expect(sync.register).not.toHaveBeenCalled()
    expect(await mirror()).toBeUndefined()
  })

  test('Turn off unregisters the sync and drops the mirror', async () => {
    const { sync, mirror } = setUp()
    render(<NotifyMe topics={topics} cacheName={FOLLOWING_CACHE} />)
    await userEvent.click(await button('Notify me'))
    await userEvent.click(await button('Turn off'))
    await button('Notify me')
    expect(sync.unregister).toHaveBeenCalledWith('newsroom-following')
    expect(isOptedIn()).toBe(false)
    await waitFor(async () => expect(await mirror()).toBeUndefined())
  })
})
