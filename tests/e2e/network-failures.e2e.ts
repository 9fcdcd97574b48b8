import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { REQUEST_TIMEOUT_MS } from '@/lib/api-client'
import { browserSession, type WatchedPage } from './support/browser'
import { h1, listedHeadlines, settled, storyLinks } from '../../scripts/app-page'
import { busiest, data } from './support/site-data'
import { makeListingHead } from '../utils/factories'
import { untilNetworkQuiet } from './support/network'
import { quietPeriod } from './support/quiet'
import { escapeRegExp } from './support/escape-regexp'
import { connectionStatus } from './support/pwa'

/**
 * Every way the API can fail, injected with page.route, and what the reader sees: a clear message in the
 * part of the page that failed, the rest of the page still there, a Retry that recovers once the API is
 * back, a bounded number of requests, and no uncaught error. Service workers are blocked so that every
 * API request reaches page.route, as on a first visit (the offline tests cover the service worker).
 */
const browser = browserSession()

const section = busiest('sections')
const sectionApi = `/api/lists/sections/${section.slug}/1.json`
const lead = data.latest().items[0]!
const leadApi = `/api/articles/${lead.slug}.json`
const leadSectionApi = `/api/lists/sections/${lead.section.slug}/1.json`
const leadSectionName = data.site().sections.find((s) => s.slug === lead.section.slug)!.name

/** Chromium reports every failed load on the console: these are the API's, on purpose. */
const failedLoad = (status: number | string, path: string) =>
  new RegExp(`${status}.*${escapeRegExp(path)}`)

/** The home page, hydrated and idle, in a tab whose API requests all reach page.route. */
async function openHome(): Promise<WatchedPage> {
  const watched = await browser.openFresh(undefined, { serviceWorkers: 'block' })
  await watched.page.goto('/')
  await h1(watched.page).filter({ hasText: 'Latest stories' }).waitFor()
  await watched.page.waitForLoadState('networkidle')
  await settled(watched.page)
  return watched
}

const glob = (apiPath: string) => `**${apiPath}`
const requestsTo = ({ apiRequests }: WatchedPage, apiPath: string) =>
  apiRequests.filter((p) => p === apiPath).length

const sectionLink = (page: Page) =>
  page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: section.name, exact: true })

/** The page frame every failure must leave in place: the masthead and the section menu. */
async function expectFrame(page: Page) {
  expect(await page.getByRole('link', { name: 'Newsroom', exact: true }).isVisible()).toBe(true)
  expect(await sectionLink(page).isVisible()).toBe(true)
}

/** A navigation's failure: the route's error in the main content, with Retry. */
async function expectRouteFailure(page: Page, message: string, timeout?: number) {
  const main = page.getByRole('main')
  await main
    .getByRole('heading', { level: 1, name: 'This page could not be loaded' })
    .waitFor({ timeout })
  const alert = main.getByRole('alert')
  expect(await alert.textContent()).toContain(message)
  await expectFrame(page)
  return alert.getByRole('button', { name: 'Retry' })
}

/** The section's listing, loaded and on screen. */
async function expectSection(page: Page) {
  await h1(page).filter({ hasText: section.name }).waitFor()
  await storyLinks(page).first().waitFor()
  expect(await listedHeadlines(page)).toEqual(
    data.listing('sections', section.slug).items.map((s) => s.headline),
  )
  expect(await page.getByRole('alert').count()).toBe(0)
}

/**
 * Opens the section from the menu while its API fails as the test routed it: the route's error with
 * `message`, after `requests` requests. Returns the error's Retry button.
 */
async function failToOpenSection(home: WatchedPage, message: string, requests: number) {
  await sectionLink(home.page).click()
  const retry = await expectRouteFailure(home.page, message)
  expect(requestsTo(home, sectionApi)).toBe(requests)
  return retry
}

/** The API comes back, and the reader's Retry loads the section. */
async function recover({ page }: WatchedPage, retry: Locator) {
  await page.unrouteAll()
  await retry.click()
  await expectSection(page)
}

/**
 * Opens the lead story from the home page as a reader does: the pointer rests on the headline (which
 * prefetches the story) and then clicks. The story's page opens at once from the listing's summary.
 */
