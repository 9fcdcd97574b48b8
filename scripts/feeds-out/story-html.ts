import type { Article, Block, Figure, Inline } from '../../src/features/articles/api/schemas.ts'

/**
 * A story's text as HTML for a feed (RSS `content:encoded`, Atom `content type="html"`, JSON Feed
 * `content_html`), rendered from the API's blocks as the app renders them: every string escaped, links
 * and images made absolute (a feed reader has no page to resolve them against), a link with any scheme
 * but http(s) or mailto left as its text. An `html` block is passed through: the build sanitized it
 * (docs/decisions/010-sanitizing-and-csp.md).
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

export interface HtmlContext {
  /** The site's root URL, for the app's own links (`/articles/…`). */
  siteUrl: string
  /** The API's base URL, for images (their `src` is relative to it). */
  apiUrl: string
}

/** A link's target as a feed may show it, or null when the app would show its text alone. */
function linkTarget(href: string, ctx: HtmlContext): string | null {
  if (href.startsWith('/') && !href.startsWith('//')) return new URL(href, ctx.siteUrl).href
  return /^(https?:|mailto:)/i.test(href) ? href : null
}

/** An image's absolute URL: the API's paths are relative to its base. */
export function imageUrl(src: string, apiUrl: string): string {
  return new URL(src, apiUrl).href
}

function inlines(content: readonly Inline[], ctx: HtmlContext): string {
  return content.map((inline) => inlineHtml(inline, ctx)).join('')
}

function inlineHtml(inline: Inline, ctx: HtmlContext): string {
  switch (inline.type) {
    case 'text':
      return escape(inline.text)
    case 'code':
      return `<code>${escape(inline.text)}</code>`
    case 'break':
      return '<br>'
    case 'em':
    case 'strong':
      return `<${inline.type}>${inlines(inline.content, ctx)}</${inline.type}>`
    case 'link': {
      const target = linkTarget(inline.href, ctx)
      const text = inlines(inline.content, ctx)
      return target ? `<a href="${escape(target)}">${text}</a>` : text
    }
  }
}

function figureHtml(figure: Figure, ctx: HtmlContext): string {
  const caption = [figure.caption, figure.credit].filter(Boolean).map(escape).join(' ')
  return (
    `<figure><img src="${escape(imageUrl(figure.src, ctx.apiUrl))}" alt="${escape(figure.alt)}" ` +
    `width="${figure.width}" height="${figure.height}">` +
    (caption ? `<figcaption>${caption}</figcaption>` : '') +
    `</figure>`
  )
}

function blockHtml(block: Block, ctx: HtmlContext): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${inlines(block.content, ctx)}</p>`
    case 'heading':
      return `<h${block.level}>${inlines(block.content, ctx)}</h${block.level}>`
    case 'quote':
      return (
        `<blockquote>${block.paragraphs.map((p) => `<p>${inlines(p, ctx)}</p>`).join('')}` +
        (block.cite ? `<footer>${escape(block.cite)}</footer>` : '') +
        `</blockquote>`
      )
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul'
      return `<${tag}>${block.items.map((item) => `<li>${inlines(item, ctx)}</li>`).join('')}</${tag}>`
    }
    case 'figure':
      return figureHtml(block.figure, ctx)
    case 'html':
      return block.html
    case 'embed': {
      const target = linkTarget(block.url, ctx)
      const text = escape(block.title || block.url)
      return `<p>${target ? `<a href="${escape(target)}">${text}</a>` : text} (${escape(block.provider)})</p>`
    }
  }
}

/** The story's hero photo, then its body, as one HTML string. */
export function storyHtml(article: Pick<Article, 'hero' | 'body'>, ctx: HtmlContext): string {
  const parts = article.hero ? [figureHtml(article.hero, ctx)] : []
  for (const block of article.body) parts.push(blockHtml(block, ctx))
  return parts.join('\n')
}
