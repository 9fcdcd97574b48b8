import { queryOptions, type QueryClient } from '@tanstack/react-query'
import { fetchJson } from '@/lib/api-client'
import { cachedFiles, search, type SearchFiles, type SearchParams } from '../lib/engine'
import { docChunkPath, manifestPath, recentPath, shardPath } from '../lib/index-format'

// Loaded with the first request, not with the page (src/lib/api-client.ts).
const schemas = () => import('./schemas')

/** The search feature's query keys. */
export const searchKeys = {
  all: ['search'] as const,
  results: (params: SearchParams) =>
    [
      ...searchKeys.all,
      'results',
      {
        q: params.q,
        section: params.section ?? null,
        tags: params.tags ?? [],
        limit: params.limit,
      },
    ] as const,
}

/**
 * The index's files, read once per QueryClient. They stay out of the query cache on purpose: that cache
 * is saved on the device for offline reading, and shards of an index are no use there (the service
 * worker keeps the ones read, scripts/pwa-options.ts).
 */
const filesByClient = new WeakMap<QueryClient, SearchFiles>()

function indexFiles(queryClient: QueryClient): SearchFiles {
  let files = filesByClient.get(queryClient)
  if (!files) {
    files = cachedFiles({
      manifest: () =>
        fetchJson(manifestPath(), () => schemas().then((m) => m.SearchManifestSchema)),
      shard: (key) => fetchJson(shardPath(key), () => schemas().then((m) => m.TermShardSchema)),
      docs: (chunk) =>
        fetchJson(docChunkPath(chunk), () => schemas().then((m) => m.DocChunkSchema)),
      recent: () => fetchJson(recentPath(), () => schemas().then((m) => m.RecentSegmentSchema)),
      ids: (kind, slug) =>
        fetchJson(`ids/${kind}/${encodeURIComponent(slug)}.json`, () =>
          schemas().then((m) => m.IdGapsSchema),
        ),
    })
    filesByClient.set(queryClient, files)
  }
  return files
}

/**
 * Starts reading the index's manifest, the file every search reads first, as the search page opens: the
 * reader's first query then waits for one round trip fewer (`npm run bench`, "Search in the browser").
 * A failed read is forgotten (cachedFiles), so the first search asks again and reports the failure.
 */
export function warmSearchIndex(queryClient: QueryClient): void {
  indexFiles(queryClient)
    .manifest()
    .catch(() => {})
}

export function searchQueryOptions(params: SearchParams) {
  return queryOptions({
    queryKey: searchKeys.results(params),
    queryFn: ({ client }) => search(indexFiles(client), params),
    // The index changes only with a new build; a query typed again is answered from memory.
    staleTime: 5 * 60_000,
    // Results are not worth keeping on the device (the query cache is saved for offline reading).
    gcTime: 5 * 60_000,
    // While the next keystroke's results load, the last ones stay on screen instead of a blank.
    // (TanStack's keepPreviousData, written out: importing it adds an export to every page's first load.)
    placeholderData: (previous) => previous,
  })
}
