/**
 * A page's metadata as HTML for the document's <head>: the title, description and canonical URL, Open
 * Graph and Twitter card tags for link previews, and schema.org JSON-LD for search engines. The build
 * writes it into every prerendered page (src/entry-server.tsx); crawlers and chat apps read it without
 * running JavaScript.
 */

export interface HeadImage {
  /** Absolute URL. */
  url: string
  width: number
  height: number
  alt: string
}

export interface PageHead {
  /** The whole document title: "Headline – Newsroom". */
  title: string
  description: string
  /** Absolute URL of the page's canonical address. */
  canonicalUrl: string
  siteName: string
  /** Open Graph type: a story is an `article`, a listing a `website`. */
  type: 'article' | 'website'
  image: HeadImage | null
  /** The first screen's largest image, preloaded with the `srcset` and `sizes` its <img> has. */
  preloadImage?: { href: string; srcset: string; sizes: string } | null
  /** Open Graph's locale (`en_US`, `ar_EG`): the story's language, or the site's (src/app/ssr/social.ts). */
  locale?: string
  /** The newsroom's account on X/Twitter (`@newsroom`), when it has one: `twitter:site`. */
  twitterSite?: string | null
  /** Open Graph article fields, for a story. Times are ISO 8601. */
  article?: {
    /** Absolute URL of the author's page. */
    authorUrl?: string
    publishedTime: string
    modifiedTime: string
    section: string
    tags: readonly string[]
  }
  /** A listing's own feeds, for feed readers to find (`<link rel="alternate">`): paths from the root. */
  feeds?: readonly { href: string; type: string; title: string }[]
  /** schema.org structured data (a NewsArticle, a CollectionPage). */
  jsonLd: Record<string, unknown>
}

/**
 * Every tag written here carries this attribute, so the app can take them away once the reader moves to
 * another page in the browser, where they would describe the wrong one.
 */
export const PAGE_HEAD_ATTRIBUTE = 'data-page-head'

/**
 * Marks a listing's feed links. They are not page-head tags: the listing's view keeps them while it shows
 * the listing, and takes them away when it goes (src/features/feeds/components/feed-links.tsx).
 */
export const FEED_LINK_ATTRIBUTE = 'data-listing-feed'

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text made safe for an HTML attribute value or element content. */
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)

/**
 * JSON made safe inside a <script> element: no `<` (so no `</script>` or `<!--`), `>` or `&` appears
 * literally, and the line separators some parsers reject are escaped. JSON.parse reads it unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

const meta = (key: 'name' | 'property', name: string, content: string | number) =>
  `<meta ${key}="${escapeHtml(name)}" content="${escapeHtml(String(content))}" ${PAGE_HEAD_ATTRIBUTE}>`

/** The head tags for one page, one per line, every value escaped. */
export function renderHead(head: PageHead): string {
  const { image, article } = head
  const lines = [
    `<title ${PAGE_HEAD_ATTRIBUTE}>${escapeHtml(head.title)}</title>`,
    meta('name', 'description', head.description),
    `<link rel="canonical" href="${escapeHtml(head.canonicalUrl)}" ${PAGE_HEAD_ATTRIBUTE}>`,
    ...(head.feeds ?? []).map(
      (feed) =>
        `<link rel="alternate" type="${escapeHtml(feed.type)}" title="${escapeHtml(feed.title)}" href="${escapeHtml(feed.href)}" ${FEED_LINK_ATTRIBUTE}>`,
    ),
    meta('property', 'og:type', head.type),
    meta('property', 'og:site_name', head.siteName),
    meta('property', 'og:title', head.title),
    meta('property', 'og:description', head.description),
    meta('property', 'og:url', head.canonicalUrl),
    // Lets search engines show the large preview image, as link previews do (docs/decisions/026-link-previews.md).
    meta('name', 'robots', 'max-image-preview:large'),
  ]
  if (head.locale) lines.push(meta('property', 'og:locale', head.locale))
  if (head.preloadImage) {
    const { href, srcset, sizes } = head.preloadImage
    lines.push(
      `<link rel="preload" as="image" href="${escapeHtml(href)}" imagesrcset="${escapeHtml(srcset)}" imagesizes="${escapeHtml(sizes)}" fetchpriority="high" ${PAGE_HEAD_ATTRIBUTE}>`,
    )
  }
  if (image) {
    lines.push(
      meta('property', 'og:image', image.url),
      meta('property', 'og:image:width', image.width),
      meta('property', 'og:image:height', image.height),
      meta('property', 'og:image:alt', image.alt),
    )
  }
  if (article) {
    if (article.authorUrl) lines.push(meta('property', 'article:author', article.authorUrl))
    lines.push(
      meta('property', 'article:published_time', article.publishedTime),
      meta('property', 'article:modified_time', article.modifiedTime),
      meta('property', 'article:section', article.section),
      ...article.tags.map((tag) => meta('property', 'article:tag', tag)),
    )
  }
  lines.push(
    // A large card for a picture as wide as a preview; a square logo gets the small one.
    meta(
      'name',
      'twitter:card',
      image && image.width > image.height ? 'summary_large_image' : 'summary',
    ),
    meta('name', 'twitter:title', head.title),
    meta('name', 'twitter:description', head.description),
  )
  if (head.twitterSite) lines.push(meta('name', 'twitter:site', head.twitterSite))
  if (image) {
    lines.push(
      meta('name', 'twitter:image', image.url),
      meta('name', 'twitter:image:alt', image.alt),
    )
  }
  lines.push(
    `<script type="application/ld+json" ${PAGE_HEAD_ATTRIBUTE}>${jsonForScript(head.jsonLd)}</script>`,
  )
  return lines.join('\n')
}
