import { readFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * Build-time only (Node): a fetch for the API at `baseUrl` that reads the files the build has just
 * written into `dir`, and answers as a static host does: the file as JSON, or a 404. Prerendering reads
 * its data through the app's own API client this way, with no server running. A URL outside the base
 * (an image host, say) goes to the network.
 */
export function apiFromFiles(dir: string, baseUrl: URL) {
  const root = path.resolve(dir)
  return async (url: string, init: RequestInit): Promise<Response> => {
    if (!url.startsWith(baseUrl.href)) return fetch(url, init)
    const relative = decodeURIComponent(new URL(url).pathname.slice(baseUrl.pathname.length))
    const file = path.resolve(root, relative)
    if (!file.startsWith(root + path.sep)) return notFound(url)
    try {
      const body = await readFile(file)
      return new Response(body, { headers: { 'Content-Type': 'application/json' } })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return notFound(url)
      throw error
    }
  }
}

const notFound = (url: string) =>
  Response.json({ error: 'not_found', path: new URL(url).pathname }, { status: 404 })
