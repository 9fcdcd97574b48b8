import DOMPurify from 'dompurify'
import type { Block, Figure, Inline } from '../../src/features/articles/api/schemas.ts'
import { createSanitizer, type Sanitize } from '../../src/features/articles/html/sanitizer.ts'
import { domWindow, parseFragment } from './text.ts'

/**
 * A WordPress post's rendered HTML (`content.rendered`) as the API's blocks (docs/api.md,
 * docs/wordpress.md): paragraphs, subheadings, quotes with their attribution, lists and figures become
 * the app's own blocks; what has no block of its own (tables, galleries, preformatted text) becomes an
 * `html` block, sanitized here with the allowlist the app applies when it renders one; embeds become
 * link cards (`embed` blocks); leftover shortcodes are removed and reported. Scripts, frames, styles and
 * event handlers never get through: the blocks carry text, and `html` blocks are sanitized.
 */

export interface HtmlContext {
  /** The WordPress site's own address: links to its posts become links to /articles/<slug>. */
  siteUrl: string
  /** Our slug of a post, by its WordPress slug (percent-decoded) and by its id (`?p=123`). */
  postSlug: (key: { slug?: string; id?: number }) => string | undefined
  /**
   * A figure for a WordPress image (by attachment id, from its `wp-image-<id>` class), or undefined when
   * the build has no copy of it. `caption` is the one written in the post, if any.
   */
  figure: (mediaId: number, alt: string, caption: string | null) => Figure | undefined
  /** Problems worth telling the newsroom (removed shortcodes, images with no copy), never fatal. */
  report: (message: string) => void
}

/**
 * One sanitizer for the whole build. It is told an origin no link can have:
 * links to our own stories are paths (/articles/…), and every other link leaves the site.
 */
let sanitize: Sanitize | undefined

export function htmlToBlocks(html: string, ctx: HtmlContext): Block[] {
  sanitize ??= createSanitizer(DOMPurify(domWindow()), 'https://newsroom.invalid')
  const blocks: Block[] = []
  for (const node of Array.from(parseFragment(html).childNodes)) blocks.push(...toBlocks(node, ctx))
  return sanitizeHtmlBlocks(blocks, sanitize)
}

/** Sanitizes `html` blocks, last, so that everything that reaches the API has been through it. */
function sanitizeHtmlBlocks(blocks: Block[], sanitize: Sanitize): Block[] {
  const out: Block[] = []
  for (const block of blocks) {
    if (block.type !== 'html') {
      out.push(block)
      continue
    }
    const clean = String(sanitize(block.html)).trim()
    if (clean) out.push({ type: 'html', html: clean })
  }
  return out
}

const ELEMENT = 1
const TEXT = 3

function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT
}

/** Elements whose whole subtree is dropped: nothing of theirs is ever shown. */
const DROPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'FORM',
  'INPUT',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'SVG',
  'MATH',
  'LINK',
  'META',
])

function toBlocks(node: Node, ctx: HtmlContext): Block[] {
  if (node.nodeType === TEXT) return paragraphOf(inlinesOfText(node.textContent ?? '', ctx))
  if (!isElement(node)) return []
  const tag = node.tagName
  if (DROPPED.has(tag)) return []
  const classes = node.classList

  // Embeds (a block editor embed, or a bare URL WordPress could not expand): a link to the original.
  if (classes.contains('wp-block-embed') || classes.contains('wp-embedded-content'))
    return embedLink(node, ctx)

  if (tag === 'P') return paragraphBlocks(node, ctx)
  if (/^H[1-6]$/.test(tag)) {
    const content = inlinesOf(node, ctx)
    if (!hasText(content)) return []
    return [{ type: 'heading', level: tag <= 'H2' ? 2 : 3, content }]
  }
  if (tag === 'BLOCKQUOTE') return quoteOf(node, ctx)
  if (tag === 'FIGURE' && node.querySelector(':scope > blockquote') && !node.querySelector('img'))
    return quoteOf(node.querySelector(':scope > blockquote')!, ctx, node)
  if ((tag === 'UL' || tag === 'OL') && !node.querySelector('ul, ol, img, table'))
    return listOf(node, ctx)
  if (tag === 'FIGURE' || (tag === 'DIV' && classes.contains('wp-caption'))) {
    // A gallery or a table in a figure has no block of its own; one image with its caption does.
    if (classes.contains('wp-block-gallery') || node.querySelector('table, ul, ol'))
      return [htmlBlock(node, ctx)]
    const figure = figureOf(node, ctx)
    return figure ? [figure] : []
  }
  if (tag === 'HR') return []
  // Containers the editor adds around blocks (groups, columns): their children, as blocks.
  if (
    (tag === 'DIV' || tag === 'SECTION' || tag === 'ARTICLE' || tag === 'ASIDE') &&
    !classes.contains('gallery') &&
    !node.querySelector(':scope > table')
  ) {
    return Array.from(node.childNodes).flatMap((child) => toBlocks(child, ctx))
  }
  // Tables, galleries, preformatted text, nested lists, definition lists: sanitized markup.
  return [htmlBlock(node, ctx)]
}

