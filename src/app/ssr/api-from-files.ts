import { readFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * Build-time only (Node): a fetch for the API at `baseUrl` that reads the files the build has just
 * written into `dir`, and answers as a static host does: the file as JSON, or a 404. Prerendering reads
 * its data through the app's own API client this way, with no server running. A URL outside the base
 * (an image host, say) goes to the network. Given several folders, the first that holds a file answers:
 * the sync renders pages from the files it is about to publish over the live API.
 */
export function apiFromFiles(dirs: string | readonly string[], baseUrl: URL) {
  const roots = (typeof dirs === 'string' ? [dirs] : dirs).map((dir) => path.resolve(dir))
  return async (url: string, init: RequestInit): Promise<Response> => {
    if (!url.startsWith(baseUrl.href)) return fetch(url, init)
    const relative = decodeURIComponent(new URL(url).pathname.slice(baseUrl.pathname.length))
    for (const root of roots) {
      const file = path.resolve(root, relative)
      if (!file.startsWith(root + path.sep)) return notFound(url)
      try {
        const body = await readFile(file)
        return new Response(body, { headers: { 'Content-Type': 'application/json' } })
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') throw error
      }
    }
    return notFound(url)
  }
}

const notFound = (url: string) =>
  Response.json({ error: 'not_found', path: new URL(url).pathname }, { status: 404 })
