import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { FOLLOWED_STORAGE_KEY } from '@/features/following/api/followed-topics'
import { browserSession } from './support/browser'
import { axe, describeViolations, doubleTextSize, variants, withTheme } from './support/axe'
import { frameReady } from './support/frame'
import { layoutShifts, recordLayoutShifts } from './support/layout-shifts'
import { busiest, data } from './support/site-data'
import { h1, listedSlugs } from '../../scripts/app-page'

/**
 * Following (issue 14): follow a topic on its page, see its stories on Following, unfollow; the counts of
 * stories new since the last visit; the follows shared to a fresh browser; axe-core on the page.
 */
const browser = browserSession()
const tag = busiest('tags')
const section = busiest('sections')
const tagStories = data.listing('tags', tag.slug).items

const inMain = (page: Page) => page.getByRole('main')
const topicList = (page: Page) => page.getByRole('list', { name: 'Topics you follow' })
const topicRow = (page: Page, name: string) =>
  topicList(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name, exact: true }) })

/** Opens a topic's page in `page` and presses Follow, waiting for the toggle to say so. */
async function follow(page: Page, path: string) {
  await page.goto(path)
  await frameReady(page)
  await inMain(page).getByRole('button', { name: 'Follow', exact: true }).click()
  await inMain(page).getByRole('button', { name: 'Following', exact: true }).waitFor()
}

/** Sets the stored seenUpTo of the first followed topic, as if the reader had last looked then. */
const setSeenUpTo = (page: Page, seenUpTo: number) =>
  page.evaluate(
    ([key, seenUpTo]) => {
      const stored = JSON.parse(localStorage.getItem(key)!) as { stories: { seenUpTo: number }[] }
      stored.stories[0]!.seenUpTo = seenUpTo
      localStorage.setItem(key, JSON.stringify(stored))
    },
    [FOLLOWED_STORAGE_KEY, seenUpTo] as const,
  )

describe('following a tag', () => {
  it('follows it on its page, shows its stories on Following, and unfollows it', async () => {
    const { page } = await browser.openFresh()
    await follow(page, `/tags/${tag.slug}`)
    expect(
      await inMain(page)
        .getByRole('button', { name: 'Following', exact: true })
        .getAttribute('aria-pressed'),
    ).toBe('true')

    await page.getByRole('banner').getByRole('link', { name: 'Following', exact: true }).click()
    await h1(page).filter({ hasText: 'Following' }).waitFor()
    await topicRow(page, tag.name).waitFor()
    // The tag's newest stories, newest first.
    await expect.poll(() => listedSlugs(page)).toEqual(tagStories.map((story) => story.slug))

    await topicRow(page, tag.name).getByRole('button', { name: 'Unfollow' }).click()
    await inMain(page).getByText('You do not follow any topics yet.').waitFor()
    expect(await page.evaluate((key) => localStorage.getItem(key), FOLLOWED_STORAGE_KEY)).toContain(
      '"stories":[]',
    )
  })

  it('counts the stories new since the last visit, then none on the next visit', async () => {
    const { page } = await browser.openFresh()
    await follow(page, `/tags/${tag.slug}`)
    // The demo's stories are all older than the follow: the last visit is set back to just before the
    // tag's third newest story, as if the reader had last looked then.
    const lastSeen = Date.parse(tagStories[2]!.published) - 1
    const expected = tagStories.filter((story) => Date.parse(story.published) > lastSeen).length
    expect(expected).toBeGreaterThanOrEqual(2)
    await setSeenUpTo(page, lastSeen)

    await page.goto('/following')
    await topicRow(page, tag.name).getByText(`${expected} new since your last visit`).waitFor()

    await page.reload()
    await topicRow(page, tag.name).getByText('Nothing new since your last visit').waitFor()
  })
})

const followingLink = (page: Page) =>
  page.getByRole('banner').getByRole('link', { name: /^Following/ })

