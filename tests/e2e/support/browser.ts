import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type ConsoleMessage,
  type Page,
} from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest'
import { launchBrowser, launchOptions } from '../../../scripts/chromium'
import { trackRequests, type RequestTracker } from './network'

export { CHROMIUM_ARGS, launchBrowser } from '../../../scripts/chromium'

/** A page under watch: its console errors and uncaught exceptions, and its requests to the API. */
export interface WatchedPage {
  page: Page
  /** Paths of every request this page made under /api/ (data and images), in order. */
  apiRequests: string[]
  /** Every request of this page, from start to end: for waits until the network is quiet (network.ts). */
  requests: RequestTracker
  /** Every response this page got with a status of 400 or more, as `404 /assets/x.js`. */
  failedResponses: string[]
  /**
   * Declares a console error this test provokes on purpose (a 404 from the API, say). It must occur:
   * the test fails if it never shows up, as it fails on any error not declared.
   */
  expectConsoleError(pattern: RegExp): void
  /**
   * Declares a console error this test tolerates without requiring it: Chromium's own report of a
   * request that failed while the server is down, which it logs or not depending on timing.
   */
  allowConsoleError(pattern: RegExp): void
}

interface Watch extends WatchedPage {
  problems: () => string[]
}

function watch(page: Page): Watch {
  const errors: string[] = []
  const expected: { pattern: RegExp; seen: boolean; required: boolean }[] = []
  const apiRequests: string[] = []
  const failedResponses: string[] = []
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return
    const text = `console error: ${message.text()} (${message.location().url})`
    const match = expected.find((e) => e.pattern.test(text))
    if (match) match.seen = true
    else errors.push(text)
  })
  page.on('pageerror', (error) => errors.push(`uncaught in page: ${error.stack ?? error.message}`))
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname.startsWith('/api/')) apiRequests.push(url.pathname + url.search)
  })
  page.on('response', (response) => {
    if (response.status() >= 400) {
      failedResponses.push(`${response.status()} ${new URL(response.url()).pathname}`)
    }
  })
  return {
    page,
    requests: trackRequests(page),
    apiRequests,
    failedResponses,
    expectConsoleError: (pattern) => expected.push({ pattern, seen: false, required: true }),
    allowConsoleError: (pattern) => expected.push({ pattern, seen: false, required: false }),
    problems: () => [
      ...errors,
      ...expected
        .filter((e) => e.required && !e.seen)
        .map((e) => `expected console error never happened: ${e.pattern}`),
    ],
  }
}

/**
 * Watches a page as every session and profile does, and returns what it saw so far: `problems()` lists
 * what would fail the test. Exported for the guard test of the check itself (console-strictness.e2e.ts).
 */
export function watchForProblems(page: Page): WatchedPage & { problems: () => string[] } {
  return watch(page)
}

function limitTimeouts(context: BrowserContext) {
  // Fail fast, well inside the test's own timeout, with the locator in the message.
  context.setDefaultTimeout(10_000)
  context.setDefaultNavigationTimeout(15_000)
}

const VIEWPORT = { width: 1280, height: 800 }

/**
 * Registers the hooks of a browser test file and returns what its tests use. One Chromium per file;
 * every test gets a fresh context (no cache, storage or history from another test), and fails on any
 * console error or page error it did not declare.
 */
export function browserSession() {
  const baseURL = inject('baseURL')
  let browser: Browser | undefined
  let contexts: BrowserContext[] = []
  let watches: Watch[] = []
  let context: BrowserContext | undefined

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async () => {
    contexts = []
    watches = []
    context = await newContext()
  })
  afterEach(async () => {
    const problems = watches.flatMap((w) => w.problems())
    await Promise.all(contexts.map((c) => c.close()))
    context = undefined
    expect(problems, 'console errors and page errors').toEqual([])
  })

  async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    if (!browser) throw new Error('the browser is not running')
    const created = await browser.newContext({ baseURL, viewport: VIEWPORT, ...options })
    limitTimeouts(created)
    contexts.push(created)
    return created
  }

  async function openIn(target: BrowserContext, path?: string): Promise<WatchedPage> {
    const watched = watch(await target.newPage())
    watches.push(watched)
    if (path !== undefined) await watched.page.goto(path)
    return watched
  }

  return {
    baseURL,
    /** A page in this test's context, at `path` (relative to the server) when given. */
    open: (path?: string) => {
      if (!context) throw new Error('open() runs inside a test')
      return openIn(context, path)
    },
    /**
     * A page in a brand-new context: a new visitor with a cold cache, arriving at `path`; `options`
     * for that context (permissions, say).
     */
    openFresh: async (path?: string, options?: BrowserContextOptions) =>
      openIn(await newContext(options), path),
  }
}

/**
 * A browser profile kept on disk, as a reader's is: service workers, caches and IndexedDB survive
 * between pages and across restarts of the browser. Chromium only ever offers to install an app from
 * such a profile (never from an incognito-like context). Every page is watched like browserSession's.
 */
export interface Profile {
  context: BrowserContext
  /** A new tab, at `path` (relative to `baseURL`) when given. */
  open(path?: string): Promise<WatchedPage>
  /** Closes the browser and starts it again on the same profile: a cold start. */
  restart(): Promise<void>
  /** Closes the browser, deletes the profile, and returns the problems its pages saw. */
  close(): Promise<string[]>
}

export async function openProfile(
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<Profile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-profile-'))
  const watches: Watch[] = []
  const launch = async () => {
    const context = await chromium.launchPersistentContext(dir, {
      ...launchOptions,
      baseURL,
      viewport: VIEWPORT,
      ...options,
    })
    limitTimeouts(context)
    return context
  }
  const profile: Profile = {
    context: await launch(),
    async open(target) {
      const watched = watch(await profile.context.newPage())
      watches.push(watched)
      if (target !== undefined) await watched.page.goto(target)
      return watched
    },
    async restart() {
      await profile.context.close()
      profile.context = await launch()
    },
    async close() {
      await profile.context.close()
      await rm(dir, { recursive: true, force: true })
      return watches.flatMap((w) => w.problems())
    },
  }
  // A persistent context opens with one blank tab: close it, tests open their own.
  await Promise.all(profile.context.pages().map((p) => p.close()))
  return profile
}
