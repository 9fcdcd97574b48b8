import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Page, Route } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import type { Article, Block, ListingPage, Summary } from '@/features/articles/api/schemas'
import type { Site } from '@/features/site/api/schemas'
import { batches, hostileCases, SENTINEL, urlCases, type HostileCase } from '../utils/hostile/cases'
import { FIND_INJECTED_SOURCE } from '../utils/hostile/injected-markup'
import {
  hostileArticle,
  hostileSite,
  hostileSlug,
  hostileSummary,
  htmlBlock,
  textBlocks,
  urlBlocks,
} from '../utils/hostile/payloads'
import { loadSharedLists } from '../utils/hostile/shared-lists'
import { browserSession, type WatchedPage } from './support/browser'
import { h1, settled, storyLinks } from '../../scripts/app-page'
import { DIST } from '../../scripts/serve/nginx'
import { data, SEED } from './support/site-data'
import { escapeRegExp } from './support/escape-regexp'
import { layOutListing } from '../../scripts/api/listing-update.ts'

/**
 * Hostile strings in every field of real API responses (served by `page.route` in place of the built
 * API), read by Chromium under the CSP nginx sends: no payload may run, no error may surface, every
 * headline must read as text, and the reader must still be able to get around.
 */
const browser = browserSession()
const generated = hostileCases()
const shared = loadSharedLists()
const ran = { generated: 0, xss: 0, naughty: 0 }

/**
 * The built chunk that holds DOMPurify (found by one of its hook names, whatever the chunk is called):
 * CSP reports raised while it parses are told apart from reports raised by the page itself.
 */
const SANITIZER_CHUNK = (() => {
  const assets = path.join(DIST, 'assets')
  const chunk = readdirSync(assets).find(
    (file) =>
      file.endsWith('.js') &&
      readFileSync(path.join(assets, file), 'utf8').includes('afterSanitizeAttributes'),
  )
  if (!chunk) throw new Error(`No chunk in ${assets} holds DOMPurify: is the html block built?`)
  return chunk
})()

/** A 1×1 transparent GIF: the answer to every image request a payload makes. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

interface HostilePage extends WatchedPage {
  /** Every call of the sentinel, from any frame: each is a payload that ran. */
  calls: unknown[][]
  /** alert/prompt/confirm dialogs: a payload that ran past the sentinel rewrite. */
  dialogs: string[]
  /** The hostile listing's pages 2, 3, …, as the reader must see them. */
  listings: Map<number, ListingPage>
  /** The files that serve it: the latest stories' head and chunks (docs/api.md, "Listings"). */
  listingFiles: Map<string, unknown>
  articles: Map<string, Article>
  /** site.json, when the test replaces it. */
  site?: Site
}

/** A new reader whose API answers with the hostile listings and articles put in its maps. */
async function openHostile(): Promise<HostilePage> {
  // No service worker: it would fetch the API itself, past page.route.
  const watched = await browser.openFresh(undefined, { serviceWorkers: 'block' })
  const { page } = watched
  // The CSP turning away a payload's http: image is the policy at work, not a fault.
  watched.allowConsoleError(/(Refused to load|Loading) the image .*violates .*img-src/)
  // Chromium holds the inert document DOMPurify parses into to the page's CSP and Trusted Types, and
  // reports each handler, style, <base> or <script> in it as a violation though nothing there can run
  // (cure53/DOMPurify#107). Only reports from the sanitizer's own chunk are let through: the sentinel,
  // the dialogs and the injected-markup check tell whether anything ran.
  watched.allowConsoleError(
    new RegExp(
      `(violates the following Content Security Policy|requires 'TrustedScript').*\\(http://[^)]+/assets/${escapeRegExp(SANITIZER_CHUNK)}\\)$`,
    ),
  )
  // The same inert document asks for a <track default>'s captions; the CSP blocks it, and reports it
  // later, against the page (no <track> or <video> ever reaches the page: findInjected checks).
  watched.allowConsoleError(/Loading media from .* violates the following Content Security Policy/)
  const hostile: HostilePage = {
    ...watched,
    calls: [],
    dialogs: [],
    listings: new Map(),
    listingFiles: new Map(),
    articles: new Map(),
  }
  // A binding rather than a page function: it exists in every frame, even a sandboxed data: one.
  await page.exposeBinding(SENTINEL, (_source, ...args: unknown[]) => void hostile.calls.push(args))
  page.on('dialog', (dialog) => {
    hostile.dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss()
  })
  const origin = new URL(browser.baseURL).origin
  // Payloads point images at other hosts; the test machine has no network to send them to.
  await page.route(
    (url) => url.origin !== origin,
    (route) => route.fulfill({ contentType: 'image/gif', body: GIF }),
  )
  await page.route('**/api/**', (route) => serveApi(route, hostile))
  return hostile
}