/** The layout shifts that moved something in the header (the count's concern). */
const headerShifts = async (page: Page) =>
  (await layoutShifts(page)).filter((shift) => shift.sources.some((source) => source.inHeader))

/**
 * What the count's badge covers: each control of the header it overlaps, by name, and 'the page's edge'
 * when it reaches past the viewport. Empty when it sits clear of everything.
 */
const overlapsOfTheBadge = (page: Page) =>
  page.evaluate(() => {
    const badge = document.querySelector('header a[href="/following"] [aria-hidden="true"]')!
    const b = badge.getBoundingClientRect()
    const covered = [...document.querySelectorAll('header :is(a, button, input, select)')]
      .filter((control) => !control.contains(badge))
      .filter((control) => {
        const c = control.getBoundingClientRect()
        return b.left < c.right && c.left < b.right && b.top < c.bottom && c.top < b.bottom
      })
      .map(
        (control) =>
          control.getAttribute('aria-label') ??
          (control as HTMLSelectElement).labels?.[0]?.textContent ??
          control.textContent,
      )
    return b.right > document.documentElement.clientWidth
      ? [...covered, "the page's edge"]
      : covered
  })

describe("the header's count of new stories", () => {
  it('shows on the Following link when the app opens, moves nothing, and goes once Following is opened', async () => {
    const { page } = await browser.openFresh()
    await follow(page, `/tags/${tag.slug}`)
    // The reader last looked just before the tag's second newest story: it and the newest are new.
    const lastSeen = Date.parse(tagStories[1]!.published) - 1
    const expected = tagStories.filter((story) => Date.parse(story.published) > lastSeen).length
    expect(expected).toBeGreaterThanOrEqual(2)
    await setSeenUpTo(page, lastSeen)

    await recordLayoutShifts(page)
    await page.goto('/')
    await frameReady(page)
    const link = followingLink(page)
    await page
      .getByRole('banner')
      .getByRole('link', { name: `Following (${expected} new stories)`, exact: true })
      .waitFor()
    const badge = link.locator('[aria-hidden="true"]')
    expect(await badge.textContent()).toBe(String(expected))
    expect(await badge.isVisible()).toBe(true)
    // Out of the flow: the header does not move (its CLS is 0), and the badge covers nothing to press.
    expect(await headerShifts(page)).toEqual([])
    expect(await overlapsOfTheBadge(page)).toEqual([])
    // Where the header wraps (a phone, and 200 % text there) its rows touch: still clear of every control.
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await overlapsOfTheBadge(page)).toEqual([])
    await doubleTextSize(page)
    expect(await overlapsOfTheBadge(page)).toEqual([])
    await page.setViewportSize({ width: 1280, height: 800 })

    await link.click()
    await h1(page).filter({ hasText: 'Following' }).waitFor()
    await topicRow(page, tag.name).getByText(`${expected} new since your last visit`).waitFor()
    await expect.poll(() => followingLink(page).textContent()).toBe('Following')

    // The visit moved seenUpTo: the next time the app opens, the tag's page is read and nothing is new.
    await page.goto('/')
    await frameReady(page)
    await page.waitForLoadState('networkidle')
    expect(await followingLink(page).textContent()).toBe('Following')
    expect(await badge.count()).toBe(0)
  })
})

describe('Share follows', () => {
  it('gives a link that a fresh browser opens to follow the same topics, on confirm', async () => {
    const { page } = await browser.openFresh(undefined, {
      permissions: ['clipboard-read', 'clipboard-write'],
    })
    // Headless Chromium on Linux has no navigator.share; make sure of it whatever the platform.
    await page.addInitScript(() => {
      delete (Navigator.prototype as Partial<Navigator>).share
      delete (Navigator.prototype as Partial<Navigator>).canShare
    })
    await follow(page, `/tags/${tag.slug}`)
    await follow(page, `/sections/${section.slug}`)
    await page.goto('/following')
    await frameReady(page)
    await inMain(page).getByRole('button', { name: 'Share follows' }).click()
    await inMain(page).getByText('Link copied').waitFor()
    const link = await page.evaluate(() => navigator.clipboard.readText())
    expect(link).toBe(
      `${browser.baseURL}/following?follow=sections:${section.slug},tags:${tag.slug}`,
    )

    const other = await browser.openFresh()
    const url = new URL(link)
    await other.page.goto(url.pathname + url.search)
    const offer = other.page.getByRole('region', { name: 'Follow topics from a shared link' })
    await offer.getByRole('button', { name: 'Follow 2 topics' }).click()
    await topicRow(other.page, section.name).waitFor()
    await topicRow(other.page, tag.name).waitFor()
    await expect.poll(() => other.page.url()).toBe(`${browser.baseURL}/following`)
    expect(await offer.count()).toBe(0)
  })
})

