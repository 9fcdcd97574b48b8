import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { launchBrowser, watchForProblems } from './support/browser'

/**
 * Every browser test fails on a console error or page error it did not declare (browserSession's
 * afterEach, a Profile's close()). This file checks that promise twice: the check itself, on a real
 * page outside any session (so what it catches here fails nothing), and the test files, each of which
 * must open its pages through that check.
 */
describe('the console check', () => {
  const baseURL = inject('baseURL')
  let browser: Browser
  let context: BrowserContext
  let page: Page
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async () => {
    context = await browser.newContext({ baseURL })
    page = await context.newPage()
  })
  afterEach(async () => {
    await context.close()
  })

  /** A watched page, at a same-origin JSON file (no app, so nothing but what the test provokes). */
  async function watched() {
    const watch = watchForProblems(page)
    await page.goto('/api/site.json')
    return watch
  }
  const settle = () => page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)))

  it('passes a page with no errors (a warning or a log is not an error)', async () => {
    const watch = await watched()
    await page.evaluate(() => {
      console.log('a log')
      console.warn('a warning')
    })
    await settle()
    expect(watch.problems()).toEqual([])
  })

  it('fails on an unexpected console.error', async () => {
    const watch = await watched()
    await page.evaluate(() => console.error('Something went wrong in a component'))
    await settle()
    expect(watch.problems()).toEqual([
      expect.stringMatching(/^console error: Something went wrong in a component/),
    ])
  })

  it('fails on an uncaught exception and on an unhandled rejection', async () => {
    const watch = await watched()
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('thrown and not caught')
      })
      void Promise.reject(new Error('rejected and not handled'))
    })
    await settle()
    const problems = watch.problems().join('\n')
    expect(problems).toMatch(/uncaught in page: .*thrown and not caught/)
    expect(problems).toMatch(/rejected and not handled/)
  })

  it('fails on a resource that fails to load (Chromium reports it as a console error)', async () => {
    const watch = await watched()
    await page.evaluate(() => fetch('/api/no-such-file-strictness.json'))
    await settle()
    expect(watch.problems()).toEqual([expect.stringMatching(/404/)])
  })

  it('accepts a declared error, and fails when an expected one never happens', async () => {
    const watch = await watched()
    watch.expectConsoleError(/provoked on purpose/)
    watch.allowConsoleError(/tolerated if it happens/)
    watch.expectConsoleError(/never logged/)
    await page.evaluate(() => console.error('an error provoked on purpose'))
    await settle()
    expect(watch.problems()).toEqual(['expected console error never happened: /never logged/'])
  })

  it('still fails on an undeclared error beside declared ones', async () => {
    const watch = await watched()
    watch.allowConsoleError(/tolerated/)
    await page.evaluate(() => {
      console.error('tolerated')
      console.error('not declared')
    })
    await settle()
    expect(watch.problems()).toEqual([expect.stringMatching(/^console error: not declared/)])
  })
})

describe('every browser test goes through the check', () => {
  const dir = import.meta.dirname
  const files = readdirSync(dir).filter((f) => f.endsWith('.e2e.ts'))
  const source = (file: string) => readFileSync(path.join(dir, file), 'utf8')
  /** Opening a browser, a context or a page without support/browser.ts, which watches every page. */
  const UNWATCHED =
    /\b(?:launchBrowser|launchPersistentContext|newContext|newPage)\s*\(|chromium\.launch/
  const usesBrowser = (text: string) =>
    /from 'playwright-core'|from '\.\/support\/(browser|served-profile)'/.test(text)

  it('finds the test files', () => {
    expect(files.length).toBeGreaterThan(10)
  })

  it.each(files.filter((f) => f !== path.basename(import.meta.filename)))(
    '%s opens pages only through browserSession or a checked profile',
    (file) => {
      const text = source(file)
      if (!usesBrowser(text)) return // No browser at all (budgets, host configuration).
      expect(text, 'opens a browser, context or page of its own').not.toMatch(UNWATCHED)
      const session = /\bbrowserSession\(\)/.test(text)
      const profile = /\bopenProfile\(/.test(text)
      // servedProfile (support/served-profile.ts) opens, closes and checks its profiles itself.
      const served = /\bservedProfile\(/.test(text)
      expect(
        session || profile || served,
        'uses browserSession(), openProfile() or servedProfile()',
      ).toBe(true)
      // A profile reports its problems from close(): the file must assert they are none.
      if (profile) expect(text).toMatch(/toEqual\(\[\]\)/)
      if (profile) expect(text).toMatch(/\.close\(\)/)
    },
  )
})