function paragraphBlocks(node: Element, ctx: HtmlContext): Block[] {
  // wpautop wraps a classic post's `[caption]` (a div.wp-caption) and lone images in a <p>.
  const caption = node.querySelector('.wp-caption')
  if (caption) return figureOf(caption, ctx) ? [figureOf(caption, ctx)!] : []
  const images = node.querySelectorAll('img')
  if (images.length > 0 && !(node.textContent ?? '').trim()) {
    return Array.from(images).flatMap((img) => {
      const figure = figureOf(img, ctx)
      return figure ? [figure] : []
    })
  }
  const text = (node.textContent ?? '').trim()
  // A paragraph that is only a URL is an embed WordPress could not expand (no network, or a provider
  // it does not know).
  if (/^https?:\/\/\S+$/.test(text) && node.children.length <= 1) return embedLink(node, ctx)
  return paragraphOf(inlinesOf(node, ctx))
}

function paragraphOf(content: Inline[]): Block[] {
  return hasText(content) ? [{ type: 'paragraph', content: trimInlines(content) }] : []
}

function quoteOf(node: Element, ctx: HtmlContext, outer: Element = node): Block[] {
  const citeElement = outer.querySelector('cite, figcaption, footer')
  const cite = citeElement ? squash(citeElement.textContent ?? '') || null : null
  const paragraphs: Inline[][] = []
  const ps = Array.from(node.querySelectorAll('p'))
  if (ps.length) {
    for (const p of ps) {
      if (citeElement && p.contains(citeElement) && squash(p.textContent ?? '') === cite) continue
      const content = trimInlines(inlinesOf(p, ctx, citeElement))
      if (hasText(content)) paragraphs.push(content)
    }
  } else {
    const content = trimInlines(inlinesOf(node, ctx, citeElement))
    if (hasText(content)) paragraphs.push(content)
  }
  if (paragraphs.length === 0) return []
  return [{ type: 'quote', paragraphs, cite: cite?.replace(/^[—–-]\s*/, '') || null }]
}

function listOf(node: Element, ctx: HtmlContext): Block[] {
  const items = Array.from(node.children)
    .filter((child) => child.tagName === 'LI')
    .map((li) => trimInlines(inlinesOf(li, ctx)))
    .filter(hasText)
  return items.length ? [{ type: 'list', ordered: node.tagName === 'OL', items }] : []
}

/** An image with its caption: a figure block when the build has a copy of the image, else nothing. */
function figureOf(node: Element, ctx: HtmlContext): Block | null {
  const img = node.tagName === 'IMG' ? node : node.querySelector('img')
  if (!img) return null
  const mediaId = mediaIdOf(img)
  const captionElement = node.querySelector('figcaption, .wp-caption-text')
  const caption = captionElement ? squash(captionElement.textContent ?? '') : null
  const alt = squash(img.getAttribute('alt') ?? '')
  const figure = mediaId === null ? undefined : ctx.figure(mediaId, alt, caption)
  if (!figure) {
    ctx.report(
      `image left out, the build has no copy of it: ${img.getAttribute('src') ?? '(no src)'}`,
    )
    return null
  }
  return { type: 'figure', figure }
}