async function openLead(page: Page, expectedHeading = lead.headline) {
  const link = storyLinks(page).first()
  // The prefetch finishes before the click, so the two requests happen in a known order.
  const prefetched = page.waitForResponse((response) => response.url().endsWith(leadApi))
  await link.hover()
  await prefetched
  await link.click()
  await page.waitForURL(`/articles/${lead.slug}`)
  await h1(page).filter({ hasText: expectedHeading }).waitFor()
}

describe('the API failing', () => {
  it('HTTP 500 on a navigation: three requests, then the error in the main content; Retry recovers', async () => {
    const home = await openHome()
    const { page } = home
    home.expectConsoleError(failedLoad(500, sectionApi))
    await page.route(glob(sectionApi), (route) =>
      route.fulfill({ status: 500, body: 'Internal Server Error' }),
    )

    const retry = await failToOpenSection(
      home,
      "The newsroom's server answered with an error (500).",
      3,
    )
    await recover(home, retry)
    expect(requestsTo(home, sectionApi)).toBe(4)
  })

  it('503 with a short Retry-After: waits as told, then recovers by itself', async () => {
    const home = await openHome()
    const { page } = home
    home.expectConsoleError(failedLoad(503, sectionApi))
    const times: number[] = []
    await page.route(glob(sectionApi), (route) => {
      times.push(Date.now())
      return times.length <= 2
        ? route.fulfill({ status: 503, headers: { 'Retry-After': '2' }, body: 'Unavailable' })
        : route.continue()
    })

    await sectionLink(page).click()
    await expectSection(page)
    expect(times).toHaveLength(3)
    // Retry-After: 2 is honoured: a plain back-off would come back within 1 s, then within 2 s.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1_950)
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1_950)
  })

  it('429 with a long Retry-After: asks once and tells the reader when to come back', async () => {
    const home = await openHome()
    const { page } = home
    home.expectConsoleError(failedLoad(429, sectionApi))
    await page.route(glob(sectionApi), (route) =>
      route.fulfill({ status: 429, headers: { 'Retry-After': '120' }, body: 'Too Many Requests' }),
    )

    const retry = await failToOpenSection(
      home,
      'The newsroom is busy right now (429). Try again in about 2 minutes.',
      1,
    )
    // Nothing more while the reader reads the message: past the back-off of a retry (1 s, then 2 s).
    await quietPeriod(page, 2_500, 'a 429 asking to wait two minutes must not be retried meanwhile')
    expect(requestsTo(home, sectionApi)).toBe(1)
    await recover(home, retry)
  })

  it('404 for a story: "not found" in the main content, never retried', async () => {
    const home = await openHome()
    const { page } = home
    home.expectConsoleError(failedLoad(404, leadApi))
    await page.route(glob(leadApi), (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'not_found', path: leadApi }),
      }),
    )

    await openLead(page, 'Page not found')
    expect(await page.getByRole('main').textContent()).toContain('We could not find that story.')
    await expectFrame(page)
    // The query shows its error only once it has given up (a retried 500 shows it after three
    // requests), so the count is final once the page has nothing in flight.
    await untilNetworkQuiet(home)
    // The hover's prefetch and the click's request: neither retried.
    expect(requestsTo(home, leadApi)).toBe(2)
  })

  it(
    'no answer: the request is abandoned after the timeout and the reader told; Retry recovers',
    { timeout: 45_000 },
    async () => {
      const home = await openHome()
      const { page } = home
      // The request is never answered: the route is held until the app gives up on it.
      await page.route(glob(sectionApi), () => new Promise<void>(() => {}))

      const started = Date.now()
      await sectionLink(page).click()
      // While it waits, the page the reader was on stays, under a progress bar.
      await page.getByRole('progressbar', { name: 'Loading page' }).waitFor()
      expect(await h1(page).textContent()).toBe('Latest stories')
      expect(await storyLinks(page).count()).toBe(data.latest().items.length)

      const retry = await expectRouteFailure(
        page,
        'The newsroom is taking too long to answer.',
        REQUEST_TIMEOUT_MS + 5_000,
      )
      const elapsed = Date.now() - started
      expect(elapsed).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100)
      expect(elapsed).toBeLessThan(REQUEST_TIMEOUT_MS + 5_000)
      // A timeout is not retried: the reader has already waited long enough.
      expect(requestsTo(home, sectionApi)).toBe(1)

      await page.unrouteAll({ behavior: 'ignoreErrors' })
      await retry.click()
      await expectSection(page)
    },
  )

  it('a body cut off in the middle: the headline stays, the body says the data was bad; Retry recovers', async () => {
    const home = await openHome()
    const { page } = home
    const whole = JSON.stringify(data.article(lead.slug))
    await page.route(glob(leadApi), (route) =>
      route.fulfill({ contentType: 'application/json', body: whole.slice(0, whole.length / 2) }),
    )

    await openLead(page)
    const story = page.getByRole('main').locator('article')
    const alert = story.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain(
      'The newsroom sent something that is not valid data.',
    )
    // What the reader saw in the listing stays: the headline and summary.
    expect(await story.textContent()).toContain(lead.summary)
    // Bad data is not asked for again: the hover's prefetch and the click's request, that is all (the
    // error shows once the query has given up: final once nothing is in flight).
    await untilNetworkQuiet(home)
    expect(requestsTo(home, leadApi)).toBe(2)

    await page.unrouteAll()
    await alert.getByRole('button', { name: 'Retry' }).click()
    await expect.poll(() => story.getByRole('alert').count()).toBe(0)
    await settled(page)
    expect((await story.locator('p').count()) > 1).toBe(true)
    expect(requestsTo(home, leadApi)).toBe(3)
  })

  it('HTML where JSON was expected: says the data was bad; Retry recovers', async () => {
    const home = await openHome()
    const { page } = home
    await page.route(glob(sectionApi), (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>',
      }),
    )

    const retry = await failToOpenSection(
      home,
      'The newsroom sent something that is not valid data.',
      1,
    )
    await recover(home, retry)
  })

  it('from an API without related stories, JSON that fails the schema in the "More from" box: the box says so, the article stays', async () => {
    const home = await openHome()
    const { page } = home
    // A story as an API that computes no related stories sends it: the box below it asks for the
    // section's stories instead.
    const withoutRelated = { ...data.article(lead.slug), related: undefined }
    await page.route(glob(leadApi), (route) => route.fulfill({ json: withoutRelated }))
    await page.route(glob(leadSectionApi), (route) =>
      route.fulfill({ json: { page: 1, pageCount: 1, pageSize: 20, total: 1, items: 'none' } }),
    )

    await openLead(page)
    const box = page.getByRole('complementary', { name: `More from ${leadSectionName}` })
    const alert = box.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain(`More from ${leadSectionName} could not be loaded`)
    expect(await alert.textContent()).toContain('The newsroom sent data in an unexpected shape')
    // The story is whole: its body arrived, and the box's failure is the only one on the page.
    await settled(page)
    const story = page.getByRole('main').locator('article')
    expect(await story.getByRole('alert').count()).toBe(0)
    expect(await page.getByRole('alert').count()).toBe(1)
    expect(requestsTo(home, leadSectionApi)).toBe(1)

    await page.unroute(glob(leadSectionApi))
    await alert.getByRole('button', { name: 'Retry' }).click()
    await box.locator('li a').first().waitFor()
    expect(await box.getByRole('alert').count()).toBe(0)
    expect(await h1(page).textContent()).toBe(lead.headline)
  })

  it('an empty listing says there are no stories, not an empty grid', async () => {
    const home = await openHome()
    const { page } = home
    await page.route(glob(sectionApi), (route) => route.fulfill({ json: makeListingHead([], 20) }))

    await sectionLink(page).click()
    await h1(page).filter({ hasText: section.name }).waitFor()
    await page.getByRole('main').getByText('There are no stories here yet.').waitFor()
    expect(await storyLinks(page).count()).toBe(0)
    expect(await page.getByRole('alert').count()).toBe(0)
  })

  it('a slow but successful answer: the current page stays until the new one is ready', async () => {
    const home = await openHome()
    const { page } = home
    // The answer is held until the test lets it go: as slow as the checks need, no slower.
    let answer = () => {}
    const answered = new Promise<void>((resolve) => (answer = resolve))
    let asked = () => {}
    const reached = new Promise<void>((resolve) => (asked = resolve))
    await page.route(glob(sectionApi), async (route) => {
      asked()
      await answered
      await route.continue()
    })

    await sectionLink(page).click()
    await page.getByRole('progressbar', { name: 'Loading page' }).waitFor()
    await reached
    await quietPeriod(page, 1_500, 'a slow answer must not blank the page the reader is on')
    expect(await h1(page).textContent()).toBe('Latest stories')
    expect(await storyLinks(page).count()).toBe(data.latest().items.length)

    answer()
    await expectSection(page)
    expect(requestsTo(home, sectionApi)).toBe(1)
  })

  it('the network dropping mid-session: what is read stays, the reader is told, and it all comes back by itself', async () => {
    const home = await openHome()
    const { page } = home
    home.allowConsoleError(/ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED/)
    const before = await listedHeadlines(page)

    await page.context().setOffline(true)
    const status = connectionStatus(page)
    await expect.poll(() => status.textContent()).toContain('You are offline.')
    expect(await listedHeadlines(page)).toEqual(before)

    await sectionLink(page).click()
    await expectRouteFailure(page, 'The newsroom could not be reached. Check your connection.')
    // Offline, a failure is not retried.
    expect(requestsTo(home, sectionApi)).toBeLessThanOrEqual(1)

    await page.context().setOffline(false)
    // No click: the page that failed for want of a connection loads when it returns.
    await expectSection(page)
    await expect.poll(() => status.textContent()).not.toContain('You are offline.')
  })
})