/** The follows on the device before the app starts: the busiest tag, last seen long ago. */
const withFollows = (page: Page) =>
  page.addInitScript(
    ([key, topic]) => {
      const entry = { ...topic, kind: 'tags', followedAt: 0, visitedAt: null, seenUpTo: 0 }
      localStorage.setItem(key, JSON.stringify({ version: 1, stories: [entry] }))
    },
    [FOLLOWED_STORAGE_KEY, { slug: tag.slug, name: tag.name }] as const,
  )

const states = [
  {
    name: 'nothing followed',
    path: '/following',
    ready: (page: Page) => inMain(page).getByText('You do not follow any topics yet.').waitFor(),
  },
  {
    name: 'a tag followed',
    path: '/following',
    arrange: withFollows,
    ready: (page: Page) => page.locator('main article h2 a').first().waitFor(),
  },
  {
    name: 'a shared link offered',
    path: `/following?follow=tags:${tag.slug},tags:no-such-tag`,
    ready: (page: Page) => inMain(page).getByRole('button', { name: 'Follow 1 topic' }).waitFor(),
  },
  {
    name: 'a shared link whose check failed',
    path: `/following?follow=tags:${tag.slug}`,
    // The failure is the state: the browser logs each failed request.
    allowedError: /status of 503 .*\/api\/site\.json/,
    arrange: (page: Page) =>
      page.route('**/api/site.json', (route) => route.fulfill({ status: 503, body: 'down' })),
    ready: (page: Page) =>
      inMain(page)
        .getByRole('alert')
        .filter({ hasText: 'The topics in the link could not be checked' })
        .waitFor(),
  },
  {
    name: "the header's count of new stories (home)",
    path: '/',
    arrange: withFollows,
    ready: (page: Page) =>
      page
        .getByRole('banner')
        .getByRole('link', { name: /^Following \(\d+ new stories\)$/ })
        .waitFor(),
  },
  {
    name: 'a removed topic followed',
    path: '/following',
    allowedError: /status of 404 .*\/api\/lists\/tags\/no-such-tag\/1\.json/,
    arrange: (page: Page) =>
      page.addInitScript((key) => {
        const entry = { kind: 'tags', slug: 'no-such-tag', name: 'Gone', followedAt: 0 }
        const stored = { ...entry, visitedAt: null, seenUpTo: 0 }
        localStorage.setItem(key, JSON.stringify({ version: 1, stories: [stored] }))
      }, FOLLOWED_STORAGE_KEY),
    ready: (page: Page) => inMain(page).getByText('This topic no longer exists.').waitFor(),
  },
]

describe('axe-core finds nothing on Following', () => {
  describe.each(variants)('in the $name', (variant) => {
    it.each(states)('with $name', async (state) => {
      const opened = await browser.openFresh(undefined, { colorScheme: 'light' })
      const { page } = opened
      if (state.allowedError) opened.allowConsoleError(state.allowedError)
      await withTheme(page, variant.theme)
      if (variant.textZoom) await doubleTextSize(page)
      await state.arrange?.(page)
      await page.goto(state.path)
      await frameReady(page)
      await state.ready(page)
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(variant.theme)
      expect(describeViolations(await axe(page).analyze()), `axe-core on ${state.path}`).toEqual([])
    })
  })
})
