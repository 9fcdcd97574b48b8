// @vitest-environment node
import { describe, expect, test, vi } from 'vitest'
import type { Figure } from '@/features/articles/api/schemas'
import { blocksToText, markdownToBlocks } from '../../../scripts/api/markdown.ts'

const figure = (imageId: string, alt: string, title: string): Figure => ({
  src: `images/${imageId}.webp`,
  width: 10,
  height: 10,
  srcset: [],
  alt,
  caption: title,
  credit: '',
})
const blocks = (markdown: string) => markdownToBlocks(markdown, figure)
const text = (value: string) => ({ type: 'text', text: value })

describe('markdownToBlocks', () => {
  test('a paragraph joins its lines with spaces', () => {
    expect(blocks('One line\nand the next.')).toEqual([
      { type: 'paragraph', content: [text('One line and the next.')] },
    ])
  })

  test('inline emphasis, strong, links, code and hard breaks', () => {
    expect(blocks('Some _em_, **strong** and [a **bold** link](https://example.org).')).toEqual([
      {
        type: 'paragraph',
        content: [
          text('Some '),
          { type: 'em', content: [text('em')] },
          text(', '),
          { type: 'strong', content: [text('strong')] },
          text(' and '),
          {
            type: 'link',
            href: 'https://example.org',
            content: [text('a '), { type: 'strong', content: [text('bold')] }, text(' link')],
          },
          text('.'),
        ],
      },
    ])
    expect(blocks('Run `npm test`\\\nnow.')).toEqual([
      {
        type: 'paragraph',
        content: [
          text('Run '),
          { type: 'code', text: 'npm test' },
          { type: 'break' },
          text('now.'),
        ],
      },
    ])
  })

  test('headings are level 2 or 3; deeper ones become 3', () => {
    expect(blocks('## Two\n\n### Three\n\n#### Four')).toEqual([
      { type: 'heading', level: 2, content: [text('Two')] },
      { type: 'heading', level: 3, content: [text('Three')] },
      { type: 'heading', level: 3, content: [text('Four')] },
    ])
  })

  test('a level-1 heading is refused: the headline is the only h1', () => {
    expect(() => blocks('# Title')).toThrow(
      'the headline is the only level-1 heading: use ## or ###',
    )
  })

  test('a quote with a closing dash line gets it as its attribution', () => {
    expect(blocks('> First.\n>\n> Second.\n>\n> — A Person, spokesperson')).toEqual([
      {
        type: 'quote',
        paragraphs: [[text('First.')], [text('Second.')]],
        cite: 'A Person, spokesperson',
      },
    ])
    expect(blocks('> Said.\n>\n> – Someone')).toEqual([
      { type: 'quote', paragraphs: [[text('Said.')]], cite: 'Someone' },
    ])
  })

  test('a quote without one has no attribution', () => {
    expect(blocks('> Just words.')).toEqual([
      { type: 'quote', paragraphs: [[text('Just words.')]], cite: null },
    ])
  })

  test('a quote holds paragraphs only', () => {
    expect(() => blocks('> - a list')).toThrow('a quote holds paragraphs only, not list')
  })

  test('bulleted and numbered lists', () => {
    expect(blocks('- one\n- **two**\n\n1. first\n2. second')).toEqual([
      {
        type: 'list',
        ordered: false,
        items: [[text('one')], [{ type: 'strong', content: [text('two')] }]],
      },
      { type: 'list', ordered: true, items: [[text('first')], [text('second')]] },
    ])
  })

  test('an image alone in its paragraph is a figure, resolved by id, alt and title', () => {
    const resolve = vi.fn(figure)
    const result = markdownToBlocks("![A sky](sky 'The sky | Photo Desk')", resolve)

    expect(resolve).toHaveBeenCalledWith('sky', 'A sky', 'The sky | Photo Desk')
    expect(result).toEqual([
      { type: 'figure', figure: figure('sky', 'A sky', 'The sky | Photo Desk') },
    ])
  })

  test('an image inside text is refused', () => {
    expect(() => blocks('Look: ![A sky](sky "x | y") here')).toThrow(
      'an image must stand alone in its own paragraph',
    )
  })

  test('a block of raw HTML becomes an html block, as written, between the blocks around it', () => {
    const table = '<table>\n<tr><th>Team</th><td>3</td></tr>\n</table>'
    expect(blocks(`Before\n\n${table}\n\nAfter`)).toEqual([
      { type: 'paragraph', content: [text('Before')] },
      { type: 'html', html: table },
      { type: 'paragraph', content: [text('After')] },
    ])
  })

  test("an HTML comment is an editor's note and leaves nothing behind", () => {
    expect(blocks('Before\n\n<!-- check the score -->\n\nAfter')).toEqual([
      { type: 'paragraph', content: [text('Before')] },
      { type: 'paragraph', content: [text('After')] },
    ])
  })

  test('raw HTML inside a paragraph is refused: it cannot be a block of its own', () => {
    expect(() => blocks('Some <b>bold</b> text')).toThrow(
      'raw HTML must be a block of its own, not inside a paragraph',
    )
  })

  test('Markdown the API has no block for is refused by name', () => {
    expect(() => blocks('```\ncode\n```')).toThrow('unsupported Markdown: code')
  })

  test('thematic breaks and link definitions leave nothing behind', () => {
    expect(blocks('Before\n\n---\n\n[x]: https://example.org\n\nAfter')).toEqual([
      { type: 'paragraph', content: [text('Before')] },
      { type: 'paragraph', content: [text('After')] },
    ])
  })
})

describe('blocksToText', () => {
  test('gives the words of every text block, for reading time', () => {
    const body = blocks('One _two_.\n\n## Three\n\n> Four\n>\n> — Five\n\n- six\n- seven')
    expect(blocksToText(body).split(/\s+/).filter(Boolean)).toEqual([
      'One',
      'two.',
      'Three',
      'Four',
      'six',
      'seven',
    ])
  })
  test('counts the words of an html block, not its tags or character references', () => {
    const body = blocks('<table><tr><th>Ran&nbsp;in</th><td>2h 04m</td></tr></table>')
    expect(blocksToText(body).split(/\s+/).filter(Boolean)).toEqual(['Ran', 'in', '2h', '04m'])
  })
})
