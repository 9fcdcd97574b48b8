import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../chromium.ts'
import { serveWithApi } from '../serve/site-with-api.ts'
import { BENCH_NEWSROOMS } from './corpus.ts'
import { countsFlag, runsAlone, wholeNumberFlag } from './flags.ts'
import { firstVisit } from './first-visit.ts'
import { median } from './median.ts'
import {
  bytesUnder,
  recordNetwork,
  transferredFiles,
  type TransferredFile,
} from './network-bytes.ts'
import { withNewsroomApi } from './newsroom-api.ts'
import { appToMeasure } from './production-build.ts'
import { pickQueries } from './search.ts'
import { browserSearchNote, browserSearchTable } from './search-table.ts'
import { kb } from './table.ts'

/**
 * Search as a reader meets it (issue 6): Chromium (playwright-core) on the production build, served by
 * nginx with the shipped configuration (gzip on), whose /api/ is a built newsroom of any size (a web root
 * of symlinks, scripts/serve/site-with-api.ts). For each query of scripts/bench/search.ts's set: a fresh
 * browser context (cold HTTP cache, service workers blocked: a first visit) opens /search, waits until the
 * page is idle, picks the section in its Section box for the filtered query, and types the query into the
 * search box key by key.
 *
 * Times, from capturing listeners and an animation-frame watch in the page (no round trip to the bench in
 * them):
 *   - fromKeyMs: the last keystroke's keydown → the first animation frame with a result in the DOM. Nothing
 *     is subtracted: it includes the app's 150 ms debounce (SEARCH_DEBOUNCE_MS), as the reader waits it.
 *   - afterDebounceMs: the debounce firing (the app's history.replaceState with the query) → that frame:
 *     the fetching and rendering alone.
 * Bytes: the encoded (as sent, gzip) body of every response under /api/search/ from the page's opening until
 * the network is idle after the results, from Chromium's CDP Network events; /api/ids/ (the section
 * filter's id list, which the engine also reads) and all of /api/ are counted beside it.
 *
 *   npx tsx scripts/bench/search-browser.ts --counts 1000,100000 --runs 3 [--dist <build>] [--demo]
 *
 * Targets: first results ≤ 300 ms (from the keystroke) after ≤ 300 KB (under /api/search/).
 */

/**
 * Pause between keystrokes: a fast typist, well below the debounce, so only the whole query is searched. A
 * run in which a slow moment on the machine let the debounce fire early (an intermediate query searched) is
 * discarded and typed again (at most MAX_RETYPES times a run, on average); the discards are counted.
 */
export const KEY_DELAY_MS = 30
const MAX_RETYPES = 5

/** The debounce fired before the last key: the run measured another query than the one typed. */
class TypedTooSlowly extends Error {}

export interface BrowserSearchRun {
  /** Last keydown → first frame with a result. */
  fromKeyMs: number
  /** The debounce firing (URL replaced with the query) → that frame. */
  afterDebounceMs: number
  /** Last keydown → the debounce firing (the 150 ms wait plus the app's reaction). */
  debounceMs: number
  /**
   * Where the time after the debounce goes (resource timing): the debounce firing → the first request for
   * the index (/api/search/ or /api/ids/), and → the end of the last response before the results showed.
   */
  firstRequestMs: number
  lastResponseMs: number
  /** Encoded body bytes under /api/search/, /api/ids/, and all of /api/. */
  searchBytes: number
  idsBytes: number
  apiBytes: number
  searchFiles: number
  /** Results on screen at that frame. */
  shown: number
}

export interface BrowserSearchQuery {
  label: string
  query: string
  section: string | null
  median: Omit<BrowserSearchRun, 'shown'>
  shown: number
  /** Runs typed again because the debounce fired before the last key (see KEY_DELAY_MS). */
  retyped: number
  runs: BrowserSearchRun[]
  /** What the last run fetched under /api/search/ and /api/ids/, with encoded body bytes. */
  files: { path: string; bytes: number }[]
}

export interface BrowserSearchBench {
  articles: number
  queries: BrowserSearchQuery[]
}

// ---- one search in the browser -------------------------------------------------------------------

/** A result on the search page: a headline in the results list. */
const RESULT = 'main section ol > li article h2'

