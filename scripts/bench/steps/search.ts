import path from 'node:path'
import { launchBrowser } from '../../chromium.ts'
import { withNewsroomApi } from '../newsroom-api.ts'
import { KEY_DELAY_MS, measureSearchBrowser, type BrowserSearchBench } from '../search-browser.ts'
import { measureSearch, type SearchBench } from '../search.ts'
import { browserSearchNote, browserSearchTable, searchNote, searchTable } from '../search-table.ts'
import type { Step } from './step.ts'

/**
 * Search (issue 6), measured twice on the same built index: the engine in Node (scripts/bench/search.ts),
 * then the app in Chromium over HTTP (scripts/bench/search-browser.ts); on the demo, and on each generated
 * newsroom unless the scale group is left out. A failure in the browser is reported in its own section,
 * after the Node figures.
 */
export const searchStep: Step = {
  title: 'Search',
  wanted: () => true,
  async run({ dist, newsrooms, options: { runs, counts, withScale }, report, log }) {
    log(
      `search on the demo${withScale ? ` and on ${counts.join(', ')} stories` : ''}, ${runs} runs, in Node and in the browser`,
    )
    const benches: [string, SearchBench][] = [
      ['demo', await measureSearch(path.join(dist, 'api'), runs)],
    ]
    const inBrowser: [string, BrowserSearchBench][] = []
    let browserError: unknown = null
    const browser = await launchBrowser()
    try {
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
        for (const count of counts) {
          await withNewsroomApi(count, { dir: newsrooms, log }, async (apiDir) => {
            const label = count.toLocaleString('en')
            benches.push([label, await measureSearch(apiDir, runs)])
            await measureInBrowser(label, apiDir)
          })
        }
      }
    } finally {
      await browser.close()
    }
    report.record('search', Object.fromEntries(benches))
    report.print('Search', searchNote(runs, benches), searchTable(benches))
    if (browserError) return report.failed('Search in the browser', browserError)
    report.record('searchBrowser', Object.fromEntries(inBrowser))
    report.print(
      'Search in the browser',
      browserSearchNote(runs, KEY_DELAY_MS),
      browserSearchTable(inBrowser),
    )
  },
}
