/// <reference types="vitest/config" />
import path from 'node:path'
import { defineConfig, loadEnv, type Plugin, type Rolldown } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'
import { VitePWA } from 'vite-plugin-pwa'
import { appVersion } from './scripts/app-version.ts'
import { dataSchemaHash } from './scripts/data-schema-hash.ts'
import { newsroomApi } from './scripts/vite-plugin-newsroom-api.ts'
import { contentIdentity, wordpressIdentity } from './scripts/site-identity.ts'
import { wordpressConfig } from './scripts/wordpress/config.ts'
import { feedsConfig, feedsIdentity } from './scripts/feeds-in/config.ts'
import { pwaOptionsFor } from './scripts/pwa-options.ts'
import { prerender } from './scripts/vite-plugin-prerender.ts'

/** The release the footer shows: VITE_APP_VERSION, else the package's version and the code's date. */
const APP_VERSION = appVersion(import.meta.dirname)

/** The page's module script: small, it starts the app (MAIN) once the page has painted. */
const BOOT = path.resolve(import.meta.dirname, 'src/boot.ts')
/** The app: what hydrates the page, imported by BOOT. */
const MAIN = path.resolve(import.meta.dirname, 'src/main.tsx')
/** Per chunking pass: every module MAIN imports statically, directly or not, less what BOOT has. */
type ChunkingContext = Parameters<Rolldown.CodeSplittingNameFunction>[1]
const firstRoutes = new WeakMap<ChunkingContext, Set<string>>()
/**
 * Modules the entry reaches only through a package's index, which imports every module of its package,
 * and that the first route never uses. The bundler leaves out what no chunk uses, but what a lazy chunk
 * uses would join the first route's chunk with the rest of the package. TanStack Query's hydrate and
 * dehydrate are for the device cache (src/features/pwa/api/device-cache.ts), loaded after start;
 * useQueries is for Following (src/app/routes/following-route.tsx), a lazy route.
 */
const NOT_FIRST_ROUTE = [
  /\/@tanstack\/query-core\/build\/modern\/(hydration|queriesObserver)\.js$/,
  /\/@tanstack\/react-query\/build\/modern\/useQueries\.js$/,
]

/** Every module reachable from `from` through static imports, but those matching NOT_FIRST_ROUTE. */
function staticallyReachable(from: string, ctx: ChunkingContext): Set<string> {
  const reachable = new Set<string>()
  const queue = [from]
  while (queue.length) {
    const next = queue.pop()!
    if (reachable.has(next) || NOT_FIRST_ROUTE.some((pattern) => pattern.test(next))) continue
    reachable.add(next)
    queue.push(...(ctx.getModuleInfo(next)?.importedIds ?? []))
  }
  return reachable
}

/**
 * Every module the app imports statically goes into one chunk beside it, whatever lazy route shares it:
 * one download and one gzip dictionary for the first route, instead of a dozen small shared chunks
 * (docs/decisions/009-performance-budgets.md). Lazy routes keep what only they need, and the boot module
 * keeps what it imports itself, so that it loads none of the app before it is time.
 */
function firstRouteChunk(id: string, ctx: ChunkingContext): string | null {
  let reachable = firstRoutes.get(ctx)
  if (!reachable) {
    const boot = staticallyReachable(BOOT, ctx)
    reachable = new Set([...staticallyReachable(MAIN, ctx)].filter((module) => !boot.has(module)))
    firstRoutes.set(ctx, reachable)
  }
  return id !== MAIN && reachable.has(id) ? 'app' : null
}

/**
 * React Router's package.json sends every bundler to its development build, which differs from the
 * production build beside it only in ENABLE_DEV_WARNINGS: console warnings for developers, and 0.6 KB gzip
 * of the first route (remix-run/react-router#12532 and #14102). `vite build` takes the production build;
 * the dev server, the tests and the prerenderer (it loads this config as `serve`) keep the warnings.
 */
const reactRouterProduction = {
  find: /^react-router$/,
  replacement: path.resolve(
    import.meta.dirname,
    'node_modules/react-router/dist/production/index.mjs',
  ),
}

/**
 * Names the app's start in index.html, for src/boot.ts: `<meta name="newsroom:app">` holds the URL of
 * src/main.tsx's chunk, and a `<meta name="newsroom:module">` each the chunks it imports, which the boot
 * preloads beside it. In the dev server, the source module itself. A literal `import('./main')` in the boot
 * would do the same, but with Vite's preload helper in the first route (docs/decisions/016-start-up.md).
 */
function appStart(): Plugin {
  const meta = (name: string, content: string) => `<meta name="${name}" content="${content}">`
  return {
    name: 'newsroom-app-start',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle)
          return html.replace(
            '</head>',
            () => `  ${meta('newsroom:app', '/src/main.tsx')}\n  </head>`,
          )
        const chunks = Object.values(ctx.bundle).filter(
          (output): output is Rolldown.OutputChunk => output.type === 'chunk',
        )
        const main = chunks.find((chunk) => chunk.facadeModuleId === MAIN)
        if (!main) throw new Error('newsroom-app-start: no chunk for src/main.tsx')
        const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
        const imported = new Set<string>()
        const visit = (file: string) => {
          for (const next of byName.get(file)?.imports ?? []) {
            if (imported.has(next)) continue
            imported.add(next)
            visit(next)
          }
        }
        visit(main.fileName)
        const tags = [
          meta('newsroom:app', `/${main.fileName}`),
          ...[...imported].map((file) => meta('newsroom:module', `/${file}`)),
        ]
        return html.replace('</head>', () => `  ${tags.join('\n    ')}\n  </head>`)
      },
    },
  }
}

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>\n?/

