import { Fragment, type ReactNode, type Ref } from 'react'
import { Link } from 'react-router'
import { env } from '@/config/env'
import { isExternalUrl, safeUrl } from '@/lib/safe-url'
import type { Block, Inline } from '../api/schemas'
import { Figure } from './figure'
import { HtmlBlock } from './html-block'

/**
 * Renders a body in the API's block format as React elements: text always stays text. The one exception,
 * an `html` block, goes through DOMPurify first (HtmlBlock). Each block is one child of the element `ref`
 * is given, which is how the page hands the body to whatever measures places in it (the reading history).
 */
export function ArticleBody({ blocks, ref }: { blocks: Block[]; ref?: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} className="article-body">
      {blocks.map((block, i) => renderBlock(block, i))}
    </div>
  )
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return <p key={key}>{renderInlines(block.content)}</p>
    case 'heading':
      return block.level === 2 ? (
        <h2 key={key}>{renderInlines(block.content)}</h2>
      ) : (
        <h3 key={key}>{renderInlines(block.content)}</h3>
      )
    case 'quote':
      return (
        <figure key={key} className="quote">
          <blockquote>
            {block.paragraphs.map((p, i) => (
              <p key={i}>{renderInlines(p)}</p>
            ))}
          </blockquote>
          {block.cite ? (
            <figcaption>
              — <bdi>{block.cite}</bdi>
            </figcaption>
          ) : null}
        </figure>
      )
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{renderInlines(item)}</li>)
      return block.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>
    }
    case 'figure':
      return <Figure key={key} figure={block.figure} sizes="(min-width: 768px) 42rem, 100vw" />
    case 'html':
      return <HtmlBlock key={key} html={block.html} />
    case 'embed':
      return <EmbedCard key={key} {...block} />
  }
}

/**
 * Content from another site (a video, a post) as a card linking to it: the provider's embed code would run
 * its script in our page, which the site's policy forbids and offline reading could not show anyway.
 */
function EmbedCard({ url, provider, title }: { url: string; provider: string; title: string }) {
  const safe = safeUrl(url, 'href')
  if (safe === null || !/^https?:/i.test(safe)) return null
  return (
    <p className="embed-card">
      <a
        href={safe}
        rel="noopener noreferrer"
        className="block rounded-lg border border-slate-300 p-4 no-underline hover:border-sky-700 dark:border-slate-600"
      >
        <span className="block text-sm text-slate-600 dark:text-slate-300">{provider}</span>{' '}
        <span className="block font-semibold underline">{title || safe}</span>
      </a>
    </p>
  )
}

function renderInlines(content: Inline[]): ReactNode {
  return content.map((inline, i) => <Fragment key={i}>{renderInline(inline)}</Fragment>)
}

function renderInline(inline: Inline): ReactNode {
  switch (inline.type) {
    case 'text':
      return inline.text
    case 'code':
      return <code>{inline.text}</code>
    case 'break':
      return <br />
    case 'em':
      return <em>{renderInlines(inline.content)}</em>
    case 'strong':
      return <strong>{renderInlines(inline.content)}</strong>
    case 'link':
      return renderLink(inline.href, renderInlines(inline.content))
  }
}

/**
 * Paths on this site route inside the app; web and mail links open normally, marked as leaving the site;
 * anything else (javascript:, data:, however disguised) is plain text.
 */
function renderLink(href: string, children: ReactNode): ReactNode {
  const url = safeUrl(href, 'href')
  if (url === null) return children
  // "/\host" is "//host" to a browser: another site, not a path here.
  if (/^\/(?![/\\])/.test(url)) return <Link to={url}>{children}</Link>
  if (!/^(https?:|mailto:)/i.test(url)) return children
  return (
    <a href={url} rel={isExternalUrl(url, env.siteUrl.origin) ? 'noopener noreferrer' : undefined}>
      {children}
    </a>
  )
}
