import type { Config, DOMPurify } from 'dompurify'
// Relative, not '@/lib/…': the API build (scripts/wordpress) imports this module outside Vite's aliases.
import { isExternalUrl, safeUrl } from '../../../lib/safe-url.ts'

/**
 * The rules for an article body that arrives as HTML (an `html` block, docs/api.md), applied by DOMPurify:
 * in the browser by the lazily loaded html-body module, and at build time by the prerenderer (with jsdom).
 * Both call `createSanitizer`, so a prerendered page carries the markup the browser would have made.
 * docs/decisions/010-sanitizing-and-csp.md explains the choices.
 */

/** What a news story needs: text structure, links, emphasis, quotes, figures, images and tables. */
export const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'a',
  'em',
  'strong',
  'b',
  'i',
  'small',
  'sub',
  'sup',
  'abbr',
  'cite',
  'q',
  'time',
  'code',
  'pre',
  'blockquote',
  'figure',
  'figcaption',
  'img',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
]

/**
 * No `style` (CSS can exfiltrate and restyle the page), no `class` or `id` (they would borrow the app's
 * styles and clobber its globals), no `target` (links stay in the tab), no event handlers, no `srcset`.
 */
export const ALLOWED_ATTR = [
  'href',
  'src',
  'alt',
  'title',
  'width',
  'height',
  'colspan',
  'rowspan',
  'scope',
  'datetime',
  'start',
  'reversed',
  'lang',
  'dir',
]

/** Marks links that leave the site: the new page gets neither a handle on this one nor the referrer. */
export const EXTERNAL_LINK_REL = 'noopener noreferrer'

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Already outside the allowlist: named so that a future widening of it cannot let them back by accident.
  FORBID_TAGS: ['script', 'style', 'svg', 'math', 'iframe', 'object', 'embed', 'form', 'template'],
  FORBID_ATTR: ['style', 'srcset', 'target', 'formaction', 'xlink:href'],
}

/** A sanitizing function: TrustedHTML where the browser has Trusted Types, a string elsewhere. */
export type Sanitize = (html: string) => TrustedHTML | string

const configured = new WeakSet<DOMPurify>()

/**
 * Configures a DOMPurify instance with the news allowlist and our URL and link rules, and returns the
 * function that cleans one body. `siteOrigin` tells this site's links from other sites'.
 */
export function createSanitizer(purify: DOMPurify, siteOrigin: string): Sanitize {
  if (!configured.has(purify)) {
    configured.add(purify)
    // DOMPurify's own URL check allows data: on <img>; ours allows only http(s), mailto (links) and
    // relative references, and removes anything else.
    purify.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A') {
        const href = node.getAttribute('href')
        const safe = href === null ? null : safeUrl(href, 'href')
        if (safe === null) node.removeAttribute('href')
        else if (isExternalUrl(safe, siteOrigin)) node.setAttribute('rel', EXTERNAL_LINK_REL)
      }
      if (node.hasAttribute('src')) {
        const safe = safeUrl(node.getAttribute('src')!, 'src')
        if (safe === null) node.removeAttribute('src')
      }
      // An image with no safe source is not shown at all, rather than as a broken-image icon.
      if (node.nodeName === 'IMG' && !node.hasAttribute('src')) node.remove()
    })
  }
  return (html) => purify.sanitize(html, { ...CONFIG, RETURN_TRUSTED_TYPE: true })
}
