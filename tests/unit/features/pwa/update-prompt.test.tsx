import { act, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, onTestFinished, test, vi } from 'vitest'
import type { RegisterSWOptions } from 'vite-plugin-pwa/types'
import {
  checkForUpdates,
  RELOAD_GUARD_MS,
  reloadOnNewController,
  resetReloadGuard,
} from '@/features/pwa/api/service-worker'
import { renderApp } from '../../../utils/render-app'

/**
 * vite-plugin-pwa's hook, replaced: the test plays the service worker's part (a new version waiting)
 * and sees what the app asks of it.
 */
const pwa = vi.hoisted(() => ({
  options: undefined as RegisterSWOptions | undefined,
  showNewVersion: () => {},
  updateServiceWorker: vi.fn(async (_reload?: boolean) => {}),
}))
vi.mock('virtual:pwa-register/react', async () => {
  const { useState } = await import('react')
  return {
    useRegisterSW(options: RegisterSWOptions) {
      pwa.options = options
      const needRefresh = useState(false)
      const offlineReady = useState(false)
      pwa.showNewVersion = () => {
        needRefresh[1](true)
        options.onNeedRefresh?.()
      }
      return { needRefresh, offlineReady, updateServiceWorker: pwa.updateServiceWorker }
    },
  }
})

beforeEach(() => {
  pwa.updateServiceWorker.mockClear()
})

const prompt = () => screen.getByRole('status', { name: 'App update' })

async function renderWithNewVersion() {
  const app = renderApp('/')
  await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
  // The prompt loads after the page is live (src/app/use-frame-extras.ts).
  expect(await screen.findByRole('status', { name: 'App update' })).toBeEmptyDOMElement()
  act(() => pwa.showNewVersion())
  return app
}

describe('the update prompt', () => {
  test('offers a new version politely: a live region with two buttons, not a dialog', async () => {
    await renderWithNewVersion()

    expect(within(prompt()).getByText('A new version of Newsroom is available.')).toBeVisible()
    expect(within(prompt()).getByRole('button', { name: 'Update' })).toBeVisible()
    expect(within(prompt()).getByRole('button', { name: 'Not now' })).toBeVisible()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()
    // The reader keeps reading: focus stays where it was.
    expect(document.body).toHaveFocus()
  })

  test('"Update" activates the waiting version', async () => {
    const { user } = await renderWithNewVersion()

    await user.click(screen.getByRole('button', { name: 'Update' }))

    expect(pwa.updateServiceWorker).toHaveBeenCalledWith(true)
    expect(within(prompt()).getByRole('button', { name: 'Updating…' })).toBeDisabled()
  })

  test('"Not now" hides the prompt and leaves the waiting version waiting', async () => {
    const { user } = await renderWithNewVersion()

    await user.click(screen.getByRole('button', { name: 'Not now' }))

    expect(prompt()).toBeEmptyDOMElement()
    expect(pwa.updateServiceWorker).not.toHaveBeenCalled()
  })

  test('listens, in every tab, for a new worker taking control, to reload onto it', async () => {
    const container = fakeContainer(true)
    const listen = vi.spyOn(container, 'addEventListener')
    Object.defineProperty(navigator, 'serviceWorker', { value: container, configurable: true })
    onTestFinished(() => {
      delete (navigator as { serviceWorker?: unknown }).serviceWorker
    })
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    await screen.findByRole('status', { name: 'App update' })

    expect(listen).toHaveBeenCalledWith('controllerchange', expect.any(Function))
    // The plugin's own reload (in the accepting tab only) is off: that listener reloads every tab.
    expect(pwa.options?.onNeedReload).toBeTypeOf('function')
  })
})

/** A ServiceWorkerContainer with or without a controller, whose controllerchange the test fires. */
function fakeContainer(controlled: boolean) {
  const target = new EventTarget()
  return Object.assign(target, {
    controller: controlled ? ({} as ServiceWorker) : null,
  }) as unknown as ServiceWorkerContainer
}

describe('reloadOnNewController', () => {
  beforeEach(() => {
    resetReloadGuard()
    sessionStorage.clear()
  })
  afterEach(() => {
    sessionStorage.clear()
  })

  test('reloads the tab once when a new worker takes control of it', () => {
    const container = fakeContainer(true)
    const reload = vi.fn()
    const stop = reloadOnNewController(container, reload)

    container.dispatchEvent(new Event('controllerchange'))
    container.dispatchEvent(new Event('controllerchange'))

    expect(reload).toHaveBeenCalledTimes(1)
    stop()
  })

  test('every tab listening reloads (each page has its own guard)', () => {
    const tabs = [fakeContainer(true), fakeContainer(true)]
    const reloads = tabs.map((container) => {
      resetReloadGuard()
      sessionStorage.clear()
      const reload = vi.fn()
      reloadOnNewController(container, reload)
      container.dispatchEvent(new Event('controllerchange'))
      return reload
    })
    expect(reloads.map((r) => r.mock.calls.length)).toEqual([1, 1])
  })

  test('does not reload a tab the worker controls for the first time', () => {
    const container = fakeContainer(false)
    const reload = vi.fn()
    reloadOnNewController(container, reload)

    container.dispatchEvent(new Event('controllerchange'))

    expect(reload).not.toHaveBeenCalled()
  })

  test('does not reload again right after reloading for an update (no reload loop)', () => {
    let now = 1_000_000
    const first = fakeContainer(true)
    const reload = vi.fn()
    reloadOnNewController(first, reload, () => now)
    first.dispatchEvent(new Event('controllerchange'))
    expect(reload).toHaveBeenCalledTimes(1)

    // The reloaded page: a new module instance, but the same tab's session storage.
    resetReloadGuard()
    const second = fakeContainer(true)
    reloadOnNewController(second, reload, () => now)
    now += 1_000
    second.dispatchEvent(new Event('controllerchange'))
    expect(reload).toHaveBeenCalledTimes(1)

    now += RELOAD_GUARD_MS
    second.dispatchEvent(new Event('controllerchange'))
    expect(reload).toHaveBeenCalledTimes(2)
  })

  test('stops listening when asked', () => {
    const container = fakeContainer(true)
    const reload = vi.fn()
    reloadOnNewController(container, reload)()

    container.dispatchEvent(new Event('controllerchange'))

    expect(reload).not.toHaveBeenCalled()
  })
})

describe('checkForUpdates', () => {
  test('asks for a new worker when the tab is shown again and when the network returns', () => {
    const update = vi.fn(() => Promise.resolve())
    checkForUpdates({ update } as unknown as ServiceWorkerRegistration)

    document.dispatchEvent(new Event('visibilitychange'))
    window.dispatchEvent(new Event('online'))

    expect(update).toHaveBeenCalledTimes(2)
  })
})