function serveApi(route: Route, hostile: HostilePage) {
  const file = new URL(route.request().url()).pathname.replace(/^\/api\//, '')
  const listing = hostile.listingFiles.get(file)
  if (listing) return route.fulfill({ json: listing })
  if (file === 'site.json' && hostile.site) return route.fulfill({ json: hostile.site })
  const article = hostile.articles.get(file.replace(/^articles\/|\.json$/g, ''))
  if (article && file.startsWith('articles/')) return route.fulfill({ json: article })
  // Payload image paths resolve under /api/ too: a picture, not a 404 in the console.
  if (!file.endsWith('.json')) return route.fulfill({ contentType: 'image/gif', body: GIF })
  return route.fallback()
}

const baseSummary = (): Summary =>
  data.latest(1).items.find((s) => s.image) ?? data.latest(1).items[0]!
const baseArticle = () => data.article(SEED.slug)

/** Listing pages 2, 3, … of the latest stories, `perPage` cases each (page 1 is prerendered). */
function addListings(hostile: HostilePage, cases: readonly HostileCase[], perPage: number) {
  const base = baseSummary()
  const pages = batches(cases, perPage)
  pages.forEach((batch, i) => {
    // An analysis has a label after its section's name: what a right-to-left name could reorder.
    const items = batch.map((c, j) => ({
      ...hostileSummary(base, c, 10_000_000 - i * perPage - j),
      kind: 'analysis' as const,
    }))
    hostile.listings.set(i + 2, {
      page: i + 2,
      pageCount: pages.length + 1,
      pageSize: perPage,
      total: cases.length + perPage,
      items,
    })
    // Each story opens, with the case in every field of it too.
    for (const c of batch) hostile.articles.set(hostileSlug(c), hostileArticle(baseArticle(), c))
  })
  // Served as the API lays a listing out: page 1 (plain copies of the base story, never shown) and the
  // hostile pages, in a head and chunks.
  const firstPage = Array.from({ length: perPage }, (_, j) => ({ ...base, id: 20_000_000 - j }))
  const stories = [...firstPage, ...[...hostile.listings.values()].flatMap((p) => p.items)]
  const byId = new Map(stories.map((story) => [story.id, story]))
  const ids = stories.map((story) => story.id)
  const { head, chunks } = layOutListing('lists/latest', ids, (id) => byId.get(id)!, perPage)
  hostile.listingFiles.set('lists/latest/1.json', head)
  for (const [file, chunk] of chunks) hostile.listingFiles.set(file, chunk)
  return pages.length
}

/** Stories whose bodies hold `perStory` cases each: as text in every block, as HTML, as URLs. */
function addBodies(
  hostile: HostilePage,
  cases: readonly HostileCase[],
  perStory: number,
  tag: string,
) {
  const base = baseArticle()
  return batches(cases, perStory).map((batch, i) => {
    const slug = `hostile-${tag}-${i + 1}`
    const body: Block[] = batch.flatMap((c) => [
      ...textBlocks(c.value),
      htmlBlock(c.value),
      { type: 'paragraph', content: [{ type: 'text', text: `After case ${c.id}` }] },
    ])
    hostile.articles.set(slug, {
      ...base,
      slug,
      headline: `Hostile body ${tag} ${i + 1}`,
      body,
    })
    return { slug, count: batch.length }
  })
}

/**
 * CDP carries text as UTF-8, where a lone surrogate becomes U+FFFD: strings are compared after the
 * same replacement on both sides.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const wellFormed = (text: string) => text.replace(new RegExp(LONE_SURROGATE, 'g'), '\uFFFD')
/** A headline as the page shows it: the schemas remove bidirectional isolate controls from it. */
const shownHeadline = (text: string) => wellFormed(text).replace(/[\u2066-\u2069]/g, '')

/** What the page shows, measured in one round trip. */
async function measure(page: Page) {
  const injected = await page.evaluate<string[]>(`(${FIND_INJECTED_SOURCE})(document.body)`)
  const layout = await page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    headlines: [...document.querySelectorAll('main article h2 a')].map((a) => a.textContent ?? ''),
    // Headlines made only of spaces, controls, invisible characters and marks with no letter to sit
    // on have nothing to show.
    hidden: [...document.querySelectorAll('main article h2 a')]
      .filter((a) => /[^\s\p{Cc}\p{Cf}\p{Z}\p{M}]/u.test(a.textContent ?? ''))
      .filter(
        (a) => a.getBoundingClientRect().height === 0 || a.getBoundingClientRect().width === 0,
      )
      .map((a) => a.getAttribute('href')),
    alerts: [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent ?? ''),
    // The page's own "· Analysis" must stay after the section's name on a one-line kicker, whatever
    // right-to-left characters the name holds.
    reordered: [...document.querySelectorAll('main article > div > p:first-child')]
      .filter((kicker) => {
        // Bidi text splits an inline into several boxes: every box of the label must follow every
        // box of the name, when the kicker fits on one line.
        // (A literal isolate control, U+2066–U+2069, would close Chromium's isolate early whatever
        // the markup: the schemas remove them from names, src/lib/visible-text.ts.)
        const name = [...(kicker.querySelector('a')?.getClientRects() ?? [])]
        const label = [...(kicker.querySelector('span')?.getClientRects() ?? [])]
        const boxes = [...name, ...label]
        if (!name.length || !label.length || boxes.some((box) => box.top !== boxes[0]!.top)) {
          return false
        }
        return (
          Math.min(...label.map((box) => box.left)) < Math.max(...name.map((box) => box.right)) - 1
        )
      })
      .map((kicker) => kicker.querySelector('a')?.textContent ?? ''),
    // The innermost elements that reach past the window's right edge: what pushes the page wide.
    // (Not those inside a scrolling box, such as the section menu: that box is what scrolls.)
    tooWide: [...document.querySelectorAll('body *')]
      .filter((el) => {
        const edge = document.documentElement.clientWidth + 1
        if (el.getBoundingClientRect().right <= edge) return false
        if ([...el.children].some((child) => child.getBoundingClientRect().right > edge))
          return false
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
          if (getComputedStyle(up).overflowX !== 'visible') return false
        }
        return true
      })
      .slice(0, 5)
      .map(
        (el) => `<${el.localName} class="${el.className}">${(el.textContent ?? '').slice(0, 40)}`,
      ),
  }))
  return { injected, ...layout }
}

