import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  createServer,
  loadConfigFromFile,
  type Connect,
  type Plugin,
  type PluginOption,
  type ResolvedConfig,
  type Rolldown,
} from 'vite'
import type { createPrerenderer } from '../src/entry-server.tsx'
import { redirectPage, redirectPageFile, withRenameRules } from './redirect-pages.ts'

interface Options {
  /**
   * Prerender only the newest N stories; older ones are served by the app shell (shell.html), which
   * renders them in the browser. Every listing's first page is always prerendered. Default: every story.
   * A string is read as NEWSROOM_PRERENDER_LIMIT is (an integer ≥ 0; empty means every story).
   */
  articleLimit?: number | string
}

/** Plugins that must not run inside the build's own render server. */
const NOT_FOR_RENDERING = new Set(['newsroom-api', 'newsroom-prerender'])

/**
 * Prerenders every listing's first page and the stories into the build (docs/decisions/008-prerendering.md):
 * `index.html` becomes the home page, and `articles/<slug>/index.html`, `sections/<slug>/index.html`,
 * `tags/…`, `authors/…` are written beside it. React renders each route with its data from the API the
 * build has just written (src/entry-server.tsx); `shell.html` stays the empty app shell for every other URL.
 *
 * Runs in writeBundle, ordered after every other plugin's (the API plugin writes dist/api and copies the
 * shell there first) and before vite-plugin-pwa generates the service worker in closeBundle.
 */
export function prerender(options: Options = {}): Plugin {
  const articleLimit = parseLimit(options.articleLimit)
  let config: ResolvedConfig

  return {
    name: 'newsroom-prerender',
    // The build renders the pages; `vite preview` serves them as a static host would.
    apply: (_, env) => env.command === 'build' || env.isPreview === true,
    configResolved(resolved) {
      config = resolved
    },
    writeBundle: {
      sequential: true,
      order: 'post',
      async handler(_output, bundle) {
        if (config.build.ssr) return
        const outDir = path.resolve(config.root, config.build.outDir)
        const template = await readFile(path.join(outDir, 'index.html'), 'utf8')
        const shell = await readFile(path.join(outDir, 'shell.html'), 'utf8').catch(() => null)
        if (shell !== template) {
          throw new Error(
            'newsroom-prerender: shell.html must be a copy of the built index.html before pages are ' +
              'rendered into index.html (the newsroom-api plugin writes it in its writeBundle)',
          )
        }
        const started = performance.now()
        await withRenderer(config, async (create) => {
          const renderer = create({ template, apiDir: path.join(outDir, 'api') })
          const { listings, articles } = await renderer.pagePaths({ articleLimit })
          const renderStarted = performance.now()
          // Each page names its route's lazy module, so the boot module (src/boot.ts) fetches it beside the
          // app and hydration does not wait for a second round trip (docs/decisions/016-start-up.md).
          const preloads = {
            listing: routePreloads(bundle, template, config.base, LISTING_ROUTE),
            article: routePreloads(bundle, template, config.base, ARTICLE_ROUTE),
          }
          for (const page of [...listings, ...articles]) {
            const kind = articles.includes(page) ? 'article' : 'listing'
            const html = addRouteModules(await renderer.render(page), preloads[kind])
            const file = path.join(outDir, fileFor(page))
            await mkdir(path.dirname(file), { recursive: true })
            await writeFile(file, html)
          }
          await writeRedirectPages(outDir)
          const pages = listings.length + articles.length
          const ms = performance.now() - renderStarted
          config.logger.info(
            `newsroom prerender: ${pages} pages (${listings.length} listings, ${articles.length} ` +
              `stories${Number.isFinite(articleLimit) ? `, limit ${articleLimit}` : ''}) for ` +
              `${renderer.siteUrl} in ${Math.round(ms)} ms, ${(ms / Math.max(pages, 1)).toFixed(1)} ms ` +
              `a page (${Math.round(performance.now() - started)} ms with start-up)`,
          )
        })
      },
    },
    configurePreviewServer(server) {
      const outDir = path.resolve(config.root, config.build.outDir)
      // Before Vite's static files: `/articles/x` is `articles/x/index.html`, as on a static host.
      server.middlewares.use(pageFiles(outDir))
      // After Vite's SPA fallback, which sends every unknown URL to index.html (now the home page):
      // every URL but the home page's gets the empty shell instead, as the shipped host configs do.
      return () => server.middlewares.use(shellFallback)
    },
  }
}

/**
 * The old address of each renamed story (api/redirects.json, written by the API build) takes the reader
 * to the new one wherever the build is served: a page of its own at the old path, which any static host,
 * nginx and `npm start` serve as they serve the story's own page, redirecting at once (and telling search
 * engines the new address is canonical); and a 301 rule in `_redirects` for hosts that read it.
 */
async function writeRedirectPages(outDir: string): Promise<void> {
  const text = await readFile(path.join(outDir, 'api/redirects.json'), 'utf8').catch(() => null)
  if (text === null) return
  const redirects = JSON.parse(text) as Record<string, string>
  for (const [from, to] of Object.entries(redirects)) {
    const file = path.join(outDir, redirectPageFile(from))
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, redirectPage(`/articles/${to}`))
  }
  const hostRules = path.join(outDir, '_redirects')
  await writeFile(hostRules, withRenameRules(await readFile(hostRules, 'utf8'), redirects))
}

