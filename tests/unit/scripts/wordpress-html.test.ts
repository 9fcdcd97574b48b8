// @vitest-environment node
import { describe, expect, test } from 'vitest'
import type { Block, Figure } from '@/features/articles/api/schemas'
import { htmlToBlocks, type HtmlContext } from '../../../scripts/wordpress/html-to-blocks.ts'
import { decodeText } from '../../../scripts/wordpress/text.ts'
import { widestRendition } from '../../utils/renditions'

/** The markup below is what WordPress 6.1's REST API sends in `content.rendered` (block comments gone). */

function context(reports: string[] = []): HtmlContext {
  const slugs = new Map([
    ['council-votes', 'council-votes'],
    ['marché-ouvert', 'post-77'],
  ])
  return {
    siteUrl: 'http://wordpress.test',
    postSlug: ({ slug, id }) => (id === 12 ? 'council-votes' : slug ? slugs.get(slug) : undefined),
    figure: (mediaId, alt, caption): Figure | undefined =>
      mediaId === 5
        ? {
            ...widestRendition('wp-5', [640, 1280], 800),
            alt: alt || 'Media alt',
            caption: caption ?? 'Media caption',
            credit: 'Jo Reporter',
          }
        : undefined,
    report: (message) => reports.push(message),
  }
}

const text = (blocks: Block[]) => JSON.stringify(blocks)

describe('htmlToBlocks (block editor markup)', () => {
  test('paragraphs, subheadings, quotes with attribution and lists become the app’s blocks', () => {
    const blocks = htmlToBlocks(
      `<h2 class="wp-block-heading">What happened</h2>
<p>The council <strong>voted</strong> on <em>Tuesday</em>.<br>Then it rained.</p>
<blockquote class="wp-block-quote"><p>We will build it.</p><p>And soon.</p><cite>Mayor Ana Diaz</cite></blockquote>
<figure class="wp-block-pullquote"><blockquote><p>Short and sharp.</p><cite>— A resident</cite></blockquote></figure>
<ul class="wp-block-list"><li>One</li><li>Two <code>x</code></li></ul>
<ol><li>First</li></ol>
<h4>Details</h4>`,
      context(),
    )
    expect(blocks).toEqual([
      { type: 'heading', level: 2, content: [{ type: 'text', text: 'What happened' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'The council ' },
          { type: 'strong', content: [{ type: 'text', text: 'voted' }] },
          { type: 'text', text: ' on ' },
          { type: 'em', content: [{ type: 'text', text: 'Tuesday' }] },
          { type: 'text', text: '.' },
          { type: 'break' },
          { type: 'text', text: 'Then it rained.' },
        ],
      },
      {
        type: 'quote',
        paragraphs: [
          [{ type: 'text', text: 'We will build it.' }],
          [{ type: 'text', text: 'And soon.' }],
        ],
        cite: 'Mayor Ana Diaz',
      },
      {
        type: 'quote',
        paragraphs: [[{ type: 'text', text: 'Short and sharp.' }]],
        cite: 'A resident',
      },
      {
        type: 'list',
        ordered: false,
        items: [
          [{ type: 'text', text: 'One' }],
          [
            { type: 'text', text: 'Two ' },
            { type: 'code', text: 'x' },
          ],
        ],
      },
      { type: 'list', ordered: true, items: [[{ type: 'text', text: 'First' }]] },
      { type: 'heading', level: 3, content: [{ type: 'text', text: 'Details' }] },
    ])
  })

  test('an image block with a copy in the build is a figure with its caption and the photo’s credit', () => {
    const [block] = htmlToBlocks(
      `<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="640" src="http://wordpress.test/wp-content/uploads/2026/12/harbour-1024x640.jpg" alt="The harbour at dawn" class="wp-image-5" srcset="x 1024w" sizes="(max-width: 1024px) 100vw, 1024px" /><figcaption class="wp-element-caption">Boats at rest</figcaption></figure>`,
      context(),
    )
    expect(block).toMatchObject({
      type: 'figure',
      figure: { alt: 'The harbour at dawn', caption: 'Boats at rest', credit: 'Jo Reporter' },
    })
  })

  test('an image the build has no copy of is left out and reported', () => {
    const reports: string[] = []
    const blocks = htmlToBlocks(
      `<figure class="wp-block-image"><img src="https://elsewhere.example/cat.jpg" alt="A cat"/></figure>`,
      context(reports),
    )
    expect(blocks).toEqual([])
    expect(reports).toEqual([expect.stringContaining('https://elsewhere.example/cat.jpg')])
  })

  test('links to the site’s own posts become /articles/<slug>; other links stay; unsafe ones go', () => {
    const [block] = htmlToBlocks(
      `<p><a href="http://wordpress.test/council-votes/">vote</a>, <a href="http://wordpress.test/?p=12">by id</a>, <a href="/march%C3%A9-ouvert/#map">relative</a>, <a href="http://wordpress.test/about/">about</a>, <a href="https://example.org/x">out</a>, <a href="javascript:alert(1)">bad</a>, <a href="mailto:desk@example.org">mail</a></p>`,
      context(),
    )
    const links = JSON.stringify(block).match(/"href":"[^"]+"/g)
    expect(links).toEqual([
      '"href":"/articles/council-votes"',
      '"href":"/articles/council-votes"',
      '"href":"/articles/post-77#map"',
      '"href":"http://wordpress.test/about/"',
      '"href":"https://example.org/x"',
      '"href":"mailto:desk@example.org"',
    ])
    expect(text([block!])).toContain('bad')
  })

  test('tables and galleries are kept as sanitized html blocks; their images use our copies', () => {
    const blocks = htmlToBlocks(
      `<figure class="wp-block-table"><table class="has-fixed-layout" style="color:red"><thead><tr><th>Party</th><th>Seats</th></tr></thead><tbody><tr><td onclick="alert(1)">Green</td><td>12</td></tr></tbody></table></figure>
<figure class="wp-block-gallery has-nested-images"><figure class="wp-block-image"><img src="http://wordpress.test/wp-content/uploads/a.jpg" alt="One" class="wp-image-5"/></figure><figure class="wp-block-image"><img src="http://wordpress.test/wp-content/uploads/b.jpg" alt="Two" class="wp-image-9"/></figure></figure>`,
      context(),
    )
    expect(blocks.map((b) => b.type)).toEqual(['html', 'html'])
    const [table, gallery] = blocks as { html: string }[]
    expect(table!.html).toContain('<td>Green</td>')
    expect(table!.html).not.toMatch(/style|onclick|class/)
    expect(gallery!.html).toContain('src="images/wp-5-640.webp"')
    expect(gallery!.html).not.toContain('wordpress.test')
  })

  test('embeds become link cards to the original', () => {
    const blocks = htmlToBlocks(
      `<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abc123
</div><figcaption>The launch</figcaption></figure>
<p>https://twitter.com/newsroom/status/1</p>
<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">javascript:alert(1)</div></figure>`,
      context(),
    )
    expect(blocks).toEqual([
      {
        type: 'embed',
        url: 'https://www.youtube.com/watch?v=abc123',
        provider: 'YouTube',
        title: 'The launch',
      },
      {
        type: 'embed',
        url: 'https://twitter.com/newsroom/status/1',
        provider: 'twitter.com',
        title: '',
      },
    ])
  })

  test('leftover shortcodes are removed and reported; bracketed words are not shortcodes', () => {
    const reports: string[] = []
    const blocks = htmlToBlocks(
      `<p>Sign up [newsletter_signup list=&#8221;daily&#8221;] today [sic].</p><p>[contact-form-7 id="3"]</p>`,
      context(reports),
    )
    expect(blocks).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Sign up today [sic].' }] },
    ])
    expect(reports).toHaveLength(2)
  })
})

