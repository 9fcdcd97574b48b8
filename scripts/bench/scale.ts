import { parseArgs } from 'node:util'
import { execFile, spawn } from 'node:child_process'
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { buildApi } from '../api/build-api.ts'
import { countsFlag, runsAlone, wholeNumberFlag } from './flags.ts'
import { ensureCorpus } from './corpus.ts'
import { median } from './median.ts'

/**
 * The archive-size benchmark (issue 4): for generated newsrooms of each size, the API build's time and peak
 * memory, its output, and the JSON bytes a reader's views fetch.
 *
 *   npx tsx scripts/bench/scale.ts [--runs 5] [--counts 1000,10000,100000] [--seed 1] [--dir /tmp/x]
 *
 * Each build runs in a child process, so its peak RSS is the build's own (plus Node and the TypeScript
 * loader, about 60 MB). buildMs is the build alone, timed inside the child: the median of `runs` builds.
 */
export interface ScaleOptions {
  /** Builds per size; the time reported is their median. Default 5. */
  runs?: number
  /** Corpus seed. Default 1. */
  seed?: number
  /** Where corpora and builds go (a generated corpus is reused). Default <tmpdir>/newsroom-scale. */
  dir?: string
  /** Progress lines; default none. */
  log?: (line: string) => void
}

export interface Bytes {
  raw: number
  gzip: number
}

export interface ScaleRow {
  articles: number
  /** Median build time, ms. */
  buildMs: number
  /** The highest peak RSS of the builds, MB (2^20 bytes). */
  peakRssMb: number
  /** Every file the build wrote (JSON and images), bytes. */
  outputBytes: number
  files: number
  /** What the client fetches for each view, summed over its requests, with the files fetched. */
  bytes: Record<'home' | 'tagPage' | 'twoTagFilter' | 'article', Bytes>
  /** The paths behind each figure in `bytes`, for the curious. */
  views: Record<'home' | 'tagPage' | 'twoTagFilter' | 'article', string[]>
}

/** The filter code path the app uses, and its transport hook (see scripts/bench/filter-client.ts). */
export interface FilterClient {
  getFilteredPage: (
    ref: { kind: 'latest' },
    tags: readonly string[],
    page: number,
  ) => Promise<{ items: unknown[] }>
  setApiTransport: (transport: (url: string, init: RequestInit) => Promise<Response>) => void
}

const SELF = import.meta.filename

export async function measureScale(
  counts: number[] = [1000, 10000, 100000],
  options: ScaleOptions = {},
): Promise<ScaleRow[]> {
  const { runs = 5, seed = 1, dir = path.join(tmpdir(), 'newsroom-scale'), log } = options
  const client = await loadFilterClient()
  const rows: ScaleRow[] = []
  try {
    for (const count of counts) rows.push(await measureSize(count))
  } finally {
    await client.close()
  }
  return rows

  async function measureSize(count: number): Promise<ScaleRow> {
    const contentDir = await ensureCorpus(dir, count, seed, log)
    // Each run builds into a folder of its own that never existed, as on a fresh checkout; all are removed
    // at the end (1.3 GB each at 100,000 stories). Deleting the last run's 150,000 files just before a build
    // slowed this file system's file creation for minutes: 101-109 s against 50-61 s into a new folder, even
    // with `sync` between the two.
    const outDirs: string[] = []
    const times: number[] = []
    let peak = 0
    try {
      for (let run = 1; run <= runs; run++) {
        const outDir = path.join(dir, `api-${count}-${seed}-${process.pid}-${run}`)
        outDirs.push(outDir)
        await rm(outDir, { recursive: true, force: true })
        await settleDisk()
        const { ms, maxRssKb } = await buildInChild(contentDir, outDir)
        times.push(ms)
        peak = Math.max(peak, maxRssKb)
        log?.(
          `${count}: build ${run}/${runs} ${(ms / 1000).toFixed(1)} s, ${Math.round(maxRssKb / 1024)} MB`,
        )
      }
      const output = await sizeOf(outDirs.at(-1)!)
      const { bytes, views } = await measureViews(outDirs.at(-1)!, client)
      return {
        articles: count,
        buildMs: Math.round(median(times)),
        peakRssMb: Math.round(peak / 1024),
        outputBytes: output.bytes,
        files: output.files,
        bytes,
        views,
      }
    } finally {
      for (const outDir of outDirs) await rm(outDir, { recursive: true, force: true })
    }
  }
}

