import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { ROOT } from '../serve/nginx.ts'

/**
 * What a reader's views of a built API cost (issue 4): the JSON each fetches, raw and gzip (zlib level 6,
 * the usual server setting). The two-tag filter is fetched by the app's own filter code (loaded through
 * Vite's module runner), so the figure is what the app really fetches.
 */
export interface Bytes {
  raw: number
  gzip: number
}

export type View = 'home' | 'tagPage' | 'twoTagFilter' | 'article'

export interface ViewBytes {
  /** What the client fetches for each view, summed over its requests. */
  bytes: Record<View, Bytes>
  /** The paths behind each figure in `bytes`, for the curious. */
  views: Record<View, string[]>
}

type Transport = (url: string, init: RequestInit) => Promise<Response>

/**
 * The filter code path the app uses, and the app's query client, made with a transport of the bench's own
 * (see scripts/bench/filter-client.ts): the requests are counted, nothing else in the process is redirected.
 */
export interface FilterClient<TQueryClient = unknown> {
  getFilteredPage: (
    ref: { kind: 'latest' },
    tags: readonly string[],
    page: number,
    signal: AbortSignal | undefined,
    client: TQueryClient,
  ) => Promise<{ items: unknown[] }>
  makeQueryClient: (options: { apiTransport: Transport }) => TQueryClient
}

/**
 * The JSON each view fetches from a built API: home = site.json + lists/latest/1.json; a tag page =
 * site.json + the commonest tag's first page; a two-tag filter = what the client's getFilteredPage fetches
 * for the two commonest tags, first page; an article = the newest story's file. Shared by the scale group
 * and the JSON budget test, so the bench reports what the test holds.
 */
export async function measureViews<TQueryClient>(
  apiDir: string,
  client: FilterClient<TQueryClient>,
): Promise<ViewBytes> {
  const site = JSON.parse(await readFile(path.join(apiDir, 'site.json'), 'utf8')) as {
    tags: { slug: string; count: number }[]
  }
  const latest = JSON.parse(await readFile(path.join(apiDir, 'lists/latest/1.json'), 'utf8')) as {
    items: { slug: string }[]
  }
  const [first, second] = [...site.tags].sort(
    (a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1),
  )
  const files = async (paths: string[]) => {
    const total = { raw: 0, gzip: 0 }
    for (const file of paths) {
      const body = await readFile(path.join(apiDir, file))
      total.raw += body.length
      total.gzip += gzipSync(body).length
    }
    return total
  }
  const views = {
    home: ['site.json', 'lists/latest/1.json'],
    tagPage: ['site.json', `lists/tags/${first!.slug}/1.json`],
    twoTagFilter: [] as string[],
    article: latest.items[0] ? [`articles/${latest.items[0].slug}.json`] : [],
  }
  const queryClient = client.makeQueryClient({
    apiTransport: async (url) => {
      const file = decodeURIComponent(new URL(url).pathname.replace(/^.*?\/api\//, ''))
      views.twoTagFilter.push(file)
      try {
        return new Response(await readFile(path.join(apiDir, file)), {
          headers: { 'content-type': 'application/json' },
        })
      } catch {
        return new Response('{"error":"not_found"}', { status: 404 })
      }
    },
  })
  if (first && second)
    await client.getFilteredPage(
      { kind: 'latest' },
      [first.slug, second.slug],
      1,
      undefined,
      queryClient,
    )
  return {
    bytes: {
      home: await files(views.home),
      tagPage: await files(views.tagPage),
      twoTagFilter: await files(views.twoTagFilter),
      article: await files(views.article),
    },
    views,
  }
}

/**
 * Loads the client's filter code through a Vite module runner, which gives it import.meta.env, `@/` and its
 * lazily imported schemas; the runner stays open until close().
 */
export async function loadFilterClient(): Promise<FilterClient & { close: () => Promise<void> }> {
  const { createServer, createServerModuleRunner } = await import('vite')
  const server = await createServer({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    resolve: { alias: { '@': path.join(ROOT, 'src') } },
  })
  const runner = createServerModuleRunner(server.environments.ssr, { hmr: false })
  const module = await runner.import<FilterClient>(
    path.join(import.meta.dirname, 'filter-client.ts'),
  )
  return {
    getFilteredPage: module.getFilteredPage,
    makeQueryClient: module.makeQueryClient,
    close: async () => {
      await runner.close()
      await server.close()
    },
  }
}