describe('htmlToBlocks (classic editor markup and hostile markup)', () => {
  test('a classic post: wpautop paragraphs, <br />s and a [caption] figure', () => {
    const blocks = htmlToBlocks(
      `<p>First line<br />
second line</p>
<div id="attachment_5" style="width: 310px" class="wp-caption alignnone"><img aria-describedby="caption-attachment-5" class="size-medium wp-image-5" src="http://wordpress.test/wp-content/uploads/x-300x200.jpg" alt="" width="300" height="200" /><p id="caption-attachment-5" class="wp-caption-text">Harbour, at dawn</p></div>
<p>Last.</p>`,
      context(),
    )
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'figure', 'paragraph'])
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'First line' },
        { type: 'break' },
        { type: 'text', text: ' second line' },
      ],
    })
    // No alt in the post: the figure asks for the image's own (the build's, here "Media alt").
    expect(blocks[1]).toMatchObject({ figure: { caption: 'Harbour, at dawn', alt: 'Media alt' } })
  })

  test('scripts, frames, styles and event handlers never get through', () => {
    const blocks = htmlToBlocks(
      `<script>alert(1)</script><p onclick="alert(2)">Hi<img src=x onerror="alert(3)"></p>
<iframe src="https://evil.example" onload="alert(4)"></iframe><style>body{display:none}</style>
<div class="gallery"><style>.x{}</style><dl><dt><a href="javascript:alert(5)"><img src="http://wordpress.test/y.jpg" onerror="alert(6)"></a></dt></dl></div>
<table><tr><td><svg onload="alert(7)"></svg><a href="javascript:alert(8)">x</a></td></tr></table>`,
      context(),
    )
    const all = text(blocks)
    expect(all).not.toMatch(/alert|script|iframe|onerror|onload|onclick|style|svg/i)
    expect(blocks[0]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] })
  })
})

describe('decodeText', () => {
  test('decodes entities, strips tags and the scripts inside them', () => {
    expect(decodeText('It&#8217;s <em>here</em> &amp; now<script>alert(1)</script>')).toBe(
      'It’s here & now',
    )
    expect(decodeText('<p>One</p><p>Two</p>\n')).toBe('One Two')
  })
})