/**
 * The JSON each view fetches from a built API, raw and gzip (zlib level 6, the usual server setting):
 * home = site.json + lists/latest/1.json; a tag page = site.json + the commonest tag's first page; a two-tag
 * filter = what the client's getFilteredPage fetches for the two commonest tags, first page; an article =
 * the newest story's file.
 */
export async function measureViews(
  apiDir: string,
  client: FilterClient,
): Promise<Pick<ScaleRow, 'bytes' | 'views'>> {
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
  client.setApiTransport(async (url) => {
    const file = decodeURIComponent(new URL(url).pathname.replace(/^.*?\/api\//, ''))
    views.twoTagFilter.push(file)
    try {
      return new Response(await readFile(path.join(apiDir, file)), {
        headers: { 'content-type': 'application/json' },
      })
    } catch {
      return new Response('{"error":"not_found"}', { status: 404 })
    }
  })
  if (first && second)
    await client.getFilteredPage({ kind: 'latest' }, [first.slug, second.slug], 1)
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
  const root = path.resolve(import.meta.dirname, '../..')
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'silent',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    resolve: { alias: { '@': path.join(root, 'src') } },
  })
  const runner = createServerModuleRunner(server.environments.ssr, { hmr: false })
  const module = await runner.import<FilterClient>(
    path.join(import.meta.dirname, 'filter-client.ts'),
  )
  return {
    getFilteredPage: module.getFilteredPage,
    setApiTransport: module.setApiTransport,
    close: async () => {
      await runner.close()
      await server.close()
    },
  }
}

/** Flushes the file system's pending writes and deletions (`sync`), so that they are not timed. */
async function settleDisk(): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    execFile('sync', (error) => (error ? reject(error) : resolve())),
  )
}

function buildInChild(contentDir: string, outDir: string) {
  return new Promise<{ ms: number; maxRssKb: number }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', SELF, '--build-child', contentDir, outDir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`API build of ${contentDir} exited with ${code}`))
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; maxRssKb: number })
    })
  })
}

/** The bytes and the number of files in a folder, all the way down. */
export async function sizeOf(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0
  let files = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      const inner = await sizeOf(full)
      bytes += inner.bytes
      files += inner.files
    } else if (entry.isFile()) {
      files++
      bytes += (await stat(full)).size
    }
  }
  return { bytes, files }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)}`

export function formatScaleTable(rows: ScaleRow[]): string {
  const head = [
    'articles',
    'build s',
    'peak MB',
    'output MB',
    'files',
    'home KB',
    'tag page KB',
    '2-tag filter KB',
    'article KB',
  ]
  const lines = rows.map((r) => [
    r.articles.toLocaleString('en'),
    (r.buildMs / 1000).toFixed(1),
    String(r.peakRssMb),
    (r.outputBytes / 2 ** 20).toFixed(0),
    r.files.toLocaleString('en'),
    ...(['home', 'tagPage', 'twoTagFilter', 'article'] as const).map(
      (view) => `${kb(r.bytes[view].gzip)} (${kb(r.bytes[view].raw)})`,
    ),
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [
    row(head),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...lines.map(row),
    '',
    'View bytes are gzip (raw) JSON, KB = 1,024 bytes; build s is the median build.',
  ].join('\n')
}

if (runsAlone(import.meta)) {
  if (process.argv[2] === '--build-child') {
    const [contentDir, outDir] = process.argv.slice(3) as [string, string]
    const started = performance.now()
    await buildApi({ contentDir, outDir })
    const ms = performance.now() - started
    // maxRSS is in kilobytes.
    console.log(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS }))
  } else {
    const { values } = parseArgs({
      options: Object.fromEntries(
        ['counts', 'runs', 'seed', 'dir', 'json'].map(
          (name) => [name, { type: 'string' }] as const,
        ),
      ),
    })
    const args = new Map(Object.entries(values as Record<string, string | undefined>))
    const counts = countsFlag('counts', args.get('counts'), [1_000, 10_000, 100_000])
    const rows = await measureScale(counts, {
      runs: wholeNumberFlag('runs', args.get('runs'), 5),
      seed: Number(args.get('seed') ?? 1),
      dir: args.get('dir'),
      log: (line) => console.error(line),
    })
    console.log(formatScaleTable(rows))
    if (args.get('json')) await writeFile(args.get('json')!, `${JSON.stringify(rows, null, 2)}\n`)
  }
}
