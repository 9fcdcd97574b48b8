import { rm } from 'node:fs/promises'
import path from 'node:path'
import { budgets, SEED_ARTICLE_SLUG } from '../../budgets.ts'
import { ROOT } from '../../serve/nginx.ts'
import { measureFirstRoute, type FirstRoute } from '../first-route.ts'
import { buildFloor } from '../floor.ts'
import { kb, mark, table } from '../table.ts'
import type { BenchContext } from './step.ts'

const ARTICLE_HTML = `articles/${SEED_ARTICLE_SLUG}/index.html`

/**
 * The first route of home and of the seed story, beside the floor app's (scripts/bench/floor.ts). Run
 * before anything is served, and not caught: without a build to weigh, nothing after it means anything.
 */
export async function firstRouteStep({
  dist,
  report,
  log,
}: Pick<BenchContext, 'dist' | 'report' | 'log'>): Promise<void> {
  log('building the floor app')
  const floorDir = await buildFloor(ROOT)
  let firstRoute: Record<string, FirstRoute>
  try {
    firstRoute = {
      home: measureFirstRoute(dist, 'index.html'),
      article: measureFirstRoute(dist, ARTICLE_HTML),
      floor: measureFirstRoute(path.join(floorDir, 'dist'), 'index.html'),
    }
  } finally {
    await rm(floorDir, { recursive: true, force: true })
  }
  const floorJs = firstRoute.floor!.js.gzip
  report.record(
    'firstRoute',
    Object.fromEntries(
      Object.entries(firstRoute).map(([page, m]) => [
        page,
        { ...m, floorRatio: m.js.gzip / floorJs },
      ]),
    ),
  )
  report.print(
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
}
