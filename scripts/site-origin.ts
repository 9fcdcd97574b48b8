/** Where `npm start` serves the build (src/config/env.ts): the public origin when none is set. */
const DEFAULT_SITE_URL = 'http://localhost:4173'

/**
 * The site's public origin, from NEWSROOM_SITE_URL, checked as src/config/env.ts checks it for the pages
 * (that module reads Vite's `import.meta.env`, so a build script cannot import it): sitemaps, robots.txt
 * and feeds must name pages by the same absolute URLs as their canonical links.
 */
export function siteOrigin(env: NodeJS.ProcessEnv = process.env): URL {
  const configured = env.NEWSROOM_SITE_URL || DEFAULT_SITE_URL
  const url = URL.canParse(configured) ? new URL(configured) : null
  if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash)
    throw new Error(
      `NEWSROOM_SITE_URL must be an http(s) origin (https://news.example.org), not ${configured}`,
    )
  return url
}
