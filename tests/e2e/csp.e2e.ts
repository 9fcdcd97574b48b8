import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { h1, settled, storyLinks } from '../../scripts/app-page'
import { untilControlled } from './support/pwa'
import { quietPeriod } from './support/quiet'
import { data, SEED } from './support/site-data'

/**
 * The Content-Security-Policy and Trusted Types, in Chromium, with the headers nginx sends for the
 * configuration we ship (docs/decisions/010-sanitizing-and-csp.md): the policy is there on every kind of
 * page, the app works entirely under it, and what it forbids is really refused.
 */
const browser = browserSession()

/** The story whose body holds an html block (a table of figures), in content/articles. */
const HTML_STORY = 'calderport-marathon-draws-record-field'
const SHELL_PATH = '/page/2'
const pages = { home: '/', article: `/articles/${HTML_STORY}`, shell: SHELL_PATH }

type Policy = Map<string, string[]>

function parsePolicy(text: string): Policy {
  const policy: Policy = new Map()
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) policy.set(name.toLowerCase(), sources)
  }
  return policy
}

/** The policy's must-haves: no inline script, no eval, no other host's script, Trusted Types on. */
function expectStrict(policy: Policy) {
  expect(policy.get('default-src')).toEqual(["'self'"])
  expect(policy.get('script-src')).toEqual(["'self'"])
  expect(policy.get('style-src')).toEqual(["'self'"])
  expect(policy.get('object-src')).toEqual(["'none'"])
  expect(policy.get('base-uri')).toEqual(["'self'"])
  expect(policy.get('require-trusted-types-for')).toEqual(["'script'"])
  expect(policy.get('trusted-types')?.sort()).toEqual(['default', 'dompurify'])
  for (const [name, sources] of policy) {
    expect(sources, name).not.toContain("'unsafe-inline'")
    expect(sources, name).not.toContain("'unsafe-eval'")
    expect(sources, name).not.toContain('data:')
  }
}

