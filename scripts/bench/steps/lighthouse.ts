import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { SEED_ARTICLE_SLUG } from '../../budgets.ts'
import { ROOT, startServer } from '../../serve/nginx.ts'
import {
  LIGHTHOUSE_TARGETS,
  runLighthouse,
  summarizePage,
  type LighthouseRun,
} from '../lighthouse.ts'
import { lighthouseNote, lighthouseTable } from '../lighthouse-table.ts'
import { noJsRoot } from '../no-js.ts'
import type { Step } from './step.ts'

/**
 * Lighthouse on home, the seed story's busiest tag page and the seed story, each followed by the same page
 * without JavaScript (issue 10), from a second web root served by a second nginx with the same
 * configuration: each copy answers at its page's own path.
 */
export const lighthouseStep: Step = {
  title: 'Lighthouse',
  wanted: (options) => options.withLighthouse,
  async run({ dist, server, temp, options: { runs }, report, log }) {
    const pages = {
      home: '/',
      tag: `/tags/${pickTag(dist)}`,
      article: `/articles/${SEED_ARTICLE_SLUG}`,
    }
    type Page = keyof typeof pages
    const noJs = await noJsRoot(dist, Object.values(pages), path.join(temp, 'no-js'))
    const noJsServer = await startServer(noJs.root)
    const lhRuns = { home: [], tag: [], article: [] } as Record<Page, LighthouseRun[]>
    const noJsRuns = { home: [], tag: [], article: [] } as Record<Page, LighthouseRun[]>
    try {
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
    } finally {
      await noJsServer.stop()
    }
    const lh = Object.fromEntries(
      (Object.entries(pages) as [Page, string][]).map(([page, urlPath]) => [
        page,
        summarizePage(urlPath, lhRuns[page], noJsRuns[page], noJs.removed[urlPath]!),
      ]),
    )
    report.record('lighthouse', { targets: LIGHTHOUSE_TARGETS, ...lh })
    report.print('Lighthouse', lighthouseNote(runs), lighthouseTable(lh))
  },
}

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