/** Nothing ran, nothing was injected, nothing failed, and the page is no wider than the window. */
async function expectSafe(hostile: HostilePage, where: string) {
  const { injected, overflow, alerts, tooWide, reordered } = await measure(hostile.page)
  expect(hostile.calls, `${where}: payloads that ran`).toEqual([])
  expect(hostile.dialogs, `${where}: dialogs`).toEqual([])
  expect(injected, `${where}: injected markup`).toEqual([])
  expect(alerts, `${where}: errors shown`).toEqual([])
  expect(reordered, `${where}: section names that moved the text after them`).toEqual([])
  expect(
    overflow,
    `${where}: pixels wider than the window, by ${tooWide.join(' | ')}`,
  ).toBeLessThanOrEqual(0)
}

/** Reads listing pages 2… in order, each reached with "Older stories", checking every headline. */
async function readListings(hostile: HostilePage, pageCount: number) {
  const { page } = hostile
  await page.goto('/page/2')
  // The sentinel is wired up: a call from the page is recorded (then forgotten).
  await page.evaluate(`window.${SENTINEL}('self-check')`)
  expect(hostile.calls).toEqual([['self-check']])
  hostile.calls.length = 0
  for (let n = 2; n < pageCount + 2; n++) {
    const items = hostile.listings.get(n)!.items
    if (n > 2) await page.getByRole('link', { name: 'Older stories →' }).click()
    await page.waitForFunction(
      (href) => document.querySelector('main article h2 a')?.getAttribute('href') === href,
      `/articles/${items[0]!.slug}`,
    )
    await settled(page)
    await expectSafe(hostile, `listing page ${n}`)
    const { headlines, hidden } = await measure(page)
    expect(headlines.map(wellFormed)).toEqual(items.map((item) => shownHeadline(item.headline)))
    expect(hidden, `page ${n}: headlines with nothing on screen`).toEqual([])
  }
}

