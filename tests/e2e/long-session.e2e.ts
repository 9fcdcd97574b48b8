import type { CDPSession, Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { h1, settled } from '../../scripts/app-page'
import { data } from './support/site-data'

/**
 * A long reading session: 500 in-app navigations across listings (home, later pages, sections, tags,
 * authors) and stories, by clicking the links a reader clicks, with the Back button now and then. Once
 * every page has been seen, the caches hold all there is: from then on memory must stay flat. A leak
 * per navigation (a listener never removed, a module list of rendered elements, a subscription per
 * page) grows with the count, and 500 makes even a small one stand out.
 */
const session = browserSession()

const NAVIGATIONS = 500
/** One step back in history every this many navigations. */
const BACK_EVERY = 7

/**
 * Bounds on growth between the two measurements, both taken on the home page after a full garbage
 * collection. Flat is not zero: the router's history keys, React's and Chromium's lazily grown pools
 * and the last saves in flight move the heap by a few hundred KB between runs. 3 MB over 500
 * navigations allows that noise, but not a leak of ~6 KB per navigation (one kept article element with
 * its subtree is far more). DOM nodes and listeners compare the same page, so a handful of nodes is
 * the most that may differ (a status message, a focus target); kept elements add hundreds.
 */
const MAX_HEAP_GROWTH_BYTES = 3 * 1024 * 1024
const MAX_NODE_GROWTH = 150
const MAX_LISTENER_GROWTH = 25

/** A small seeded generator, so a failure can be replayed path for path. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

/** Links to listings and stories, the pages this session walks. */
const WALKABLE =
  /^\/(?:$|page\/\d+$|(?:sections|tags|authors)\/[^/?#]+(?:\/page\/\d+)?$|articles\/)/

interface Memory {
  heap: number
  nodes: number
  listeners: number
  documents: number
}

async function measure(cdp: CDPSession): Promise<Memory> {
  // Twice: the first collection can leave garbage that only a finalizer released.
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  const counters = await cdp.send('Memory.getDOMCounters')
  return {
    heap: usedSize,
    nodes: counters.nodes,
    listeners: counters.jsEventListeners,
    documents: counters.documents,
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)

/** What is on screen, to tell when the next page has replaced it. */
const screenText = (page: Page) => page.evaluate(() => document.querySelector('main')?.innerText)

/** Waits for the page at `path` (or, with no path, any other page) to be on screen with its h1. */
async function arrived(page: Page, before: string | undefined, path?: string) {
  if (path !== undefined) {
    await page.waitForURL((url) => url.pathname + url.search === path)
  }
  await page.waitForFunction(
    (previous) => {
      const main = document.querySelector('main')
      return !!main && !!document.querySelector('h1') && main.innerText !== previous
    },
    before,
    { polling: 'raf' },
  )
  await h1(page).first().waitFor()
  await settled(page)
}

/** Clicks the first visible link to `path` and waits for the page it opens. */
async function follow(page: Page, path: string) {
  const before = await screenText(page)
  await page.locator(`a[href="${path}"]:visible`).first().click()
  await arrived(page, before, path)
}

/** The walkable links on screen, once each. */
function walkableLinks(page: Page): Promise<string[]> {
  return page.evaluate((pattern) => {
    const re = new RegExp(pattern)
    const hrefs = [...document.querySelectorAll<HTMLAnchorElement>('a[href^="/"]')]
      .filter((a) => a.offsetParent !== null)
      .map((a) => a.getAttribute('href') ?? '')
      .filter((href) => re.test(href) && href !== location.pathname + location.search)
    return [...new Set(hrefs)]
  }, WALKABLE.source)
}

it(`memory stays flat over ${NAVIGATIONS} navigations`, async () => {
  const { page } = await session.open('/')
  await h1(page).filter({ hasText: 'Latest stories' }).waitFor()
  // Set once: still there at the end means every navigation stayed inside the app (no reloads).
  await page.evaluate(() => ((window as unknown as { sessionMark: number }).sessionMark = 1))
  const started = Date.now()

  // Warm-up: every page of the latest stories, every story on them, and from each story its
  // author's and tags' pages; then every section. All through links, so every cache is full.
  const site = data.site()
  const expected = new Set([
    ...site.sections.filter((s) => s.count > 0).map((s) => `/sections/${s.slug}`),
    ...site.tags.filter((t) => t.count > 0).map((t) => `/tags/${t.slug}`),
    ...site.authors.filter((a) => a.count > 0).map((a) => `/authors/${a.slug}`),
  ])
  const visited = new Set<string>()
  const read = new Set<string>()
  const pageCount = data.latest(1).pageCount
  for (let n = 1; n <= pageCount; n++) {
    if (n > 1) await follow(page, `/page/${n}`)
    const onPage = (await walkableLinks(page)).filter((href) => href.startsWith('/articles/'))
    for (const story of onPage.filter((href) => !read.has(href))) {
      read.add(story)
      await follow(page, story)
      const named = (await walkableLinks(page)).filter(
        (href) => /^\/(tags|authors)\//.test(href) && !visited.has(href),
      )
      for (const listing of named) {
        visited.add(listing)
        await follow(page, listing)
        await back(page)
      }
      await back(page)
    }
  }
  for (const section of site.sections.filter((s) => s.count > 0)) {
    visited.add(`/sections/${section.slug}`)
    await follow(page, `/sections/${section.slug}`)
  }
  const stories = [...data.articlesById().values()].map((a) => `/articles/${a.slug}`)
  expect(
    stories.filter((href) => !read.has(href)),
    'stories never reached',
  ).toEqual([])
  expect(
    [...expected].filter((href) => !visited.has(href)),
    'listings never reached',
  ).toEqual([])
  const warmUpMs = Date.now() - started

  await home(page)
  const cdp = await page.context().newCDPSession(page)
  const before = await measure(cdp)

  const next = random(20_260_501)
  const walk = Date.now()
  const seen = { articles: 0, listings: 0, back: 0 }
  for (let step = 1; step <= NAVIGATIONS; step++) {
    if (step % BACK_EVERY === 0) {
      await back(page)
      seen.back++
      continue
    }
    const links = await walkableLinks(page)
    const articles = links.filter((href) => href.startsWith('/articles/'))
    const others = links.filter((href) => !href.startsWith('/articles/'))
    // Half stories, half listings, whatever the page offers more of.
    const pool = (next() < 0.5 && articles.length > 0) || others.length === 0 ? articles : others
    const href = pool[Math.floor(next() * pool.length)]!
    await follow(page, href)
    if (href.startsWith('/articles/')) seen.articles++
    else seen.listings++
  }
  const walkMs = Date.now() - walk

  await home(page)
  const after = await measure(cdp)
  expect(
    await page.evaluate(() => (window as unknown as { sessionMark?: number }).sessionMark),
  ).toBe(1)

  console.log(
    `heap after warm-up ${mb(before.heap)} MB, after ${NAVIGATIONS} navigations ${mb(after.heap)} MB; ` +
      `DOM nodes ${before.nodes} -> ${after.nodes}, listeners ${before.listeners} -> ${after.listeners}, ` +
      `documents ${before.documents} -> ${after.documents}; ` +
      `${seen.articles} stories, ${seen.listings} listings, ${seen.back} back; ` +
      `warm-up ${(warmUpMs / 1000).toFixed(1)} s (${read.size} stories, ${visited.size} listings), ` +
      `walk ${(walkMs / 1000).toFixed(1)} s (${Math.round(walkMs / NAVIGATIONS)} ms a navigation)`,
  )
  expect(seen.articles).toBeGreaterThan(NAVIGATIONS / 4)
  expect(seen.listings).toBeGreaterThan(NAVIGATIONS / 4)
  expect(after.heap - before.heap, 'JS heap growth, bytes').toBeLessThan(MAX_HEAP_GROWTH_BYTES)
  expect(after.nodes - before.nodes, 'DOM node growth').toBeLessThan(MAX_NODE_GROWTH)
  expect(after.listeners - before.listeners, 'event listener growth').toBeLessThan(
    MAX_LISTENER_GROWTH,
  )
  expect(after.documents, 'documents (frames) alive').toBeLessThanOrEqual(before.documents)
}, 180_000)

/** Home, by the masthead. */
async function home(page: Page) {
  if ((await page.evaluate(() => location.pathname)) === '/') return
  const before = await screenText(page)
  await page.getByRole('banner').getByRole('link', { name: 'Newsroom', exact: true }).click()
  await arrived(page, before, '/')
}

/** One step back in history, to whatever page that was. */
async function back(page: Page) {
  const before = await screenText(page)
  await page.goBack()
  await arrived(page, before)
}
