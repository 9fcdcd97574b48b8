/**
 * The app's configuration, read and checked once. `VITE_API_URL` points the reader at any server that
 * speaks the article-JSON API (docs/api.md); by default it reads the API bundled with the build.
 *
 * The same module runs in the browser and, when the build prerenders pages (src/entry-server.tsx), in
 * Node, where there is no page location: there the site's public address, `NEWSROOM_SITE_URL`, stands
 * in for it.
 */

/** Where `npm start` serves the build: the public address when NEWSROOM_SITE_URL is not set. */
export const DEFAULT_SITE_URL = 'http://localhost:4173'

function siteUrl(): URL {
  if (typeof window !== 'undefined') return new URL('/', window.location.origin)
  const configured = globalThis.process?.env.NEWSROOM_SITE_URL || DEFAULT_SITE_URL
  let url: URL
  try {
    url = new URL(configured)
  } catch {
    throw new Error(`NEWSROOM_SITE_URL must be an absolute http(s) URL, not ${configured}`)
  }
  if (!/^https?:$/.test(url.protocol))
    throw new Error(`NEWSROOM_SITE_URL must be an http(s) URL, not ${configured}`)
  // The app's routes start at the root of its origin; a path here would make every canonical URL wrong.
  if (url.pathname !== '/' || url.search || url.hash)
    throw new Error(
      `NEWSROOM_SITE_URL must be an origin (https://news.example.org), not ${configured}`,
    )
  return url
}

function apiBaseUrl(site: URL): URL {
  const configured: string = import.meta.env.VITE_API_URL || '/api/'
  const url = new URL(configured, site)
  if (!/^https?:$/.test(url.protocol))
    throw new Error(`VITE_API_URL must be an http(s) URL, not ${configured}`)
  // A base without a trailing slash would make relative paths resolve beside it, not inside it.
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return url
}

const site = siteUrl()

export const env = {
  /** The site's root URL (`https://news.example.org/`): the page's own origin in a browser. */
  siteUrl: site,
  apiBaseUrl: apiBaseUrl(site),
} as const