/** Opens each body story by its address and checks all of it rendered, safely. */
async function readBodies(hostile: HostilePage, stories: { slug: string; count: number }[]) {
  const { page } = hostile
  for (const { slug, count } of stories) {
    await page.goto(`/articles/${slug}`)
    await h1(page).waitFor()
    // Every HTML block is shown once the sanitizer has loaded and cleaned it.
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('.article-body .article-html').length === n &&
        !document.querySelector('.article-body [aria-busy="true"]'),
      count,
      { timeout: 20_000 },
    )
    await expectSafe(hostile, slug)
    // A block must not swallow what follows it (an unclosed comment, a <textarea>).
    const markers = await page.evaluate(
      () =>
        [...document.querySelectorAll('.article-body > p')].filter((p) =>
          p.textContent?.startsWith('After case '),
        ).length,
    )
    expect(markers, `${slug}: paragraphs after HTML blocks`).toBe(count)
  }
}

/** After all that, the reader still gets around: a story opens from the list, and back again. */
async function expectNavigationWorks(hostile: HostilePage) {
  const { page } = hostile
  await page.goto('/page/2')
  const first = hostile.listings.get(2)!.items[0]!
  await storyLinks(page).first().click()
  await page.waitForURL(`**/articles/${first.slug}`)
  // The list stays on screen until the story has loaded.
  await page.waitForFunction(
    ({ headline, loneSurrogate }) =>
      document
        .querySelector('h1')
        ?.textContent?.replace(new RegExp(loneSurrogate, 'g'), '\uFFFD') === headline,
    { headline: shownHeadline(first.headline), loneSurrogate: LONE_SURROGATE.source },
  )
  await expectSafe(hostile, `the story ${first.slug}`)
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Latest' })
    .click()
  await h1(page).filter({ hasText: 'Latest stories' }).waitFor()
  await settled(page)
  expect(await storyLinks(page).count()).toBeGreaterThan(0)
}

afterAll(() => {
  const lists = shared.present
    ? `${ran.xss} shared XSS payloads, ${ran.naughty} naughty strings ran`
    : shared.note
  console.info(`hostile content: ${ran.generated} generated cases ran; ${lists}`)
})

describe('hostile content in the browser', () => {
  it('the generated cases: in every field of listings and stories, and as URLs', async () => {
    const hostile = await openHostile()
    // Every section and tag name too: in the menu on every page, and in the tag filter of every listing.
    hostile.site = hostileSite(data.site(), generated)
    const pages = addListings(hostile, generated, 20)
    const bodies = addBodies(hostile, generated, 150, 'generated')
    // The bare URLs again, as the photos and links of one story.
    const urls = urlCases(generated)
    hostile.articles.set('hostile-urls', {
      ...baseArticle(),
      slug: 'hostile-urls',
      headline: 'Hostile URLs',
      body: urls.flatMap((c) => urlBlocks(c.value)),
    })
    await readListings(hostile, pages)
    await readBodies(hostile, bodies)
    await hostile.page.goto('/articles/hostile-urls')
    await h1(hostile.page).filter({ hasText: 'Hostile URLs' }).waitFor()
    await expectSafe(hostile, 'hostile-urls')
    await expectNavigationWorks(hostile)
    ran.generated = generated.length
  }, 90_000)

  it.runIf(shared.present)(
    `the shared XSS payload list and naughty strings (${shared.xss.length} + ${shared.naughty.length})`,
    async () => {
      const hostile = await openHostile()
      const all = [...shared.xss, ...shared.naughty]
      const pages = addListings(hostile, all, 200)
      const bodies = addBodies(hostile, all, 1_000, 'shared')
      await readListings(hostile, pages)
      await readBodies(hostile, bodies)
      await expectNavigationWorks(hostile)
      ran.xss = shared.xss.length
      ran.naughty = shared.naughty.length
    },
    180_000,
  )

  it.runIf(!shared.present)(`runs without ../shared/data (${shared.note})`, () => {
    expect(shared.xss).toEqual([])
  })
})
