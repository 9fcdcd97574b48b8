import { launchBrowser } from '../../chromium.ts'
import { medians } from '../median.ts'
import {
  measureNavigation,
  measurePrefetched,
  type NavigationRun,
  type PrefetchedRun,
} from '../navigation.ts'
import { mark, ms, msRange, table } from '../table.ts'
import type { Step } from './step.ts'

/** In-app navigations in Chromium (scripts/bench/navigation.ts): a story, back, a prefetched story. */
export const navigationStep: Step = {
  title: 'In the browser',
  wanted: () => true,
  async run({ server, options: { runs }, report, log }) {
    log(`browser navigations, ${runs} runs`)
    const navRuns: NavigationRun[] = []
    const preRuns: PrefetchedRun[] = []
    const browser = await launchBrowser()
    try {
      for (let i = 0; i < runs; i++) {
        navRuns.push(await measureNavigation(browser, server.url))
        preRuns.push(await measurePrefetched(browser, server.url))
      }
    } finally {
      await browser.close()
    }
    const nav = medians(navRuns)
    const pre = medians(preRuns)
    report.record('navigation', { median: nav, runs: navRuns })
    report.record('prefetched', { median: pre, runs: preRuns })
    const lastNav = navRuns.at(-1)
    report.print(
      'In the browser',
      `Chromium (playwright-core), 1280×800, no throttling, service workers blocked (a first visit); from the click (or history.back()) to the first animation frame with it in the DOM; medians of ${runs} runs. Requests: from the action until the network is idle, /api/ ones and all (the others: those of the last run that are not /api/). Chromium revalidates /favicon.svg after every same-document navigation for its own tab strip (the app never touches the icon links): the "0 requests" target counts every request but those.`,
      table(
        ['navigation', 'median', 'range', '/api/ requests', 'all requests', 'the others', 'target'],
        [
          [
            'click a story on home → headline',
            ms(nav.storyHeadlineMs),
            msRange(navRuns.map((r) => r.storyHeadlineMs)),
            String(nav.storyApiRequests),
            String(nav.storyRequests),
            others(lastNav?.storyPaths),
            '',
          ],
          [
            'click a story on home → body',
            ms(nav.storyBodyMs),
            msRange(navRuns.map((r) => r.storyBodyMs)),
            '',
            '',
            '',
            '',
          ],
          [
            'back → listing',
            ms(nav.backMs),
            msRange(navRuns.map((r) => r.backMs)),
            String(nav.backApiRequests),
            String(nav.backRequests),
            others(lastNav?.backPaths),
            `≤ 100 ms, 0 requests: ${mark(nav.backMs <= 100 && Math.max(...navRuns.map((r) => appRequests(r.backPaths))) === 0)}`,
          ],
          [
            'prefetched story (hover, then click) → headline',
            ms(pre.headlineMs),
            msRange(preRuns.map((r) => r.headlineMs)),
            String(pre.apiRequests),
            String(pre.requests),
            others(preRuns.at(-1)?.paths),
            `≤ 100 ms: ${mark(pre.headlineMs <= 100)}`,
          ],
        ],
      ),
    )
  },
}

/** The non-API requests of a run, path by path: "/favicon.svg ×2". */
function others(paths: string[] = []): string {
  const counted = new Map<string, number>()
  for (const p of paths.filter((p) => !p.startsWith('/api/'))) {
    const key = p.replace(/^\/assets\/.*(\.\w+)$/, '/assets/*$1')
    counted.set(key, (counted.get(key) ?? 0) + 1)
  }
  return [...counted].map(([p, n]) => (n > 1 ? `${p} ×${n}` : p)).join(', ')
}

/**
 * The requests that are the app's. Chromium revalidates the favicon after every same-document navigation,
 * for its own tab strip: a request of the browser's, not the app's, so the "no request" target does not
 * count it.
 */
function appRequests(paths: string[]): number {
  return paths.filter((p) => !/^\/favicon\./.test(p)).length
}