function mediaIdOf(img: Element): number | null {
  const match = /(?:^|\s)wp-image-(\d+)(?:\s|$)/.exec(img.getAttribute('class') ?? '')
  if (match) return Number(match[1])
  const data = img.getAttribute('data-id')
  return data && /^\d+$/.test(data) ? Number(data) : null
}

/** An embed as a link card: the original's address, the provider's name, and the caption as its title. */
function embedLink(node: Element, ctx: HtmlContext): Block[] {
  const link = node.querySelector('a[href]')
  const href = link?.getAttribute('href') ?? squash(node.textContent ?? '').split(' ')[0] ?? ''
  const url = safeHttpUrl(href, ctx.siteUrl)
  if (!url) return []
  const provider = /wp-block-embed-([a-z0-9-]+)/.exec(node.className)?.[1]
  const host = new URL(url).hostname.replace(/^www\./, '')
  const name = provider ? (PROVIDERS[provider] ?? host) : host
  const title = squash(node.querySelector('figcaption')?.textContent ?? '')
  return [{ type: 'embed', url, provider: name, title }]
}

const PROVIDERS: Record<string, string> = {
  youtube: 'YouTube',
  vimeo: 'Vimeo',
  twitter: 'X (Twitter)',
  x: 'X',
  instagram: 'Instagram',
  facebook: 'Facebook',
  tiktok: 'TikTok',
  soundcloud: 'SoundCloud',
  spotify: 'Spotify',
  flickr: 'Flickr',
}

function htmlBlock(node: Element, ctx: HtmlContext): Block {
  const copy = node.cloneNode(true) as Element
  // Images in markup the build keeps as HTML: our own copy where there is one, else none (the site's
  // policy serves images from its own origin only).
  for (const img of Array.from(copy.querySelectorAll('img'))) {
    const mediaId = mediaIdOf(img)
    const figure =
      mediaId === null ? undefined : ctx.figure(mediaId, img.getAttribute('alt') ?? '', null)
    if (!figure) {
      ctx.report(`image left out, the build has no copy of it: ${img.getAttribute('src') ?? ''}`)
      img.remove()
      continue
    }
    for (const name of Array.from(img.attributes).map((a) => a.name)) img.removeAttribute(name)
    img.setAttribute('src', figure.srcset[0]?.src ?? figure.src)
    img.setAttribute('alt', figure.alt)
    img.setAttribute('width', String(figure.srcset[0]?.width ?? figure.width))
    img.setAttribute(
      'height',
      String(
        Math.round(((figure.srcset[0]?.width ?? figure.width) * figure.height) / figure.width),
      ),
    )
  }
  for (const a of Array.from(copy.querySelectorAll('a[href]'))) {
    a.setAttribute('href', rewriteHref(a.getAttribute('href')!, ctx) ?? '')
    if (!a.getAttribute('href')) a.removeAttribute('href')
  }
  for (const text of textNodes(copy)) {
    text.textContent = removeShortcodes(text.textContent ?? '', ctx)
  }
  return { type: 'html', html: copy.outerHTML }
}

function* textNodes(root: Node): Generator<Node> {
  for (const child of Array.from(root.childNodes)) {
    if (child.nodeType === TEXT) yield child
    else yield* textNodes(child)
  }
}

/** Inline content of an element: text, emphasis, links, code and line breaks; other markup as its text. */
function inlinesOf(node: Node, ctx: HtmlContext, skip?: Element | null): Inline[] {
  const out: Inline[] = []
  for (const child of Array.from(node.childNodes)) {
    if (skip && child === skip) continue
    if (child.nodeType === TEXT) {
      out.push(...inlinesOfText(child.textContent ?? '', ctx))
      continue
    }
    if (!isElement(child) || DROPPED.has(child.tagName)) continue
    switch (child.tagName) {
      case 'BR':
        out.push({ type: 'break' })
        break
      case 'EM':
      case 'I':
      case 'STRONG':
      case 'B': {
        const content = inlinesOf(child, ctx, skip)
        if (hasText(content))
          out.push({
            type: child.tagName === 'EM' || child.tagName === 'I' ? 'em' : 'strong',
            content,
          })
        break
      }
      case 'CODE':
      case 'KBD':
      case 'SAMP': {
        const text = child.textContent ?? ''
        if (text) out.push({ type: 'code', text })
        break
      }
      case 'A': {
        const content = inlinesOf(child, ctx, skip)
        const href = rewriteHref(child.getAttribute('href') ?? '', ctx)
        if (href && hasText(content)) out.push({ type: 'link', href, content })
        else out.push(...content)
        break
      }
      case 'IMG':
        break
      default:
        out.push(...inlinesOf(child, ctx, skip))
    }
  }
  return mergeText(out)
}

