import type { BrowserSearchBench } from './search-browser.ts'
import type { SearchBench } from './search.ts'
import { kb, mark, msRange, table } from './table.ts'

/*
 * How the search figures are printed, by `npm run bench` and by scripts/bench/search.ts and
 * search-browser.ts run alone: the engine in Node, then the app in Chromium, each with issue 6's targets.
 */

/** Issue 6's targets: first results within 300 ms after at most 300 KB transferred. */
export const SEARCH_TARGET_MS = 300
export const SEARCH_TARGET_BYTES = 300 * 1024

const MiB = 1024 * 1024

/** What the Node search table shows, with each newsroom's index size. */
export function searchNote(runs: number, benches: [string, SearchBench][]): string {
  return `The app's search engine (src/features/search/lib/engine.ts) on each newsroom's built index, read from disk with nothing read before (a reader's first search), medians of ${runs} runs: time to the first page of results (10), and the index files it read, gzip level 6. Queries are picked from each index: its commonest word, that word as typed (a prefix), two common words, a rare word, a word in the busiest section. Index size: ${benches.map(([label, b]) => `${label} ${b.index.files.toLocaleString('en')} files, ${(b.index.bytes / MiB).toFixed(1)} MB`).join('; ')}. Targets: first results ≤ ${SEARCH_TARGET_MS} ms after ≤ ${SEARCH_TARGET_BYTES / 1024} KB.`
}

/** One row a query of each newsroom (labelled), the engine in Node. */
export function searchTable(benches: [string, SearchBench][]): string {
  return table(
    ['newsroom', 'query', 'first results', 'transferred (gz)', 'files', 'matches', 'target'],
    benches.flatMap(([label, bench]) =>
      bench.runs.map((r) => [
        label,
        `${r.label}: \`${r.query.trim()}\`${r.section ? ` in ${r.section}` : ''}`,
        `${r.ms} ms`,
        kb(r.bytes),
        String(r.files),
        r.total.toLocaleString('en'),
        mark(r.ms <= SEARCH_TARGET_MS && r.bytes <= SEARCH_TARGET_BYTES),
      ]),
    ),
  )
}

/** What the browser search table shows and how it is measured (keys typed `keyDelayMs` apart). */
export function browserSearchNote(runs: number, keyDelayMs: number): string {
  return `Chromium (playwright-core) on the production build served by nginx with the shipped configuration (gzip level 6), its /api/ the newsroom's built API. Each run is a first visit: a fresh context (cold HTTP cache, service workers blocked) opens /search, waits for the network to idle, picks the section in the Section box for the filtered query, then types the query key by key (${keyDelayMs} ms apart, well under the debounce, so only the whole query is searched; a run where a slow moment let the debounce fire early is typed again). "Last key → results": from the last keydown (a capturing listener) to the first animation frame with a result in the DOM, nothing subtracted, so it includes the app's 150 ms debounce (SEARCH_DEBOUNCE_MS); "debounce → results": from the debounce firing (the app replacing the URL with the query) to that frame. Bytes: encoded bodies (gzip, as sent) from CDP Network events, from opening the page until the network is idle after the results: under /api/search/, the section filter's /api/ids/ list, and all of /api/ (with site.json). Medians of ${runs} runs. Targets: first results ≤ ${SEARCH_TARGET_MS} ms from the last key, ≤ ${SEARCH_TARGET_BYTES / 1024} KB under /api/search/.`
}

/** One row a query of each newsroom (labelled), the app in Chromium. */
export function browserSearchTable(benches: [string, BrowserSearchBench][]): string {
  return table(
    [
      'newsroom',
      'query',
      'last key → results',
      'range',
      'debounce → results',
      '/api/search/ (gz)',
      'files',
      '+ ids',
      'all /api/',
      `≤ ${SEARCH_TARGET_MS} ms`,
      `≤ ${SEARCH_TARGET_BYTES / 1024} KB`,
    ],
    benches.flatMap(([label, bench]) =>
      bench.queries.map((q) => [
        label,
        `${q.label}: \`${q.query.trim()}\`${q.section ? ` in ${q.section}` : ''}`,
        `${Math.round(q.median.fromKeyMs)} ms`,
        msRange(q.runs.map((r) => r.fromKeyMs)),
        `${Math.round(q.median.afterDebounceMs)} ms`,
        kb(q.median.searchBytes),
        String(q.median.searchFiles),
        q.median.idsBytes ? kb(q.median.idsBytes) : '',
        kb(q.median.apiBytes),
        mark(q.median.fromKeyMs <= SEARCH_TARGET_MS),
        mark(q.median.searchBytes <= SEARCH_TARGET_BYTES),
      ]),
    ),
  )
}
