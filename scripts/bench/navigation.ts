import type { Browser, Page } from 'playwright-core'
import { settled, storyLinks } from '../app-page.ts'
import { firstVisit } from './first-visit.ts'

/** One run of the in-app navigations, times in ms from the reader's action. */
export interface NavigationRun {
  /** Click on the first story on home → its headline on screen, and its body. */
  storyHeadlineMs: number
  storyBodyMs: number
  storyApiRequests: number
  storyRequests: number
  /** history.back() from that story → home's listing on screen. */
  backMs: number
  backApiRequests: number
  backRequests: number
  /** What each asked for (paths), to read when a count surprises. */
  storyPaths: string[]
  backPaths: string[]
}

export interface PrefetchedRun {
  /** Hover, wait for the story's JSON, then click → its headline on screen. */
  headlineMs: number
  apiRequests: number
  requests: number
  paths: string[]
}

/**
 * Stamps the next click's time (performance.now()) from a capturing listener, before the app sees it;
 * the page then watches itself frame by frame, so the figures are what a reader waits, with no
 * round trip to the bench in them.
 */
async function armClickClock(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { benchClick?: number }
    delete w.benchClick
    document.addEventListener('click', () => (w.benchClick = performance.now()), {
      capture: true,
      once: true,
    })
  })
}

/** What to wait for on screen. */
type Sight = { headline: string } | 'body' | 'listing'

/** Polls every animation frame until `sight` is on screen; returns that frame's time. */
function frameWhen(page: Page, sight: Sight, timeoutMs = 15_000): Promise<number> {
  return page.evaluate(
    ({ sight, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const seen = () => {
          if (sight === 'body') return !!document.querySelector('main article .article-body > *')
          if (sight === 'listing') {
            return (
              location.pathname === '/' &&
              !document.querySelector('main article .article-body') &&
              document.querySelectorAll('main article h2 a').length > 0
            )
          }
          return document.querySelector('main h1')?.textContent?.trim() === sight.headline
        }
        const start = performance.now()
        const frame = (now: number) => {
          if (seen()) resolve(now)
          else if (performance.now() - start > timeoutMs) {
            reject(new Error(`not on screen in ${timeoutMs} ms: ${JSON.stringify(sight)}`))
          } else requestAnimationFrame(frame)
        }
        requestAnimationFrame(frame)
      }),
    { sight, timeoutMs },
  )
}

const clickTime = (page: Page) =>
  page.evaluate(() => (window as unknown as { benchClick?: number }).benchClick ?? NaN)

/** Counts what the page asks for from now on: every request, and those under /api/. */
function counter(page: Page) {
  const seen: string[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    seen.push(url.origin === new URL(page.url()).origin ? url.pathname + url.search : url.href)
  })
  return {
    mark() {
      const from = seen.length
      return () => {
        const paths = seen.slice(from)
        return { all: paths.length, api: paths.filter((p) => p.startsWith('/api/')).length, paths }
      }
    },
  }
}

async function openHome(browser: Browser, baseURL: string) {
  const context = await firstVisit(browser, baseURL)
  const page = await context.newPage()
  const requests = counter(page)
  await page.goto('/')
  await storyLinks(page).first().waitFor()
  await settled(page)
  await page.waitForLoadState('networkidle')
  const link = storyLinks(page).first()
  const headline = ((await link.textContent()) ?? '').trim()
  const href = (await link.getAttribute('href')) ?? ''
  return { context, page, requests, link, headline, slug: href.replace(/^\/articles\//, '') }
}

/**
 * One run from a first visit of home: click its first story (to the headline, then the body on screen),
 * then history.back() to the listing; the requests each made. The "In the browser" table's first rows.
 */
export async function measureNavigation(browser: Browser, baseURL: string): Promise<NavigationRun> {
  const { context, page, requests, link, headline } = await openHome(browser, baseURL)
  try {
    await armClickClock(page)
    const story = requests.mark()
    const headlineAt = frameWhen(page, { headline })
    const bodyAt = frameWhen(page, 'body')
    // A real click (mouse moves there first, so the hover prefetch starts only at the click, as on a phone).
    await link.click()
    const clicked = await clickTime(page)
    const storyHeadlineMs = (await headlineAt) - clicked
    const storyBodyMs = (await bodyAt) - clicked
    await settled(page)
    await page.waitForLoadState('networkidle')
    const storyCount = story()

    const back = requests.mark()
    const backStart = await page.evaluate(() => {
      const now = performance.now()
      history.back()
      return now
    })
    const backMs = (await frameWhen(page, 'listing')) - backStart
    await page.waitForTimeout(300)
    await page.waitForLoadState('networkidle')
    const backCount = back()
    return {
      storyHeadlineMs,
      storyBodyMs,
      storyApiRequests: storyCount.api,
      storyRequests: storyCount.all,
      backMs,
      backApiRequests: backCount.api,
      backRequests: backCount.all,
      storyPaths: storyCount.paths,
      backPaths: backCount.paths,
    }
  } finally {
    await context.close()
  }
}

/**
 * One run from a first visit of home: hover the first story until its JSON is fetched, then click it:
 * what a prefetch saves the reader (to the headline on screen).
 */
export async function measurePrefetched(browser: Browser, baseURL: string): Promise<PrefetchedRun> {
  const { context, page, requests, link, headline, slug } = await openHome(browser, baseURL)
  try {
    const prefetched = page.waitForResponse((r) =>
      new URL(r.url()).pathname.startsWith(`/api/articles/${slug}`),
    )
    await link.hover()
    await (await prefetched).finished()
    await page.waitForLoadState('networkidle')
    await armClickClock(page)
    const mark = requests.mark()
    const headlineAt = frameWhen(page, { headline })
    await link.click()
    const headlineMs = (await headlineAt) - (await clickTime(page))
    await settled(page)
    await page.waitForLoadState('networkidle')
    const counted = mark()
    return { headlineMs, apiRequests: counted.api, requests: counted.all, paths: counted.paths }
  } finally {
    await context.close()
  }
}