async function searchOnce(
  browser: Browser,
  baseURL: string,
  query: string,
  section: string | null,
): Promise<BrowserSearchRun & { transferred: TransferredFile[] }> {
  const context = await firstVisit(browser, baseURL)
  try {
    const page = await context.newPage()
    const { events, cdp } = await recordNetwork(page)
    await page.goto('/search')
    const box = page.getByRole('searchbox', { name: 'Search stories' })
    await box.waitFor()
    await page.waitForLoadState('networkidle')
    if (section) {
      const select = page.getByRole('combobox', { name: 'Section' })
      await select.locator(`option[value="${section}"]`).waitFor({ state: 'attached' })
      await select.selectOption(section)
      await page.waitForURL(`/search?section=${section}`)
      await page.waitForLoadState('networkidle')
    }
    // Stamps, from the page itself: every keydown (capturing, before the app sees it) and every
    // history.replaceState (React Router's, when the debounce fires).
    await page.evaluate(() => {
      const w = window as unknown as { benchKeys: number[]; benchReplaced: [number, string][] }
      w.benchKeys = []
      w.benchReplaced = []
      document.addEventListener('keydown', () => w.benchKeys.push(performance.now()), true)
      const replace = history.replaceState.bind(history)
      history.replaceState = (data: unknown, unused: string, url?: string | URL | null) => {
        w.benchReplaced.push([performance.now(), String(url ?? '')])
        replace(data, unused, url)
      }
    })
    const seen = page.evaluate(
      ({ selector, timeoutMs }) =>
        new Promise<{ at: number; shown: number; search: string }>((resolve, reject) => {
          const start = performance.now()
          const frame = (now: number) => {
            const shown = document.querySelectorAll(selector).length
            if (shown > 0) resolve({ at: now, shown, search: location.search })
            else if (performance.now() - start > timeoutMs)
              reject(new Error(`no result on screen in ${timeoutMs} ms`))
            else requestAnimationFrame(frame)
          }
          requestAnimationFrame(frame)
        }),
      { selector: RESULT, timeoutMs: 30_000 },
    )
    await box.pressSequentially(query, { delay: KEY_DELAY_MS })
    const result = await seen
    const { keys, replaced, fetched } = await page.evaluate(() => {
      const w = window as unknown as { benchKeys: number[]; benchReplaced: [number, string][] }
      const fetched = performance
        .getEntriesByType('resource')
        .filter((e) => /\/api\/(search|ids)\//.test(new URL(e.name).pathname))
        .map((e) => [e.startTime, (e as PerformanceResourceTiming).responseEnd] as const)
      return { keys: w.benchKeys, replaced: w.benchReplaced, fetched }
    })
    const lastKey = keys.at(-1)
    if (keys.length !== query.length || lastKey === undefined)
      throw new Error(`typed ${query.length} keys, the page saw ${keys.length}`)
    // The results must be the whole query's, searched once: one replace, with the query in it.
    const shownFor = new URLSearchParams(result.search)
    if (shownFor.get('q') !== query || replaced.length !== 1)
      throw new TypedTooSlowly(
        `results for ${JSON.stringify(result.search)} after ${replaced.length} URL updates, typing ${JSON.stringify(query)}`,
      )
    const debounced = replaced[0]![0]
    const index = fetched.filter(([start, end]) => start >= debounced && end <= result.at)
    await page.waitForLoadState('networkidle')
    await cdp.detach()
    const transferred = transferredFiles(events)
    const search = bytesUnder(transferred, '/api/search/')
    return {
      fromKeyMs: result.at - lastKey,
      afterDebounceMs: result.at - debounced,
      debounceMs: debounced - lastKey,
      firstRequestMs: Math.min(...index.map(([start]) => start)) - debounced,
      lastResponseMs: Math.max(...index.map(([, end]) => end)) - debounced,
      searchBytes: search.bytes,
      searchFiles: search.files,
      idsBytes: bytesUnder(transferred, '/api/ids/').bytes,
      apiBytes: bytesUnder(transferred, '/api/').bytes,
      shown: result.shown,
      transferred,
    }
  } finally {
    await context.close()
  }
}

/**
 * Serves `dist` with `apiDir` as its /api/ (a folder of symlinks: nothing is copied) and runs every query
 * of the set `runs` times, each in a fresh context; medians per query.
 */
export async function measureSearchBrowser(options: {
  dist: string
  apiDir: string
  browser: Browser
  runs?: number
  log?: (line: string) => void
}): Promise<BrowserSearchBench> {
  const { dist, apiDir, browser, runs = 5, log } = options
  const server = await serveWithApi(dist, apiDir)
  try {
    const { count } = (await (await fetch(`${server.url}/api/search/manifest.json`)).json()) as {
      count: number
    }
    const queries: BrowserSearchQuery[] = []
    for (const { label, query, section } of await pickQueries(apiDir)) {
      const list: BrowserSearchRun[] = []
      let files: { path: string; bytes: number }[] = []
      let retyped = 0
      for (let i = 0; i < runs; i++) {
        let measured: Awaited<ReturnType<typeof searchOnce>> | null = null
        while (!measured) {
          try {
            measured = await searchOnce(browser, server.url, query, section)
          } catch (error) {
            if (!(error instanceof TypedTooSlowly) || ++retyped > MAX_RETYPES * runs) throw error
            log?.(`browser search ${count}, ${label}: typed again (${error.message})`)
          }
        }
        const { transferred, ...one } = measured
        list.push(one)
        files = transferred
          .filter((f) => /^\/api\/(search|ids)\//.test(f.path))
          .map(({ path, bytes }) => ({ path, bytes }))
        log?.(
          `browser search ${count}, ${label} ${JSON.stringify(query)}: run ${i + 1}/${runs} ${Math.round(one.fromKeyMs)} ms from the key, ${kb(one.searchBytes)}`,
        )
      }
      const med = (key: keyof BrowserSearchRun) => median(list.map((r) => r[key]))
      queries.push({
        label,
        query,
        section,
        median: {
          fromKeyMs: med('fromKeyMs'),
          afterDebounceMs: med('afterDebounceMs'),
          debounceMs: med('debounceMs'),
          firstRequestMs: med('firstRequestMs'),
          lastResponseMs: med('lastResponseMs'),
          searchBytes: med('searchBytes'),
          idsBytes: med('idsBytes'),
          apiBytes: med('apiBytes'),
          searchFiles: med('searchFiles'),
        },
        shown: list.at(-1)!.shown,
        retyped,
        runs: list,
        files,
      })
    }
    return { articles: count, queries }
  } finally {
    await server.stop()
  }
}

// ---- CLI -----------------------------------------------------------------------------------------

if (runsAlone(import.meta)) {
  const { values } = parseArgs({
    options: {
      counts: { type: 'string' },
      runs: { type: 'string' },
      dist: { type: 'string' },
      demo: { type: 'boolean', default: false },
      dir: { type: 'string' },
      json: { type: 'string' },
    },
  })
  const runs = wholeNumberFlag('runs', values.runs, 3)
  const counts = countsFlag('counts', values.counts, [1_000, 100_000])
  const dir = values.dir ?? BENCH_NEWSROOMS
  const log = (line: string) => console.error(`[search-browser] ${line}`)
  const temp = await mkdtemp(path.join(os.tmpdir(), 'newsroom-search-browser-'))
  const browser = await launchBrowser()
  try {
    const { dist } = await appToMeasure(values.dist, temp, log)
    const benches: [string, BrowserSearchBench][] = []
    if (values.demo) {
      const apiDir = path.join(dist, 'api')
      benches.push(['demo', await measureSearchBrowser({ dist, apiDir, browser, runs, log })])
    }
    for (const count of counts) {
      const bench = await withNewsroomApi(count, { dir, log }, (apiDir) =>
        measureSearchBrowser({ dist, apiDir, browser, runs, log }),
      )
      benches.push([count.toLocaleString('en'), bench])
    }
    console.log(`${browserSearchNote(runs, KEY_DELAY_MS)}\n`)
    console.log(browserSearchTable(benches))
    if (values.json)
      await writeFile(values.json, `${JSON.stringify(Object.fromEntries(benches), null, 2)}\n`)
  } finally {
    await browser.close()
    await rm(temp, { recursive: true, force: true })
  }
}