export const LISTING_ROUTE = 'src/app/routes/listing-route.tsx'
export const ARTICLE_ROUTE = 'src/app/routes/article-route.tsx'

/**
 * The URLs of the chunk built from the route module `source` and of every chunk it imports statically,
 * less those the page already loads (the template's script and modulepreloads).
 */
export function routePreloads(
  bundle: Rolldown.OutputBundle,
  template: string,
  base: string,
  source: string,
): string[] {
  const chunks = Object.values(bundle).filter(
    (output): output is Rolldown.OutputChunk => output.type === 'chunk',
  )
  const route = chunks.find((chunk) =>
    chunk.facadeModuleId?.split(path.sep).join('/').endsWith(`/${source}`),
  )
  if (!route) throw new Error(`newsroom-prerender: no chunk for ${source}`)
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
  const files: string[] = []
  const visit = (fileName: string) => {
    if (files.includes(fileName)) return
    files.push(fileName)
    for (const imported of byName.get(fileName)?.imports ?? []) visit(imported)
  }
  visit(route.fileName)
  return files.map((file) => `${base}${file}`).filter((url) => !template.includes(`"${url}"`))
}

/**
 * The page with a `<meta name="newsroom:module">` for each URL, before </head>. Not modulepreloads: those
 * would download the app beside the first screen's image; src/boot.ts preloads them when the app starts.
 */
export function addRouteModules(html: string, urls: string[]): string {
  if (!urls.length) return html
  const tags = urls.map((url) => `<meta name="newsroom:module" content="${url}">`)
  return html.replace('</head>', () => `  ${tags.join('\n    ')}\n  </head>`)
}

/** The file a page is written to: `/` → index.html, `/articles/x` → articles/x/index.html. */
export function fileFor(pagePath: string): string {
  const { pathname } = new URL(pagePath, 'http://x')
  return path.join(...pathname.split('/').filter(Boolean).map(decodeURIComponent), 'index.html')
}

export function parseLimit(value: number | string | undefined): number {
  if (value === undefined || value === '') return Infinity
  const limit = typeof value === 'number' ? value : Number(value)
  if (!Number.isInteger(limit) || limit < 0) {
    throw new Error(
      `NEWSROOM_PRERENDER_LIMIT must be an integer ≥ 0 (or empty for all), not ${value}`,
    )
  }
  return limit
}

/**
 * Loads src/entry-server.tsx for Node through a Vite server of the project's own config (its aliases
 * and plugins, which the app's imports may rely on), minus the plugins that build, and closes it after.
 */
export async function withRenderer(
  config: Pick<ResolvedConfig, 'configFile' | 'mode' | 'root'>,
  run: (create: typeof createPrerenderer) => Promise<void>,
) {
  const loaded = config.configFile
    ? await loadConfigFromFile({ command: 'serve', mode: config.mode }, config.configFile)
    : null
  const plugins = (await flattenPlugins(loaded?.config.plugins ?? [])).filter(
    (plugin) => !NOT_FOR_RENDERING.has(plugin.name),
  )
  // A private dependency cache: the shared one in node_modules/.vite belongs to running dev servers.
  const cacheDir = await mkdtemp(path.join(tmpdir(), 'newsroom-prerender-'))
  const server = await createServer({
    ...loaded?.config,
    configFile: false,
    root: config.root,
    mode: config.mode,
    plugins,
    cacheDir,
    logLevel: 'warn',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  })
  try {
    const entry = (await server.ssrLoadModule('/src/entry-server.tsx')) as {
      createPrerenderer: typeof createPrerenderer
    }
    await run(entry.createPrerenderer)
  } finally {
    await server.close()
    await rm(cacheDir, { recursive: true, force: true })
  }
}

async function flattenPlugins(options: PluginOption[]): Promise<Plugin[]> {
  const plugins: Plugin[] = []
  for (const option of await Promise.all(options)) {
    if (Array.isArray(option)) plugins.push(...(await flattenPlugins(option)))
    else if (option && typeof option === 'object' && 'name' in option) plugins.push(option)
  }
  return plugins
}

function pageFiles(outDir: string): Connect.NextHandleFunction {
  return (req, _res, next) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (
      (req.method === 'GET' || req.method === 'HEAD') &&
      url.pathname !== '/' &&
      !url.pathname.endsWith('/') &&
      !path.extname(url.pathname)
    ) {
      const file = path.join(outDir, fileFor(url.pathname))
      if (file.startsWith(outDir + path.sep) && existsSync(file)) {
        req.url = `${url.pathname}/index.html${url.search}`
      }
    }
    next()
  }
}

const shellFallback: Connect.NextHandleFunction = (req, _res, next) => {
  const original = new URL(req.originalUrl ?? '/', 'http://x').pathname
  if (req.url === '/index.html' && original !== '/' && original !== '/index.html') {
    req.url = '/shell.html'
  }
  next()
}
