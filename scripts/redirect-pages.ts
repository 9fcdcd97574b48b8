/**
 * What takes a reader from a renamed story's old address to the new one, on any host: a page at the old
 * address that redirects at once (and names the new one canonical), and a 301 rule in `_redirects`. The
 * build writes them (scripts/vite-plugin-prerender.ts); the sync rewrites them when a story is renamed.
 */

const RENAMES_HEADING = '# Renamed stories: the old address takes the reader to the new one.'

/** The page at a renamed story's old address, relative to the site's folder. */
export function redirectPageFile(from: string): string {
  return `articles/${from}/index.html`
}

/**
 * `_redirects` with a 301 rule for each renamed story, before the catch-all rules so that they apply first,
 * in place of the rules it had (the sync rewrites them when a story is renamed).
 */
export function withRenameRules(hostRules: string, redirects: Record<string, string>): string {
  const rest = hostRules.startsWith(RENAMES_HEADING)
    ? hostRules.slice(hostRules.indexOf('\n\n') + 2)
    : hostRules
  const rules = Object.entries(redirects).map(
    ([from, to]) => `/articles/${from}  /articles/${to}  301`,
  )
  return rules.length ? `${RENAMES_HEADING}\n${rules.join('\n')}\n\n${rest}` : rest
}

export function redirectPage(target: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Moved</title>
    <meta http-equiv="refresh" content="0; url=${target}">
    <link rel="canonical" href="${target}">
    <meta name="robots" content="noindex">
  </head>
  <body>
    <p>This story has moved: <a href="${target}">${target}</a>.</p>
  </body>
</html>
`
}
