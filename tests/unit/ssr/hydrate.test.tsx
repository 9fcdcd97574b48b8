import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { onlineManager } from '@tanstack/react-query'
import { afterEach, beforeAll, describe, expect, inject, onTestFinished, test, vi } from 'vitest'
import { readPageData } from '@/app/start/page-data'
import { PAGES_CACHE } from '@/features/pwa/cache-names'
import { startClient, type StartedApp } from '@/app/start/start-client'
import { createPrerenderer, type Prerenderer } from '@/entry-server'

/**
 * The browser's side of prerendering, in jsdom with React's development build, which reports every
 * hydration mismatch (text or attribute) as a console error, and any console error fails a test.
 */
let prerenderer: Prerenderer
let started: StartedApp | undefined

beforeAll(async () => {
  const template = await readFile(path.resolve(import.meta.dirname, '../../../index.html'), 'utf8')
  prerenderer = createPrerenderer({ template, apiDir: inject('fixtureApiDir') })
})

afterEach(() => {
  if (started) {
    act(() => started!.root.unmount())
    started.router.dispose()
    started.queryClient.clear()
    started = undefined
  }
  document.head.innerHTML = ''
  document.body.innerHTML = ''
  window.history.replaceState(null, '', '/')
})

/** Loads a prerendered document into jsdom at `url`, as a browser would receive it. */
async function arriveAt(url: string, html?: string) {
  const rendered = new DOMParser().parseFromString(
    html ?? (await prerenderer.render(url)),
    'text/html',
  )
  document.head.innerHTML = rendered.head.innerHTML
  document.body.innerHTML = rendered.body.innerHTML
  window.history.replaceState(null, '', url)
  return document.getElementById('root')!
}

async function start(container: HTMLElement) {
  await act(async () => {
    started = await startClient(container)
  })
  return started!
}

describe('a prerendered page in the browser', () => {
  test('hydrates without a mismatch: React adopts the HTML it finds instead of replacing it', async () => {
    const root = await arriveAt('/articles/first-story')
    const heading = root.querySelector('h1')!
    const paragraph = root.querySelector('.article-body p')!
    expect(heading.textContent).toBe('The first story')

    const app = await start(root)

    expect(app.hydrated).toBe(true)
    // Once live, dates switch to the reader's form ("… ago"), proof that React has taken over.
    await waitFor(() =>
      expect(root.querySelector('time')?.textContent).toMatch(/ago|yesterday|last /),
    )
    expect(root.querySelector('h1')).toBe(heading)
    expect(root.querySelector('.article-body p')).toBe(paragraph)
    expect(root.querySelector('[role="status"][aria-label^="Loading"]')).toBeNull()
  })

  test('starts with the query cache the build rendered from: its data, as old as the page', async () => {
    const root = await arriveAt('/articles/first-story')
    const page = readPageData(document)!
    expect(page.queries.queries.length).toBeGreaterThan(0)

    const app = await start(root)

    for (const { queryKey, state, dehydratedAt } of page.queries.queries) {
      // The build writes no time of its own: it would change every page on every build (decision 021).
      expect([state.dataUpdatedAt, dehydratedAt]).toEqual([0, 0])
      const query = app.queryClient.getQueryState(queryKey)
      expect(query?.status, JSON.stringify(queryKey)).toBe('success')
      // Online, the page just came from the server: its data counts as fetched when it was asked for.
      expect(query?.dataUpdatedAt).toBe(Math.round(performance.timeOrigin))
      expect(app.queryClient.getQueryData(queryKey)).toEqual(state.data)
    }
  })

  test("offline, the page's data is as old as the service worker's copy of it", async () => {
    const cachedAt = Date.now() - 2 * 60 * 60_000
    const match = vi.fn(
      async () => new Response('', { headers: { date: new Date(cachedAt).toUTCString() } }),
    )
    vi.stubGlobal('caches', { match })
    onTestFinished(() => {
      vi.unstubAllGlobals()
    })
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    onlineManager.setOnline(false)
    onTestFinished(() => onlineManager.setOnline(true))
    const root = await arriveAt('/articles/first-story')
    const page = readPageData(document)!

    const app = await start(root)

    expect(match).toHaveBeenCalledWith('/articles/first-story', { cacheName: PAGES_CACHE })
    for (const { queryKey } of page.queries.queries) {
      // The header's time, to the second.
      expect(app.queryClient.getQueryState(queryKey)?.dataUpdatedAt).toBe(
        Math.floor(cachedAt / 1000) * 1000,
      )
    }
  })

  test('a listing hydrates too, its controls included', async () => {
    const root = await arriveAt('/sections/world')
    const firstCard = root.querySelector('main article')!

    await start(root)

    await waitFor(() => expect(root.querySelector('time')?.textContent).toMatch(/ago|last /))
    expect(root.querySelector('main article')).toBe(firstCard)
    expect(screen.getByRole('combobox', { name: 'Filter by tag' })).toBeInTheDocument()
  })

  test('then runs as a single-page app, and drops the head tags of the page it left', async () => {
    const root = await arriveAt('/articles/first-story')
    const app = await start(root)
    await waitFor(() => expect(root.querySelector('time')?.textContent).toMatch(/ago|last /))
    expect(document.head.querySelector('link[rel="canonical"]')).not.toBeNull()

    await userEvent.click(screen.getAllByRole('link', { name: 'Alpha' })[0]!)

    await waitFor(() => expect(app.router.state.location.pathname).toBe('/tags/alpha'))
    await screen.findByRole('heading', { level: 1, name: 'Alpha' })
    await waitFor(() => expect(document.title).toBe('Alpha – Newsroom'))
    expect(document.head.querySelector('link[rel="canonical"]')).toBeNull()
    expect(document.head.querySelector('meta[property^="og:"]')).toBeNull()
    expect(document.head.querySelector('script[type="application/ld+json"]')).toBeNull()
  })

  test('a page rendered for another URL is not hydrated: the app renders this one from scratch', async () => {
    // What a host that answers every unknown URL with the prerendered home page would send.
    const root = await arriveAt('/page/2', await prerenderer.render('/'))

    const app = await start(root)

    expect(app.hydrated).toBe(false)
    await screen.findByRole('region', { name: 'Stories, page 2' })
  })

  test('the app shell, with no page in it, renders the route', async () => {
    const template = await readFile(
      path.resolve(import.meta.dirname, '../../../index.html'),
      'utf8',
    )
    const root = await arriveAt('/articles/second-story', template)
    expect(root.childElementCount).toBe(0)

    const app = await start(root)

    expect(app.hydrated).toBe(false)
    await screen.findByRole('heading', { level: 1, name: 'The second story' })
  })
})
