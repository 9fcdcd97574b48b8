/**
 * npm run bench: builds the production app into a temp folder and measures it (issue 4).
 *
 *   npm run bench                      everything, medians of 5 runs, newsrooms of 1k, 10k and 100k stories
 *   npm run bench -- --quick           1 run each, 1k and 10k stories, no Lighthouse: a smoke run
 *   npm run bench -- --skip-scale      no generated newsrooms
 *   npm run bench -- --skip-lighthouse no Lighthouse
 *   npm run bench -- --skip-sync       no sync from a generated WordPress
 *   npm run bench -- --sync-counts 1000,10000  the newsroom sizes the sync group measures (default 1000)
 *   npm run bench -- --restart-counts 10000   the sizes of the interrupted first pull (default 100000)
 *   npm run bench -- --runs 7          more runs per timing
 *   npm run bench -- --dist <folder>   measure a build made already instead of building one
 *
 * Prints one table per group with the issue's target beside each figure, and writes the same figures
 * to bench-results/<time>.json and bench-results/latest.json (and the tables to latest.md), so two runs
 * compare. Lighthouse audits each page and then the same page without JavaScript, in turn, and holds
 * the page's LCP to its copy's (issue 10, scripts/bench/no-js.ts). Search is measured twice on the
 * same built index: the engine in Node (search.ts) and the app in Chromium over HTTP
 * (search-browser.ts). Needs Chromium (CHROME_PATH, default /usr/bin/chromium) and nginx
 * (NGINX_PATH), as the browser tests do; the app is served by scripts/serve/nginx.ts, as they
 * serve it. Not part of npm test: timings on a shared machine flake; the budgets in the tests are the
 * deterministic half, and tests/e2e/lighthouse.e2e.ts a coarse Lighthouse guard with this runner.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { budgets, SEED_ARTICLE_SLUG } from '../budgets.ts'
import { launchBrowser } from '../chromium.ts'
import { ROOT, startServer } from '../serve/nginx.ts'
import { countsFlag, wholeNumberFlag } from './flags.ts'
import { measureFirstRoute, type FirstRoute } from './first-route.ts'
import { buildFloor } from './floor.ts'
import { buildProduction } from './production-build.ts'
import {
  LIGHTHOUSE_TARGETS,
  lighthouseNote,
  lighthouseTable,
  runLighthouse,
  summarizePage,
  type LighthouseRun,
} from './lighthouse.ts'
import {
  measureNavigation,
  measurePrefetched,
  type NavigationRun,
  type PrefetchedRun,
} from './navigation.ts'
import { noJsRoot } from './no-js.ts'
import { measureScale } from './scale.ts'
import { measureSearch, SEARCH_TABLE_HEADER, searchTableRows, type SearchBench } from './search.ts'
import {
  BROWSER_SEARCH_TABLE_HEADER,
  browserSearchNote,
  browserSearchTableRows,
  measureSearchBrowser,
  withNewsroomApi,
  type BrowserSearchBench,
} from './search-browser.ts'
import { formatRestartTable, measurePullRestart } from './pull-restart.ts'
import { formatSyncTable, measureSync } from './sync.ts'
import { medians } from './median.ts'
import { kb, mark, ms, seconds, table } from './table.ts'

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-scale': { type: 'boolean', default: false },
    'skip-lighthouse': { type: 'boolean', default: false },
    'skip-sync': { type: 'boolean', default: false },
    'sync-counts': { type: 'string' },
    'restart-counts': { type: 'string' },
    runs: { type: 'string' },
    dist: { type: 'string' },
  },
})
const quick = flags.quick
const runs = wholeNumberFlag('runs', flags.runs, quick ? 1 : 5)
const counts = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]
const withLighthouse = !quick && !flags['skip-lighthouse']
const withScale = !flags['skip-scale']
// The sync rebuilds the whole site for now (docs/decisions/018-sources.md): a few minutes at 10,000 stories,
// most of an hour at 100,000, so by default only the smallest newsroom; --sync-counts 1000,10000,100000 for more.
const syncCounts = countsFlag('sync-counts', flags['sync-counts'], [1_000])
const withSync = !flags['skip-sync'] && !quick
// The first pull of a WordPress cut off half-way and started again: cheap enough for 100,000 stories.
const restartCounts = countsFlag('restart-counts', flags['restart-counts'], [100_000])

const ARTICLE_HTML = `articles/${SEED_ARTICLE_SLUG}/index.html`
const MiB = 1024 * 1024

const started = new Date()
const sections: string[] = []
const results: Record<string, unknown> = {
  date: started.toISOString(),
  machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model },
  options: { quick, runs, counts: withScale ? counts : [], lighthouse: withLighthouse },
}

function print(title: string, note: string, body: string) {
  const text = `## ${title}\n\n${note ? `${note}\n\n` : ''}${body}\n`
  sections.push(text)
  console.log(`\n${text}`)
}

const errors: Record<string, string> = {}
results.errors = errors

/** A group that could not be measured: said in its place, in the JSON, and by the exit code. */
function failed(title: string, error: unknown) {
  process.exitCode = 1
  const message = error instanceof Error ? error.message : String(error)
  errors[title] = message
  console.error(error)
  print(title, '', `Not measured: ${message.split('\n')[0]}`)
}

