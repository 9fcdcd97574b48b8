/**
 * The app's configuration, read and checked once. `VITE_API_URL` points the reader at any server that
 * speaks the article-JSON API (docs/api.md); by default it reads the API bundled with the build.
 */
function apiBaseUrl(): URL {
  const configured: string = import.meta.env.VITE_API_URL || '/api/'
  const url = new URL(configured, window.location.origin)
  if (!/^https?:$/.test(url.protocol))
    throw new Error(`VITE_API_URL must be an http(s) URL, not ${configured}`)
  // A base without a trailing slash would make relative paths resolve beside it, not inside it.
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return url
}

export const env = {
  apiBaseUrl: apiBaseUrl(),
} as const