describe('a dead API', () => {
  /**
   * Everything that makes requests by itself or on a whim, while every API request fails: the first
   * page's background refresh, hovering headlines (prefetch), the window regaining focus, the network
   * coming back, opening a story (its body, then, once that has failed and with it the story's related
   * stories, the "More from" box of its section), and then idling.
   */
  async function exercise(home: WatchedPage) {
    const { page } = home
    const links = storyLinks(page)
    const count = Math.min(6, await links.count())
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < count; i++) await links.nth(i).hover()
    }
    await page.mouse.move(0, 0)
    for (let i = 0; i < 5; i++) {
      await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')))
      await untilNetworkQuiet(home)
    }
    // The network goes, and comes back: each change reaches the page (its event) before the next.
    await switchNetwork(page, 'offline')
    await switchNetwork(page, 'online')
    await untilNetworkQuiet(home)
    await links.first().click()
    await page.waitForURL(`/articles/${lead.slug}`)
    // The story, or (once the connection check has found the newsroom unreachable) the offline page
    // naming it.
    await page.getByRole('main').getByText(lead.headline).first().waitFor()
    await page.mouse.move(0, 0)
    await idleAndComeBack(page, 5)
  }

  /**
   * The reader comes back to the tab and stays a second, `times` times. Idling is the point: retries,
   * back-offs and connection checks run on the app's own clock, and a dead API must not be asked again
   * and again meanwhile.
   */
  async function idleAndComeBack(page: Page, times: number) {
    for (let i = 0; i < times; i++) {
      await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')))
      await quietPeriod(page, 1_000, 'a reader idling: the app must not keep asking a dead API')
    }
  }

  /** Takes the browser off or on the network, and returns once the page has had the event saying so. */
  async function switchNetwork(page: Page, to: 'online' | 'offline') {
    const told = page.evaluate(
      (type) =>
        new Promise<void>((resolve) =>
          window.addEventListener(type, () => resolve(), { once: true }),
        ),
      to,
    )
    await page.context().setOffline(to === 'offline')
    await told
  }

  const dataRequests = (home: WatchedPage) => home.apiRequests.filter((p) => p.endsWith('.json'))

  /** The most requests any one API file got. */
  function mostForOneFile(home: WatchedPage): number {
    const counts = new Map<string, number>()
    for (const p of home.apiRequests) counts.set(p, (counts.get(p) ?? 0) + 1)
    return Math.max(0, ...counts.values())
  }

  it(
    'answering 500 to everything: a bounded number of requests, the article still readable',
    { timeout: 60_000 },
    async () => {
      const home = await openHome()
      const { page } = home
      home.allowConsoleError(/status of 500/)
      home.allowConsoleError(/ERR_INTERNET_DISCONNECTED/)
      const start = home.apiRequests.length
      await page.route('**/api/**', (route) => route.fulfill({ status: 500, body: 'down' }))
      const began = Date.now()

      await exercise(home)
      // And it has stopped. Once the story and its "More from" box both show their failure, every
      // retry has been spent (on a loaded machine the last backoff can outlast the exercise), so
      // another stretch of focus changes and idling must ask nothing more.
      const story = page.getByRole('main').locator('article')
      const box = page.getByRole('complementary', { name: `More from ${leadSectionName}` })
      await story.getByRole('alert').waitFor({ timeout: 15_000 })
      await box.getByRole('alert').waitFor({ timeout: 15_000 })
      const settledCount = home.apiRequests.length
      const elapsed = Date.now() - began
      const requests = dataRequests(home).slice(start)
      // Per file: a prefetch (1) and one fetch's attempts (3) at most. All told: one request per
      // headline hovered (6), the story and its "More from" box (3 each), and a little slack. Measured: 10-11.
      expect(mostForOneFile(home)).toBeLessThanOrEqual(4)
      expect(requests.length).toBeLessThanOrEqual(16)
      await idleAndComeBack(page, 4)
      await untilNetworkQuiet(home)
      expect(home.apiRequests.length).toBe(settledCount)
      console.info(
        `dead API (500): ${requests.length} data requests in ${Math.round(elapsed / 1000)} s, at most ${mostForOneFile(home)} for one file`,
        requests,
      )

      // The story's headline and summary stay, with the body's failure and the box's, each with Retry.
      expect(await story.textContent()).toContain(lead.summary)
      expect(await story.getByRole('alert').textContent()).toContain('(500)')
      expect(await box.getByRole('alert').textContent()).toContain('(500)')

      // When the API is back, the box's Retry brings the section's stories, and the story's Retry the
      // story, whose related stories then take the box's place.
      await page.unrouteAll()
      await box.getByRole('alert').getByRole('button', { name: 'Retry' }).click()
      await box.locator('li a').first().waitFor()
      await story.getByRole('alert').getByRole('button', { name: 'Retry' }).click()
      await expect.poll(() => page.getByRole('alert').count()).toBe(0)
      await page
        .getByRole('complementary', { name: 'Related stories' })
        .locator('li a')
        .first()
        .waitFor()
    },
  )

  it(
    'refusing every connection: the app goes quiet instead of asking again and again',
    { timeout: 60_000 },
    async () => {
      const home = await openHome()
      const { page } = home
      home.allowConsoleError(/ERR_CONNECTION_REFUSED|ERR_FAILED|ERR_INTERNET_DISCONNECTED/)
      const start = home.apiRequests.length
      await page.route('**/api/**', (route) => route.abort('connectionrefused'))
      const began = Date.now()

      await exercise(home)
      const elapsed = Date.now() - began
      const requests = home.apiRequests.slice(start)
      // Offline (the connection check failed), nothing is retried: one request per headline hovered,
      // the story and its box once each, the images, and the connection checks (5 s, 10 s, … apart).
      // Measured: 13-14.
      expect(mostForOneFile(home)).toBeLessThanOrEqual(5)
      expect(requests.length).toBeLessThanOrEqual(20)
      console.info(
        `dead API (refused): ${requests.length} requests (data and connection checks) in ${Math.round(elapsed / 1000)} s`,
        requests,
      )
      // The reader is told the newsroom cannot be reached, and the story's headline stays.
      const status = connectionStatus(page)
      await expect.poll(() => status.textContent()).toContain('You are offline.')
      expect(await page.getByRole('main').textContent()).toContain(lead.headline)

      await page.unrouteAll()
      // The reader comes back to the tab: the connection is checked at once, found, and the story
      // loads without a click. (The event as the browser sends it: at the document, bubbling up to the
      // window. The connection watch listens at the document, so the window-only events above, which
      // wake the queries' refetch on focus, never reached it.)
      await page.evaluate(() =>
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true })),
      )
      await expect.poll(() => status.textContent()).not.toContain('You are offline.')
      const story = page.getByRole('main').locator('article')
      await story.waitFor()
      await settled(page)
      expect(await page.getByRole('alert').count()).toBe(0)
      expect(await story.textContent()).toContain(lead.summary)
    },
  )
})
