import { opendir, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { addRouteModules, fileFor, withRenderer } from './vite-plugin-prerender.ts'

/**
 * Prerenders a few pages of a built site again, after a sync changed the API they show
 * (scripts/api/update-api.ts): the same renderer the build uses (src/entry-server.tsx through
 * scripts/vite-plugin-prerender.ts), reading the live API, with the live build's template (shell.html)
 * and the route modules its pages already name, so a page comes out as the full build would write it.
 */

export interface PrerenderPagesOptions {
  /** The repository (vite.config.ts). */
  root: string
  /** The built site readers are served: its shell.html, api/ and pages. */
  live: string
  /** Where the pages are written (a staging folder published after). */
  outDir: string
  /** Page paths: `/`, `/articles/x`, `/sections/y`. */
  pages: readonly string[]
}

export interface PrerenderPagesResult {
  /** The files written, relative to outDir. */
  files: string[]
  /** Starting the renderer (a Vite server loading the app for Node), and rendering, in ms. */
  startMs: number
  renderMs: number
}

const MODULE_META = /<meta name="newsroom:module" content="([^"]+)">/g

/** Renders `pages` into `outDir`. */
export async function prerenderPages({
  root,
  live,
  outDir,
  pages,
}: PrerenderPagesOptions): Promise<PrerenderPagesResult> {
  const template = await readFile(path.join(live, 'shell.html'), 'utf8')
  // What a built page names beyond its template: its route's modules (routePreloads, at build time).
  const routeModules = async (page: string | null) =>
    (await modulesOf(page)).filter((url) => !template.includes(`"${url}"`))
  const preloads = {
    listing: await routeModules(path.join(live, 'index.html')),
    article: await routeModules(await anyArticlePage(live)),
  }
  const files: string[] = []
  const started = performance.now()
  let startMs = 0
  await withRenderer(
    { configFile: path.join(root, 'vite.config.ts'), mode: 'production', root },
    async (create) => {
      startMs = performance.now() - started
      // What is staged in outDir/api (the sync's changes, not yet published) over the live API.
      const renderer = create({
        template,
        apiDir: [path.join(outDir, 'api'), path.join(live, 'api')],
      })
      for (const page of pages) {
        const kind = page.startsWith('/articles/') ? 'article' : 'listing'
        const html = addRouteModules(await renderer.render(page), preloads[kind])
        const file = fileFor(page)
        await mkdir(path.dirname(path.join(outDir, file)), { recursive: true })
        await writeFile(path.join(outDir, file), html)
        files.push(file.split(path.sep).join('/'))
      }
    },
  )
  return { files, startMs, renderMs: performance.now() - started - startMs }
}

/** The route modules a built page names (its `<meta name="newsroom:module">`). */
async function modulesOf(file: string | null): Promise<string[]> {
  if (!file) return []
  const html = await readFile(file, 'utf8')
  return [...html.matchAll(MODULE_META)].map((match) => match[1]!)
}

/** A story page of the live build (not a redirect page): the first the folder lists. */
async function anyArticlePage(live: string): Promise<string | null> {
  const dir = await opendir(path.join(live, 'articles')).catch(() => null)
  if (!dir) return null
  try {
    for await (const entry of dir) {
      const file = path.join(live, 'articles', entry.name, 'index.html')
      const html = await readFile(file, 'utf8').catch(() => '')
      if (html.includes('newsroom:module')) return file
    }
  } finally {
    await dir.close().catch(() => undefined)
  }
  return null
}
