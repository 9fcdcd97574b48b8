/**
 * The one place that decides whether a URL from content (an API response, an HTML body) may become an
 * `href` or a `src`. An allowlist, not a blocklist: a web address (http, https), a mail address (links
 * only) or a relative reference. Everything else, `javascript:`, `vbscript:`, `data:`, `blob:`, `file:` and
 * whatever a browser may add one day, is refused, however it is disguised.
 */

export type UrlUse = 'href' | 'src'

/** What a browser's URL parser strips before it reads a scheme: leading/trailing C0 controls and spaces. */
// eslint-disable-next-line no-control-regex
const EDGE_JUNK = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g
/** And tabs and newlines anywhere: "java\tscript:" is "javascript:" to the parser. */
const TAB_OR_NEWLINE = /[\t\n\r]/g
const SCHEME = /^([a-z][a-z0-9+.-]*):/i
/** Numeric references, with or without their semicolon; named ones with it (`?a=1&b=2` is a query). */
const CHARACTER_REFERENCE = /&(?:#\d|#x[\da-f]|[a-z][a-z\d]*;)/i
const ALLOWED_SCHEMES: Record<UrlUse, ReadonlySet<string>> = {
  href: new Set(['http', 'https', 'mailto']),
  src: new Set(['http', 'https']),
}

/**
 * The URL, cleaned of what the browser would ignore anyway, when it is safe for `use`; null when not.
 * A relative reference must not hold a colon before its first `/`, `?` or `#`: RFC 3986 forbids that
 * for a relative path, and it is exactly how an encoded or entity-escaped scheme (`&#106;avascript:`,
 * `%6Aavascript:`) would look, should anything decode it later.
 */
export function safeUrl(value: string, use: UrlUse): string | null {
  const url = value.replace(EDGE_JUNK, '').replace(TAB_OR_NEWLINE, '')
  if (!url) return null
  // Any other control character inside a URL has no business there.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(url)) return null
  // Nor has an HTML character reference: these URLs are data, not markup, so `&#106;avascript:` or
  // `javascript&colon;` can only be an attempt to become a scheme once something decodes them.
  if (CHARACTER_REFERENCE.test(url)) return null
  // Nor has a URL the browser cannot parse (`http://[::1/`): code that resolves it would throw.
  if (!URL.canParse(url, 'https://base.invalid/')) return null
  const scheme = SCHEME.exec(url)?.[1]
  if (scheme) return ALLOWED_SCHEMES[use].has(scheme.toLowerCase()) ? url : null
  const firstSegment = url.split(/[/?#\\]/, 1)[0]!
  return firstSegment.includes(':') ? null : url
}

/** True when a safe URL leaves this site: an absolute web address on another origin, or a mail address. */
export function isExternalUrl(url: string, siteOrigin: string): boolean {
  try {
    return new URL(url, siteOrigin).origin !== siteOrigin
  } catch {
    return true
  }
}
