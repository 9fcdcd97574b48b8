import { existsSync } from 'node:fs'
import { copyFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Connect, Plugin, ResolvedConfig } from 'vite'
import sirv from 'sirv'
import { pullWordPress, recordBuild, type WordPressConfig } from './wordpress/config.ts'
import { buildApi, type BuildApiResult } from './api/build-api.ts'
import { ledgerFromBuild, writeLedger } from './api/ledger.ts'
import { termsHash } from './wordpress/changes.ts'
import { writeSitemaps } from './sitemaps/site-sitemaps.ts'
import { pullFeeds, type FeedsConfig } from './feeds-in/config.ts'
import { buildSiteFeeds } from './feeds-out/write-feeds.ts'

interface Options {
  contentDir: string
  /** Build from this WordPress instead of content/ (scripts/wordpress/config.ts). */
  wordpress?: WordPressConfig | null
  /** Or from RSS, Atom and JSON feeds (scripts/feeds-in/config.ts). */
  feeds?: FeedsConfig | null
  /** The URL path the bundled API is served from; also its folder inside the build output. */
  base?: string
}

/**
 * One build step for the article-JSON API, run by every Vite command:
 * - `vite` (dev) builds it into .cache/api, serves it, and rebuilds when content changes;
 * - `vite build` writes it into dist/api beside the app;
 * - `vite preview` serves dist/api and answers a missing file with 404 JSON, as a static host does,
 *   instead of Vite's SPA fallback (index.html with status 200).
 */
export function newsroomApi({ contentDir, wordpress, feeds, base = '/api/' }: Options): Plugin {
  let config: ResolvedConfig
  const folder = base.replace(/^\/|\/$/g, '')

  const log = (result: BuildApiResult, ms: number) =>
    config.logger.info(
      `newsroom api: ${result.articles} articles, ${result.files} files, images ` +
        `${result.images.rendered} rendered, ${result.images.cached} cached (${Math.round(ms)} ms)`,
    )

  const build = async (outDir: string) => {
    const started = performance.now()
    const say = (message: string) => config.logger.info(message)
    let result: BuildApiResult
    if (wordpress) {
      const { source, pulled } = await pullWordPress(wordpress, say)
      say(
        `newsroom api: from ${wordpress.url}: ${source.articles.length} stories` +
          (pulled
            ? `; this pull ${pulled.added.length} new, ${pulled.updated.length} changed, ` +
              `${pulled.removed.length} gone, ${pulled.media} images' details`
            : ` (the copy in ${path.relative(config.root, wordpress.mirrorDir)}, not pulled)`),
      )
      result = await buildApi({ source, outDir, report: (m) => say(`newsroom api: ${m}`) })
      // A build that pulled is what the next `npm run sync` into this folder compares against.
      if (pulled) await recordBuild(wordpress, path.dirname(outDir))
      // Its ledger lets that sync apply the next changes alone (scripts/api/update-api.ts): kept in the
      // copy by a build into the served folder, handed to the sync by its own build into a staging one.
      const ledgerOut = process.env.NEWSROOM_LEDGER_OUT
      if (config.command === 'build' && (pulled || ledgerOut)) {
        const live = process.env.NEWSROOM_LEDGER_LIVE ?? path.dirname(outDir)
        const ledger = await ledgerFromBuild(outDir, source.articles, {
          live,
          terms: await termsHash(wordpress.mirrorDir),
          wpSlugs: source.bodies.slugs,
        })
        if (ledgerOut) await writeFile(ledgerOut, JSON.stringify(ledger))
        else await writeLedger(wordpress.mirrorDir, ledger)
      }
    } else if (feeds) {
      const { source } = await pullFeeds(feeds, say)
      result = await buildApi({ source, outDir, report: (m) => say(`newsroom api: ${m}`) })
    } else {
      result = await buildApi({ contentDir, outDir })
    }
    log(result, performance.now() - started)
  }

  const notFound: Connect.NextHandleFunction = (req, res) => {
    res.statusCode = 404
    res.setHeader('Content-Type', 'application/json')
    res.end(JSON.stringify({ error: 'not_found', path: req.originalUrl }))
  }

  return {
    name: 'newsroom-api',
    configResolved(resolved) {
      config = resolved
    },
    async configureServer(server) {
      const outDir = path.resolve(config.root, '.cache/api')
      // In dev a content mistake is reported and fixed while the server keeps running.
      await build(outDir).catch((error: Error) =>
        config.logger.error(`newsroom api: ${error.message}`),
      )
      server.watcher.add(contentDir)
      let queued: Promise<void> = Promise.resolve()
      server.watcher.on('all', (_event, file) => {
        if (!file.startsWith(contentDir)) return
        queued = queued
          .then(() => build(outDir))
          .then(() => server.ws.send({ type: 'full-reload' }))
          .catch((error: Error) => config.logger.error(`newsroom api: ${error.message}`))
      })
      server.middlewares.use(base, sirv(outDir, { dev: true, etag: true }))
      server.middlewares.use(base, notFound)
    },
    async writeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir)
      await build(path.join(outDir, folder))
      // Every listing's feeds, from the API just written (docs/decisions/025-feeds-out.md).
      await buildSiteFeeds(outDir, path.join(outDir, folder), (m) => config.logger.info(m))
      // The sitemaps and robots.txt, from the API just written (docs/decisions/024-sitemaps.md).
      await writeSitemaps(outDir, path.join(outDir, folder))
      // The app shell: index.html as built, with no page rendered into it. Static hosts and the service
      // worker fall back to it for any URL that has no file of its own.
      await copyFile(path.join(outDir, 'index.html'), path.join(outDir, 'shell.html'))
    },
    configurePreviewServer(server) {
      const outDir = path.resolve(config.root, config.build.outDir)
      server.middlewares.use(base, (req, res, next) => {
        const file = path.join(
          outDir,
          folder,
          decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname),
        )
        if (file.startsWith(path.join(outDir, folder)) && existsSync(file)) next()
        else notFound(req, res, next)
      })
    },
  }
}
