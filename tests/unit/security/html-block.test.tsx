import createDOMPurify from 'dompurify'
import { act, render, screen, within } from '@testing-library/react'
import { renderToString } from 'react-dom/server'
import { hydrateRoot, type Root } from 'react-dom/client'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { afterEach, describe, expect, test } from 'vitest'
import { env } from '@/config/env'
import type { Block, Figure as FigureData } from '@/features/articles/api/schemas'
import { ArticleBody } from '@/features/articles/components/article-body'
import { Figure } from '@/features/articles/components/figure'
import { ResponsiveImage } from '@/features/articles/components/responsive-image'
import { createSanitizer } from '@/features/articles/html/sanitizer'
import { SanitizerContext } from '@/features/articles/html/sanitizer-context'
import { hrefOf } from '../../utils/queries'

/**
 * Article bodies in the browser's React (jsdom, development build: every hydration mismatch is a
 * console error, and a console error fails the test): html blocks are sanitized before they are shown,
 * on the server and in the browser alike; links and images in our own block format stay safe too.
 */
const TABLE = '<table><tbody><tr><th>Runners</th><td>14,260</td></tr></tbody></table>'
const HOSTILE = `<p>Figures <a href="https://example.org/x">elsewhere</a>.</p><img src=x onerror="window.__xss = 1" alt="bad">${TABLE}<script>window.__xss = 1</script><a href="javascript:window.__xss = 1">click</a>`

const body = (html: string): Block[] => [
  { type: 'paragraph', content: [{ type: 'text', text: 'Opening words.' }] },
  { type: 'html', html },
]

/** ArticleBody inside a router (links need one), optionally with the server's sanitizer. */
function Story({ blocks, server = false }: { blocks: Block[]; server?: boolean }) {
  const router = createMemoryRouter([{ path: '/', element: <ArticleBody blocks={blocks} /> }])
  const app = <RouterProvider router={router} />
  if (!server) return app
  const sanitize = createSanitizer(createDOMPurify(window), env.siteUrl.origin)
  return <SanitizerContext value={sanitize}>{app}</SanitizerContext>
}

let root: Root | undefined
afterEach(() => {
  act(() => root?.unmount())
  root = undefined
  delete (window as { __xss?: unknown }).__xss
})

describe('an html block', () => {
  test('is loaded with its sanitizer on demand, and shown clean', async () => {
    // The block suspends while its sanitizer downloads: an awaited act lets React finish.
    await act(async () => {
      render(<Story blocks={body(HOSTILE)} />)
    })
    const cell = await screen.findByRole('cell', { name: '14,260' })
    const block = cell.closest('.article-html') as HTMLElement
    expect(block.querySelector('script, [onerror]')).toBeNull()
    expect(within(block).getByText('click')).not.toHaveAttribute('href')
    expect(within(block).getByRole('link', { name: 'elsewhere' })).toHaveAttribute(
      'rel',
      'noopener noreferrer',
    )
    expect((window as { __xss?: unknown }).__xss).toBeUndefined()
  })

  test('is prerendered clean, and hydrates with no mismatch while its sanitizer loads', async () => {
    const html = renderToString(<Story blocks={body(HOSTILE)} server />)
    expect(html).toContain('<th>Runners</th>')
    expect(html).not.toMatch(/<script|onerror|javascript:/)

    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const serverTable = container.querySelector('table')
    await act(async () => {
      root = hydrateRoot(container, <Story blocks={body(HOSTILE)} />)
    })
    // The cell is there throughout, and it is the server's element: hydrated, not replaced.
    await screen.findByRole('cell', { name: '14,260' })
    expect(container.querySelector('table')).toBe(serverTable)
    container.remove()
  })
})

describe('links in the block format', () => {
  const linkTo = (href: string): Block[] => [
    {
      type: 'paragraph',
      content: [{ type: 'link', href, content: [{ type: 'text', text: 'the link' }] }],
    },
  ]

  test.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    '&#106;avascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/',
    '/\\evil.example/',
    'relative/path',
  ])('%j is shown as text', (href) => {
    render(<Story blocks={linkTo(href)} />)
    expect(screen.getByText('the link')).toBeInTheDocument()
    expect(screen.queryByRole('link')).toBeNull()
  })

  test('a path routes in the app; a web address leaves it, marked so', () => {
    const { unmount } = render(<Story blocks={linkTo('/sections/sport')} />)
    expect(hrefOf('the link')).toBe('/sections/sport')
    expect(screen.getByRole('link', { name: 'the link' })).not.toHaveAttribute('rel')
    unmount()
    render(<Story blocks={linkTo('https://example.org/')} />)
    expect(screen.getByRole('link', { name: 'the link' })).toHaveAttribute(
      'rel',
      'noopener noreferrer',
    )
  })
})

describe('images in the block format', () => {
  const photo = (src: string, srcset: string[] = []): FigureData => ({
    src,
    width: 640,
    height: 360,
    alt: 'A harbour',
    caption: 'The harbour at dawn.',
    credit: 'Photo Desk',
    srcset: srcset.map((s, i) => ({ src: s, width: 640 * (i + 1) })),
  })

  test.each([
    'javascript:alert(1)',
    ' DATA:image/png;base64,AAAA',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'java\nscript:alert(1)',
  ])('an image from %j is not shown, nor its figure', (src) => {
    const { container } = render(<Figure figure={photo(src)} sizes="100vw" />)
    expect(container).toBeEmptyDOMElement()
    render(<ResponsiveImage image={photo(src)} sizes="100vw" />)
    expect(screen.queryByRole('img')).toBeNull()
  })

  test('an unsafe rendition, or one that would split the srcset, is left out of it', () => {
    render(
      <ResponsiveImage
        image={photo('images/a-1280.webp', [
          'images/a-640.webp',
          'javascript:alert(1)',
          'images/b.webp 1x, data:image/png;base64,AAAA',
        ])}
        sizes="100vw"
      />,
    )
    const img = screen.getByRole('img', { name: 'A harbour' })
    expect(img).toHaveAttribute('src', '/api/images/a-1280.webp')
    expect(img).toHaveAttribute('srcset', '/api/images/a-640.webp 640w')
  })
})

describe('an embed block', () => {
  test('is a link card to the original, running nothing of the provider’s', async () => {
    const blocks: Block[] = [
      {
        type: 'embed',
        url: 'https://www.youtube.com/watch?v=abc123',
        provider: 'YouTube',
        title: 'The launch',
      },
      { type: 'embed', url: 'javascript:window.__xss = 1', provider: 'Evil', title: 'Click me' },
    ]
    await act(async () => {
      render(<Story blocks={blocks} />)
    })
    const card = screen.getByRole('link', { name: 'YouTube The launch' })
    expect(card).toHaveAttribute('href', 'https://www.youtube.com/watch?v=abc123')
    expect(card).toHaveAttribute('rel', 'noopener noreferrer')
    // An address that is not a web address is no card at all.
    expect(screen.queryByText('Click me')).toBeNull()
    expect(document.querySelector('iframe, script')).toBeNull()
  })
})