/**
 * Records every `securitypolicyviolation` the page's documents report, from before the first script
 * runs (Playwright's init scripts are not subject to the page's policy).
 */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = []
    Object.defineProperty(window, '__violations', { value: seen })
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`.trim())
    })
  })
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)
}

const tableRows = (page: Page) => page.locator('main .article-html table tbody tr')

describe('the Content-Security-Policy', () => {
  it('is sent as a header, and carried by a meta tag, on a listing, a prerendered story and the shell', async () => {
    for (const [kind, path] of Object.entries(pages)) {
      const response = await fetch(browser.baseURL + path)
      expect(response.status, path).toBe(200)
      const header = response.headers.get('content-security-policy')
      expect(header, `${kind}: header`).toBeTruthy()
      const fromHeader = parsePolicy(header!)
      expectStrict(fromHeader)
      // Only a header can forbid framing; the meta tag cannot carry it.
      expect(fromHeader.get('frame-ancestors')).toEqual(["'none'"])
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')

      const html = await response.text()
      const metas = [
        ...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/g),
      ]
      expect(metas, `${kind}: one meta tag`).toHaveLength(1)
      const fromMeta = parsePolicy(metas[0]![1]!)
      expectStrict(fromMeta)
      // The same policy, less what a meta tag cannot say: a host sending one cannot loosen the other.
      fromHeader.delete('frame-ancestors')
      expect(fromMeta).toEqual(fromHeader)
      // Before anything that loads a resource, or it would not apply to it.
      expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.search(/<(script|link)\b/))
    }
    // The service worker's policy comes from its script's response: the same, without Trusted Types,
    // which would refuse Workbox's importScripts (a worker has no DOM for them to protect).
    const worker = await fetch(`${browser.baseURL}/sw.js`)
    const workerPolicy = parsePolicy(worker.headers.get('content-security-policy') ?? '')
    expect(workerPolicy.get('script-src')).toEqual(["'self'"])
    expect(workerPolicy.has('require-trusted-types-for')).toBe(false)
    const page = parsePolicy(
      (await fetch(browser.baseURL + pages.article)).headers.get('content-security-policy')!,
    )
    page.delete('require-trusted-types-for')
    page.delete('trusted-types')
    expect(workerPolicy).toEqual(page)
  })

  it('lets the whole app work: listings, navigation, a story with an html table, the service worker', async () => {
    const { page } = await browser.open()
    const violations = await recordViolations(page)
    await page.goto('/')
    await h1(page).waitFor()
    await settled(page)

    // Into a listing and then the html story, by clicking, as a reader does.
    const sport = data.site().sections.find((s) => s.slug === 'sport')!
    await page.getByRole('navigation').getByRole('link', { name: sport.name, exact: true }).click()
    await h1(page).filter({ hasText: sport.name }).waitFor()
    await settled(page)
    await storyLinks(page)
      .filter({ hasText: data.article(HTML_STORY).headline })
      .click()
    await expect.poll(() => tableRows(page).count()).toBe(7)
    expect(await page.locator('main .article-html caption').textContent()).toBe(
      'The race in numbers',
    )

    // A prerendered story with an html block, loaded directly: hydrated, and still whole.
    await page.goto(pages.article)
    await h1(page).waitFor()
    await settled(page)
    expect(await tableRows(page).count()).toBe(7)
    // Back to the seed story, then back again: routing inside the app under the policy.
    await page.goto(`/articles/${SEED.slug}`)
    await h1(page).filter({ hasText: SEED.headline }).waitFor()
    await page.goBack()
    await expect.poll(() => tableRows(page).count()).toBe(7)

    // The service worker registers (a Trusted Types sink), takes control, and runs Workbox: its
    // precache is filled, which fails if the worker's own policy refuses its scripts.
    await untilControlled(page)
    const precached = () =>
      page.evaluate(async () => {
        const name = (await caches.keys()).find((key) => key.includes('precache'))
        return name ? (await (await caches.open(name)).keys()).length : 0
      })
    await expect.poll(precached).toBeGreaterThan(10)
    await page.reload()
    await h1(page).waitFor()
    await settled(page)
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(
      /\/sw\.js$/,
    )
    expect(await violations()).toEqual([])
  })

  it('refuses an inline script injected into the page', async () => {
    const watched = await browser.open()
    const { page } = watched
    watched.expectConsoleError(/Executing inline script violates .*script-src 'self'/)
    // The real page with its real headers, with one inline script added to its markup.
    await page.route(`**${pages.article}`, async (route) => {
      const response = await route.fetch()
      const html = (await response.text()).replace(
        '</body>',
        '<script>window.__inlineRan = true</script></body>',
      )
      await route.fulfill({ response, body: html })
    })
    const violations = await recordViolations(page)
    await page.goto(pages.article)
    await h1(page).waitFor()
    await settled(page)
    expect(await page.evaluate(() => '__inlineRan' in window)).toBe(false)
    // Reported once by each policy that forbids it: the header's and the meta tag's.
    const reported = await violations()
    expect(reported.length).toBeGreaterThan(0)
    for (const violation of reported) expect(violation).toMatch(/^script-src-elem inline/)
  })

  it('refuses eval, and plain strings at Trusted Types sinks', async () => {
    const watched = await browser.open()
    const { page } = watched
    watched.expectConsoleError(/requires 'TrustedScript' assignment/)
    watched.expectConsoleError(/requires 'TrustedHTML' assignment/)
    watched.expectConsoleError(/Creating a TrustedTypePolicy named 'newsroom-probe' violates/)
    const violations = await recordViolations(page)
    await page.goto('/')
    await h1(page).waitFor()
    await settled(page)
    // The service worker is registered: the default policy exists, and lets only /sw.js through.
    await untilControlled(page)
    await page.waitForFunction(() => window.trustedTypes?.defaultPolicy?.name === 'default')

    // Code Playwright evaluates is exempt from the page's policy: run the probes from a page task.
    const outcome = await page.evaluate(
      () =>
        new Promise<Record<string, unknown>>((resolve) => {
          setTimeout(async () => {
            const attempt = async (run: () => unknown) => {
              try {
                await run()
                return 'allowed'
              } catch (error) {
                return (error as Error).name
              }
            }
            const w = window as unknown as { __evalRan?: boolean }
            resolve({
              eval: await attempt(() => window.eval('window.__evalRan = true')),
              newFunction: await attempt(() => new Function('return 1')),
              evalRan: w.__evalRan === true,
              innerHTML: await attempt(() => {
                document.body.innerHTML = '<p>replaced</p>'
              }),
              scriptSrc: await attempt(() => {
                document.createElement('script').src = '/assets/elsewhere.js'
              }),
              otherWorker: await attempt(() => navigator.serviceWorker.register('/evil-sw.js')),
              newPolicy: await attempt(() =>
                window.trustedTypes!.createPolicy('newsroom-probe', {}),
              ),
            })
          })
        }),
    )
    expect(outcome).toEqual({
      eval: 'EvalError',
      newFunction: 'EvalError',
      evalRan: false,
      innerHTML: 'TypeError',
      scriptSrc: 'TypeError',
      otherWorker: 'TypeError',
      newPolicy: 'TypeError',
    })
    expect(await h1(page).count()).toBe(1)
    // Chromium asks Trusted Types first, so eval is refused as a string at a script sink; script-src
    // without 'unsafe-eval' (checked above) would refuse it next. A script URL other than /sw.js is
    // refused by our default policy itself, which throws without a report.
    const reported = new Set((await violations()).map((v) => v.split('|')[0]))
    expect([...reported].sort()).toEqual([
      'require-trusted-types-for trusted-types-sink Element innerHTML',
      'require-trusted-types-for trusted-types-sink Function',
      'require-trusted-types-for trusted-types-sink eval',
      'trusted-types trusted-types-policy newsroom-probe',
    ])
  })
})

/** Markup a hostile or careless server might send in an html block; each line tries to run __xss. */
const HOSTILE_HTML = [
  '<p>Before the vectors: <a href="https://example.org/report">the full report</a>, <a href="/">home</a>.</p>',
  '<script>window.__xss()</script>',
  '<img src="x" onerror="window.__xss()" alt="broken">',
  '<svg onload="window.__xss()"><script>window.__xss()</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss()></style></mglyph></table></mtext></math>',
  '<iframe src="javascript:window.__xss()"></iframe><iframe srcdoc="<script>parent.__xss()</script>"></iframe>',
  '<form action="javascript:window.__xss()"><button>Send</button></form>',
  '<p><a href="javascript:window.__xss()">plain</a> <a href=" JaVaScRiPt:window.__xss()">mixed</a>',
  '<a href="java&#x09;script:window.__xss()">tab</a> <a href="&#106;avascript:window.__xss()">entity</a>',
  '<a href="vbscript:msgbox(1)">vb</a> <a href="data:text/html,<script>parent.__xss()</script>">data</a></p>',
  '<img src="data:image/svg+xml,<svg onload=\'parent.__xss()\'/>" alt="data image">',
  '<p style="background:url(javascript:window.__xss())" onclick="window.__xss()">Styled.</p>',
  '<details open ontoggle="window.__xss()"><summary>More</summary></details>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss()>"></noscript>',
].join('\n')

describe('an html body from the API', () => {
  it('renders sanitized: no vector runs, no unsafe URL or attribute survives, safe markup stays', async () => {
    const story = data.latest(1).items[0]!
    // No service worker: it would answer the API request where page.route cannot see it.
    const watched = await browser.openFresh(undefined, { serviceWorkers: 'block' })
    const { page } = watched
    // Chromium checks the policy as DOMPurify parses the markup into its inert document, and reports
    // the handlers and styles it meets there, though nothing in that document ever runs.
    watched.expectConsoleError(/Executing inline event handler violates .*browser-sanitizer/)
    watched.expectConsoleError(/Applying inline style violates .*browser-sanitizer/)
    await page.addInitScript(() => {
      const w = window as unknown as { __xss: () => void; __xssCalls: number }
      w.__xssCalls = 0
      w.__xss = () => void w.__xssCalls++
    })
    await page.route(`**/api/articles/${story.slug}.json`, async (route) => {
      const response = await route.fetch()
      const article = (await response.json()) as Record<string, unknown>
      await route.fulfill({
        response,
        json: { ...article, body: [{ type: 'html', html: HOSTILE_HTML }] },
      })
    })
    const violations = await recordViolations(page)
    await page.goto('/')
    await settled(page)
    await storyLinks(page).filter({ hasText: story.headline }).first().click()
    const body = page.locator('main .article-html')
    await body.getByText('Before the vectors:').waitFor()

    // A reader clicks what is left of the links and the styled paragraph.
    for (const name of ['plain', 'mixed', 'tab', 'entity', 'vb', 'data']) {
      await body.getByText(name, { exact: true }).click()
    }
    await body.getByText('Styled.').click()
    await quietPeriod(
      page,
      200,
      'a click on a defanged link or style must run no script, even later',
    )
    expect(
      await page.evaluate(() => (window as unknown as { __xssCalls: number }).__xssCalls),
    ).toBe(0)
    expect(page.url()).toContain(`/articles/${story.slug}`)

    const found = await body.evaluate((root) => ({
      forbidden: [
        ...root.querySelectorAll(
          'script, svg, math, iframe, form, style, noscript, details, button',
        ),
      ].map((el) => el.localName),
      attributes: [...root.querySelectorAll('*')].flatMap((el) =>
        el.getAttributeNames().filter((name) => /^on|^style$|^srcdoc$|^action$/.test(name)),
      ),
      urls: [...root.querySelectorAll('[href], [src]')].map(
        (el) => el.getAttribute('href') ?? el.getAttribute('src'),
      ),
      links: [...root.querySelectorAll('a')].map((a) => [
        a.textContent,
        a.getAttribute('href'),
        a.rel,
      ]),
      images: root.querySelectorAll('img').length,
    }))
    expect(found.forbidden).toEqual([])
    expect(found.attributes).toEqual([])
    expect(found.urls).toEqual(['https://example.org/report', '/', 'x'])
    expect(found.links).toEqual([
      ['the full report', 'https://example.org/report', 'noopener noreferrer'],
      ['home', '/', ''],
      ['plain', null, ''],
      ['mixed', null, ''],
      ['tab', null, ''],
      ['entity', null, ''],
      ['vb', null, ''],
      ['data', null, ''],
    ])
    // The data: image is gone; the relative "x" one stays (it fails to load, harmlessly).
    expect(found.images).toBe(1)
    // Only what the inert parse reports (handlers, styles); no script, frame, navigation or eval.
    for (const violation of await violations()) {
      expect(violation).toMatch(/^(script-src-attr|style-src-attr|style-src-elem) inline/)
    }
  })
})