const log = (message: string) => console.error(`[bench] ${message}`)
const temp = await mkdtemp(path.join(os.tmpdir(), 'newsroom-bench-'))
const cleanups: (() => Promise<unknown>)[] = [() => rm(temp, { recursive: true, force: true })]

try {
  // ---- the build --------------------------------------------------------------------------------
  let dist: string
  if (flags.dist) {
    dist = path.resolve(flags.dist)
    log(`measuring the build in ${dist}`)
  } else {
    dist = path.join(temp, 'dist')
    log(`building the app into ${dist}`)
    const begun = performance.now()
    await buildProduction(dist)
    results.buildMs = Math.round(performance.now() - begun)
  }

  // ---- first route ------------------------------------------------------------------------------
  log('building the floor app')
  const floorDir = await buildFloor(ROOT)
  cleanups.push(() => rm(floorDir, { recursive: true, force: true }))
  const firstRoute: Record<string, FirstRoute> = {
    home: measureFirstRoute(dist, 'index.html'),
    article: measureFirstRoute(dist, ARTICLE_HTML),
    floor: measureFirstRoute(path.join(floorDir, 'dist'), 'index.html'),
  }
  const floorJs = firstRoute.floor!.js.gzip
  results.firstRoute = Object.fromEntries(
    Object.entries(firstRoute).map(([page, m]) => [
      page,
      { ...m, floorRatio: m.js.gzip / floorJs },
    ]),
  )
  print(
    'First route',
    `What the HTML loads before the first render (module script, modulepreloads and their static imports, stylesheets); gzip -9. Home is \`/\`, article is \`/articles/${SEED_ARTICLE_SLUG}\`; the floor is React, react-dom, React Router's data router and TanStack Query rendering one line. Targets: JS ≤ ${kb(budgets.firstRouteJsGzipTarget)} gz and ≤ ${budgets.floorRatioTarget} × floor (budget in npm test: ${kb(budgets.firstRouteJsGzip)}); CSS ≤ ${kb(budgets.firstRouteCssGzip)} gz.`,
    table(
      ['page', 'JS raw', 'JS gzip', '× floor', 'CSS raw', 'CSS gzip', 'files', 'target'],
      Object.entries(firstRoute).map(([page, m]) => {
        const ratio = m.js.gzip / floorJs
        const ok =
          m.js.gzip <= budgets.firstRouteJsGzipTarget &&
          ratio <= budgets.floorRatioTarget &&
          m.css.gzip <= budgets.firstRouteCssGzip
        return [
          page,
          kb(m.js.raw),
          kb(m.js.gzip),
          `${ratio.toFixed(3)}×`,
          kb(m.css.raw),
          kb(m.css.gzip),
          String(m.files.length),
          page === 'floor' ? '' : mark(ok),
        ]
      }),
    ),
  )

  // ---- served by nginx: Lighthouse and the browser --------------------------------------------
  const server = await startServer(dist)
  cleanups.unshift(() => server.stop())

  if (withLighthouse) {
    try {
      const tagSlug = pickTag(dist)
      const pages = {
        home: '/',
        tag: `/tags/${tagSlug}`,
        article: `/articles/${SEED_ARTICLE_SLUG}`,
      }
      // The same pages without JavaScript (issue 10), from a second web root served by a second nginx
      // with the same configuration: each copy answers at its page's own path.
      const noJs = await noJsRoot(dist, Object.values(pages), path.join(temp, 'no-js'))
      const noJsServer = await startServer(noJs.root)
      cleanups.unshift(() => noJsServer.stop())
      type Page = keyof typeof pages
      const lhRuns = { home: [], tag: [], article: [] } as Record<Page, LighthouseRun[]>
      const noJsRuns = { home: [], tag: [], article: [] } as Record<Page, LighthouseRun[]>
      // Round-robin: each page, then its no-JS copy, then the next page, so a slow minute on the
      // shared machine hits a page and its yardstick alike.
      for (let i = 0; i < runs; i++) {
        for (const [page, urlPath] of Object.entries(pages) as [Page, string][]) {
          log(`Lighthouse ${page} ${urlPath}, run ${i + 1}/${runs}`)
          lhRuns[page].push(await runLighthouse(ROOT, server.url + urlPath))
          log(`Lighthouse ${page} ${urlPath} without JavaScript, run ${i + 1}/${runs}`)
          noJsRuns[page].push(await runLighthouse(ROOT, noJsServer.url + urlPath))
        }
      }
      const lh = Object.fromEntries(
        (Object.entries(pages) as [Page, string][]).map(([page, urlPath]) => [
          page,
          summarizePage(urlPath, lhRuns[page], noJsRuns[page], noJs.removed[urlPath]!),
        ]),
      )
      results.lighthouse = { targets: LIGHTHOUSE_TARGETS, ...lh }
      print('Lighthouse', lighthouseNote(runs), lighthouseTable(lh))
    } catch (error) {
      failed('Lighthouse', error)
    }
  }

  try {
    log(`browser navigations, ${runs} runs`)
    const browser = await launchBrowser()
    cleanups.unshift(() => browser.close())
    const navRuns: NavigationRun[] = []
    const preRuns: PrefetchedRun[] = []
    for (let i = 0; i < runs; i++) {
      navRuns.push(await measureNavigation(browser, server.url))
      preRuns.push(await measurePrefetched(browser, server.url))
    }
    const nav = medians(navRuns)
    const pre = medians(preRuns)
    results.navigation = { median: nav, runs: navRuns }
    results.prefetched = { median: pre, runs: preRuns }
    /** The non-API requests of the last run, path by path: "/favicon.svg ×2". */
    const others = (paths: string[] = []) => {
      const counted = new Map<string, number>()
      for (const p of paths.filter((p) => !p.startsWith('/api/'))) {
        const key = p.replace(/^\/assets\/.*(\.\w+)$/, '/assets/*$1')
        counted.set(key, (counted.get(key) ?? 0) + 1)
      }
      return [...counted].map(([p, n]) => (n > 1 ? `${p} ×${n}` : p)).join(', ')
    }
    const lastNav = navRuns.at(-1)
    // Chromium revalidates the favicon after every same-document navigation, for its own tab strip: a
    // request of the browser's, not the app's, so the "no request" target does not count it.
    const appRequests = (paths: string[]) => paths.filter((p) => !/^\/favicon\./.test(p)).length
    const spread = (values: number[]) =>
      values.length > 1
        ? `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} ms`
        : ''
    print(
      'In the browser',
      `Chromium (playwright-core), 1280×800, no throttling, service workers blocked (a first visit); from the click (or history.back()) to the first animation frame with it in the DOM; medians of ${runs} runs. Requests: from the action until the network is idle, /api/ ones and all (the others: those of the last run that are not /api/). Chromium revalidates /favicon.svg after every same-document navigation for its own tab strip (the app never touches the icon links): the "0 requests" target counts every request but those.`,
      table(
        ['navigation', 'median', 'range', '/api/ requests', 'all requests', 'the others', 'target'],
        [
          [
            'click a story on home → headline',
            ms(nav.storyHeadlineMs),
            spread(navRuns.map((r) => r.storyHeadlineMs)),
            String(nav.storyApiRequests),
            String(nav.storyRequests),
            others(lastNav?.storyPaths),
            '',
          ],
          [
            'click a story on home → body',
            ms(nav.storyBodyMs),
            spread(navRuns.map((r) => r.storyBodyMs)),
            '',
            '',
            '',
            '',
          ],
          [
            'back → listing',
            ms(nav.backMs),
            spread(navRuns.map((r) => r.backMs)),
            String(nav.backApiRequests),
            String(nav.backRequests),
            others(lastNav?.backPaths),
            `≤ 100 ms, 0 requests: ${mark(nav.backMs <= 100 && Math.max(...navRuns.map((r) => appRequests(r.backPaths))) === 0)}`,
          ],
          [
            'prefetched story (hover, then click) → headline',
            ms(pre.headlineMs),
            spread(preRuns.map((r) => r.headlineMs)),
            String(pre.apiRequests),
            String(pre.requests),
            others(preRuns.at(-1)?.paths),
            `≤ 100 ms: ${mark(pre.headlineMs <= 100)}`,
          ],
        ],
      ),
    )
  } catch (error) {
    failed('In the browser', error)
  }

  // ---- generated newsrooms ---------------------------------------------------------------------
  if (withScale) {
    try {
      log(`generated newsrooms of ${counts.join(', ')} stories, ${runs} runs`)
      // A folder of the bench's own (generated corpora are reused from run to run), apart from the one
      // scale.ts uses when run alone, so the two never build into each other's output.
      const dir = path.join(os.tmpdir(), 'newsroom-bench-scale')
      const rows = await measureScale(counts, { runs, log, dir })
      results.scale = rows
      print(
        'Generated newsrooms',
        `The API build (\`npm run corpus\` stories, medians of ${runs} runs): time, peak memory, total output; and the JSON a reader transfers (gzip, level 6) to show home, a tag page, a two-tag filter and an article. Targets: 100,000 stories built in < 60 s and < 1 GiB; a two-tag filter ≤ 200 KB; one page's JSON ≤ ${kb(budgets.pageJsonGzip)} (budget).`,
        table(
          [
            'stories',
            'API build',
            'peak RSS',
            'output',
            'files',
            'home',
            'tag page',
            'two-tag filter',
            'article',
            'target',
          ],
          rows.map((r) => {
            const buildOk = r.articles < 100_000 || (r.buildMs < 60_000 && r.peakRssMb < 1024)
            const filterOk = r.bytes.twoTagFilter.gzip <= 200 * 1024
            return [
              r.articles.toLocaleString('en'),
              seconds(r.buildMs),
              `${Math.round(r.peakRssMb)} MB`,
              `${(r.outputBytes / MiB).toFixed(1)} MB`,
              r.files.toLocaleString('en'),
              kb(r.bytes.home.gzip),
              kb(r.bytes.tagPage.gzip),
              kb(r.bytes.twoTagFilter.gzip),
              kb(r.bytes.article.gzip),
              mark(buildOk && filterOk),
            ]
          }),
        ),
      )
    } catch (error) {
      failed('Generated newsrooms', error)
    }
  }

  // ---- sync from WordPress (issue 11) ----------------------------------------------------------
  if (withSync) {
    try {
      log(`sync from a WordPress of ${syncCounts.join(', ')} generated stories`)
      const rows = await measureSync(syncCounts, {
        dir: path.join(os.tmpdir(), 'newsroom-bench-scale'),
        log,
      })
      results.sync = rows
      print(
        'Sync from WordPress',
        'A generated newsroom served as a WordPress REST API (scripts/bench/fake-wordpress.ts), built once with `NEWSROOM_WORDPRESS_URL` (`vite build`, every story prerendered), then `npm run sync` (scripts/sync.ts) after nothing, one new story, one edit and one withdrawal: each from its first request to its last file published, and the files it wrote into the live folder. Targets (issue 11, at 100,000 stories): each change synced in ≤ 5 s writing ≤ 100 files.',
        formatSyncTable(rows),
      )
    } catch (error) {
      failed('Sync from WordPress', error)
    }
  }
  if (withSync) {
    try {
      log(`an interrupted first pull of ${restartCounts.join(', ')} stories`)
      const rows = await measurePullRestart(restartCounts, {
        dir: path.join(os.tmpdir(), 'newsroom-bench-scale'),
        log,
      })
      results.pullRestart = rows
      print(
        'An interrupted first pull',
        'A generated newsroom served as a WordPress REST API: its first pull into an empty copy, then one cut off once half its posts are fetched and started again (scripts/bench/pull-restart.ts). Target (issue 11): the restart fetches only what the copy lacks.',
        formatRestartTable(rows),
      )
    } catch (error) {
      failed('An interrupted first pull', error)
    }
  }

  // ---- search (issue 6) ------------------------------------------------------------------------
  try {
    log(
      `search on the demo${withScale ? ` and on ${counts.join(', ')} stories` : ''}, ${runs} runs, in Node and in the browser`,
    )
    const benches: [string, SearchBench][] = [
      ['demo', await measureSearch(path.join(dist, 'api'), runs)],
    ]
    // The same built API for both measurements: the engine in Node, then the app in Chromium over HTTP.
    const inBrowser: [string, BrowserSearchBench][] = []
    let browserError: unknown = null
    const browser = await launchBrowser()
    cleanups.unshift(() => browser.close())
    const measureInBrowser = async (label: string, apiDir: string) => {
      if (browserError) return
      try {
        inBrowser.push([label, await measureSearchBrowser({ dist, apiDir, browser, runs, log })])
      } catch (error) {
        browserError = error
      }
    }
    await measureInBrowser('demo', path.join(dist, 'api'))
    if (withScale) {
      const dir = path.join(os.tmpdir(), 'newsroom-bench-scale')
      for (const count of counts) {
        await withNewsroomApi(count, { dir, log }, async (apiDir) => {
          const label = count.toLocaleString('en')
          benches.push([label, await measureSearch(apiDir, runs)])
          await measureInBrowser(label, apiDir)
        })
      }
    }
    results.search = Object.fromEntries(benches)
    print(
      'Search',
      `The app's search engine (src/features/search/lib/engine.ts) on each newsroom's built index, read from disk with nothing read before (a reader's first search), medians of ${runs} runs: time to the first page of results (10), and the index files it read, gzip level 6. Queries are picked from each index: its commonest word, that word as typed (a prefix), two common words, a rare word, a word in the busiest section. Index size: ${benches.map(([label, b]) => `${label} ${b.index.files.toLocaleString('en')} files, ${(b.index.bytes / MiB).toFixed(1)} MB`).join('; ')}. Targets: first results ≤ 300 ms after ≤ 300 KB.`,
      table(
        SEARCH_TABLE_HEADER,
        benches.flatMap(([label, bench]) => searchTableRows(bench, label)),
      ),
    )
    if (browserError) failed('Search in the browser', browserError)
    else {
      results.searchBrowser = Object.fromEntries(inBrowser)
      print(
        'Search in the browser',
        browserSearchNote(runs),
        table(
          BROWSER_SEARCH_TABLE_HEADER,
          inBrowser.flatMap(([label, bench]) => browserSearchTableRows(bench, label)),
        ),
      )
    }
  } catch (error) {
    failed('Search', error)
  }
} finally {
  for (const cleanup of cleanups) await cleanup().catch(() => undefined)
}