/**
 * The Content-Security-Policy meta tag of index.html (docs/decisions/010-sanitizing-and-csp.md), which every
 * built page inherits. An API on another origin (VITE_API_URL) must be reachable for data and images, so
 * the build adds that origin to connect-src and img-src. The dev server drops the tag: its HMR preamble is
 * an inline script.
 */
function contentSecurityPolicy(mode: string): Plugin {
  const configured = loadEnv(mode, import.meta.dirname, 'VITE_').VITE_API_URL
  const apiOrigin = configured && URL.canParse(configured) ? new URL(configured).origin : null
  return {
    name: 'newsroom-csp',
    transformIndexHtml(html, ctx) {
      const meta = CSP_META.exec(html)
      if (!meta) throw new Error('index.html must carry the Content-Security-Policy meta tag')
      if (ctx.server) return html.replace(CSP_META, '')
      if (!apiOrigin) return html
      const policy = meta[1]!.replace(
        /\b(connect-src|img-src) ([^;]*)/g,
        (_, directive: string, sources: string) => `${directive} ${sources} ${apiOrigin}`,
      )
      return html.replace(CSP_META, () => meta[0].replace(meta[1]!, policy))
    },
  }
}

const CONTENT_DIR = path.resolve(import.meta.dirname, process.env.NEWSROOM_CONTENT_DIR ?? 'content')
// NEWSROOM_WORDPRESS_URL builds from a WordPress site instead (README "Use with WordPress").
const WORDPRESS = wordpressConfig(process.env, import.meta.dirname)
// NEWSROOM_FEEDS builds from RSS, Atom and JSON feeds instead (README "Use with feeds").
const FEEDS = WORDPRESS ? null : feedsConfig(process.env, import.meta.dirname)

/**
 * The newsroom's name, description and the line under every page: content/site.yml's, or, building from
 * WordPress, the site's own (scripts/site-identity.ts). The masthead and every document title carry them
 * (VITE_SITE_NAME, VITE_SITE_NOTE), and so does the installed app's manifest.
 */
const SITE = WORDPRESS
  ? await wordpressIdentity(WORDPRESS)
  : FEEDS
    ? await feedsIdentity(FEEDS)
    : contentIdentity(CONTENT_DIR)

export default defineConfig(({ command, mode }) => ({
  define: {
    'import.meta.env.VITE_APP_VERSION': JSON.stringify(APP_VERSION),
    'import.meta.env.VITE_DATA_SCHEMA': JSON.stringify(dataSchemaHash()),
    'import.meta.env.VITE_SITE_NAME': JSON.stringify(SITE.name),
    'import.meta.env.VITE_SITE_NOTE': JSON.stringify(SITE.note),
  },
  plugins: [
    contentSecurityPolicy(mode),
    appStart(),
    react(),
    tailwindcss(),
    // Unit tests (mode "test") mock the network with MSW and need no API build.
    // NEWSROOM_CONTENT_DIR builds another newsroom (a test fixture, a generated corpus).
    mode !== 'test' && newsroomApi({ contentDir: CONTENT_DIR, wordpress: WORDPRESS, feeds: FEEDS }),
    // Renders every listing's first page and the newest NEWSROOM_PRERENDER_LIMIT stories (all by default)
    // into the build, after the API is written and before the service worker is generated.
    mode !== 'test' && prerender({ articleLimit: process.env.NEWSROOM_PRERENDER_LIMIT }),
    VitePWA(pwaOptionsFor(SITE)),
  ],
  resolve: {
    alias: [
      { find: '@', replacement: path.resolve(import.meta.dirname, 'src') },
      ...(command === 'build' ? [reactRouterProduction] : []),
    ],
  },
  build: {
    target: 'es2022',
    // No helper that adds modulepreloads beside each dynamic import: the first route is two chunks the
    // page names itself (src/boot.ts), and a lazy route's own imports are the first route's chunk, which
    // is loaded by then. Every browser that runs the app knows modulepreload: no polyfill either.
    modulePreload: false,
    sourcemap: true,
    rolldownOptions: {
      // The page's script (src/boot.ts, from index.html) and the app it starts once the page has painted.
      input: { index: path.resolve(import.meta.dirname, 'index.html'), main: MAIN },
      // Imported constants (src/i18n's text above all) are written where they are used, and their
      // declarations dropped: naming a string in one module then costs the first route nothing
      // (docs/decisions/014-interface-text.md).
      optimization: { inlineConst: true },
      output: {
        codeSplitting: {
          groups: [{ name: firstRouteChunk }],
        },
      },
    },
  },
  preview: { port: 4173 },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    // Builds tests/fixtures/content into a temp dir once; MSW serves those real files.
    globalSetup: ['tests/mocks/global-setup.ts'],
    setupFiles: ['tests/setup.ts'],
    restoreMocks: true,
    // The default 5 s is tight for a test that renders a whole app or builds a small newsroom while the
    // machine is busy; a passing test takes no longer for it.
    testTimeout: 15_000,
    // MSW simulates "no answer" (HttpResponse.error()) by rejecting a promise of its own; when the app has
    // already abandoned that request (a cancelled query, a connectivity probe stopped at teardown), nobody
    // is left to receive it. Only that exact artifact is ignored: any other unhandled error fails the run.
    onUnhandledError: (error) =>
      !(
        error.name === 'TypeError' &&
        error.message === 'Failed to fetch' &&
        /@mswjs[\\/]interceptors/.test(error.stack ?? '')
      ),
    unstubEnvs: true,
  },
}))