function inlinesOfText(text: string, ctx: HtmlContext): Inline[] {
  const clean = removeShortcodes(text.replace(/\s+/g, ' '), ctx).replace(/ {2,}/g, ' ')
  return clean ? [{ type: 'text', text: clean }] : []
}

/**
 * Shortcodes WordPress left as text (no plugin registered them): `[name attr="…"]`, `[/name]`, and
 * `[name]` when the name has a `_` or `-` (a bracketed word like "[sic]" or "[1]" is left alone).
 */
const SHORTCODE =
  /\[\/?[a-z][a-z0-9]*[_-][a-z0-9_-]*(?:\s[^\]]*)?\]|\[[a-z][a-z0-9_-]*\s+[a-z_-]+\s*=[^\]]*\]|\[\/[a-z][a-z0-9_-]*\]/gi

function removeShortcodes(text: string, ctx: HtmlContext): string {
  return text.replace(SHORTCODE, (shortcode) => {
    ctx.report(`shortcode removed: ${shortcode}`)
    return ''
  })
}

/**
 * A link as the app shows it: a post of this site becomes /articles/<slug>; another address on the site
 * stays a link to the site; other web and mail addresses are kept; anything else (javascript:, data:)
 * is dropped, its text kept.
 */
function rewriteHref(href: string, ctx: HtmlContext): string | null {
  let url: URL
  try {
    url = new URL(href.trim(), ctx.siteUrl)
  } catch {
    return null
  }
  if (url.protocol === 'mailto:') return url.href
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  const site = new URL(ctx.siteUrl)
  if (url.host === site.host) {
    const id = url.searchParams.get('p')
    const byId = id && /^\d+$/.test(id) ? ctx.postSlug({ id: Number(id) }) : undefined
    if (byId) return `/articles/${byId}`
    const last = url.pathname.split('/').filter(Boolean).at(-1)
    const bySlug = last ? ctx.postSlug({ slug: safeDecode(last) }) : undefined
    if (bySlug) return `/articles/${bySlug}${url.hash}`
  }
  return url.href
}

function safeHttpUrl(href: string, base: string): string | null {
  try {
    const url = new URL(href, base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function hasText(content: Inline[]): boolean {
  return content.some((inline) =>
    inline.type === 'text' || inline.type === 'code'
      ? inline.text.trim() !== ''
      : inline.type !== 'break' && hasText(inline.content),
  )
}

/** Joins neighbouring text runs. */
function mergeText(content: Inline[]): Inline[] {
  const out: Inline[] = []
  for (const inline of content) {
    const last = out.at(-1)
    if (inline.type === 'text' && last?.type === 'text') last.text += inline.text
    else out.push(inline)
  }
  return out.filter((inline) => inline.type !== 'text' || inline.text !== '')
}

/** Drops spaces and line breaks at the start and end of a block's content. */
function trimInlines(content: Inline[]): Inline[] {
  const out = [...content]
  while (out[0]?.type === 'break') out.shift()
  while (out.at(-1)?.type === 'break') out.pop()
  const first = out[0]
  if (first?.type === 'text') out[0] = { type: 'text', text: first.text.replace(/^\s+/, '') }
  const last = out.at(-1)
  if (last?.type === 'text')
    out[out.length - 1] = { type: 'text', text: last.text.replace(/\s+$/, '') }
  return out.filter((inline) => inline.type !== 'text' || inline.text !== '')
}
