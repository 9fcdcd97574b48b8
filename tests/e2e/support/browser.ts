import {
  chromium,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  type Page,
} from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest'

/** Flags for Debian's Chromium in a container with no outside network (see the toolchain notes). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  })
}

/** A page under watch: its console errors and uncaught exceptions, and its requests to the API. */
export interface WatchedPage {
  page: Page
  /** Paths of every request this page made under /api/ (data and images), in order. */
  apiRequests: string[]
  /**
   * Declares a console error this test provokes on purpose (a 404 from the API, say). It must occur:
   * the test fails if it never shows up, as it fails on any error not declared.
   */
  expectConsoleError(pattern: RegExp): void
}

interface Watch extends WatchedPage {
  problems: () => string[]
}

function watch(page: Page): Watch {
  const errors: string[] = []
  const expected: { pattern: RegExp; seen: boolean }[] = []
  const apiRequests: string[] = []
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
  return {
    page,
    apiRequests,
    expectConsoleError: (pattern) => expected.push({ pattern, seen: false }),
    problems: () => [
      ...errors,
      ...expected
        .filter((e) => !e.seen)
        .map((e) => `expected console error never happened: ${e.pattern}`),
    ],
  }
}

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

  async function newContext(): Promise<BrowserContext> {
    if (!browser) throw new Error('the browser is not running')
    const created = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } })
    // Fail fast, well inside the test's own timeout, with the locator in the message.
    created.setDefaultTimeout(10_000)
    created.setDefaultNavigationTimeout(15_000)
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
    /** A page in a brand-new context: a new visitor with a cold cache, arriving at `path`. */
    openFresh: async (path?: string) => openIn(await newContext(), path),
  }
}