// ---- results ------------------------------------------------------------------------------------
const outDir = path.join(ROOT, 'bench-results')
await mkdir(outDir, { recursive: true })
const stamp = started.toISOString().replace(/[:.]/g, '-')
const json = `${JSON.stringify(results, null, 2)}\n`
await writeFile(path.join(outDir, `${stamp}.json`), json)
await writeFile(path.join(outDir, 'latest.json'), json)
await writeFile(
  path.join(outDir, 'latest.md'),
  `# Bench ${started.toISOString()}\n\n${sections.join('\n')}`,
)
log(
  `figures in ${path.relative(ROOT, path.join(outDir, `${stamp}.json`))} and bench-results/latest.json`,
)

/** The seed story's tag whose prerendered first page lists the most stories. */
function pickTag(dist: string): string {
  const story = JSON.parse(
    readFileSync(path.join(dist, 'api/articles', `${SEED_ARTICLE_SLUG}.json`), 'utf8'),
  ) as { tags: { slug: string }[] }
  const candidates = story.tags
    .map((t) => t.slug)
    .filter((slug) => existsSync(path.join(dist, 'tags', slug, 'index.html')))
    .map((slug) => ({
      slug,
      cards: readFileSync(path.join(dist, 'tags', slug, 'index.html'), 'utf8').split('<article')
        .length,
    }))
  const best = candidates.sort((a, b) => b.cards - a.cards)[0]
  if (!best) throw new Error(`no prerendered tag page for ${SEED_ARTICLE_SLUG}'s tags`)
  return best.slug
}
