import { fromMarkdown } from 'mdast-util-from-markdown'
import type { Nodes, PhrasingContent, RootContent } from 'mdast'
import type { Block, Figure, Inline } from '../../src/features/articles/api/schemas.ts'

/** Turns an article body written in Markdown into the API's block format (docs/api.md). */
export function markdownToBlocks(
  markdown: string,
  resolveFigure: (imageId: string, alt: string, title: string) => Figure,
): Block[] {
  const tree = fromMarkdown(markdown)
  return tree.children.flatMap((node) => toBlocks(node, resolveFigure))
}

function toBlocks(
  node: RootContent,
  resolveFigure: (imageId: string, alt: string, title: string) => Figure,
): Block[] {
  switch (node.type) {
    case 'paragraph': {
      const [only] = node.children
      if (node.children.length === 1 && only?.type === 'image') {
        return [
          { type: 'figure', figure: resolveFigure(only.url, only.alt ?? '', only.title ?? '') },
        ]
      }
      if (node.children.some((child) => child.type === 'image')) {
        throw new Error('an image must stand alone in its own paragraph')
      }
      return [{ type: 'paragraph', content: inlines(node.children) }]
    }
    case 'heading':
      if (node.depth === 1)
        throw new Error('the headline is the only level-1 heading: use ## or ###')
      return [{ type: 'heading', level: node.depth === 2 ? 2 : 3, content: inlines(node.children) }]
    case 'blockquote': {
      const paragraphs = node.children.map((child) => {
        if (child.type !== 'paragraph')
          throw new Error(`a quote holds paragraphs only, not ${child.type}`)
        return inlines(child.children)
      })
      const last = paragraphs.at(-1)
      const first = last?.[0]
      let cite: string | null = null
      if (last && last.length === 1 && first?.type === 'text' && /^[—–]\s*/.test(first.text)) {
        cite = first.text.replace(/^[—–]\s*/, '').trim()
        paragraphs.pop()
      }
      return [{ type: 'quote', paragraphs, cite }]
    }
    case 'list':
      return [
        {
          type: 'list',
          ordered: Boolean(node.ordered),
          items: node.children.map((item) =>
            item.children.flatMap((child) => {
              if (child.type !== 'paragraph') throw new Error('list items hold text only')
              return inlines(child.children)
            }),
          ),
        },
      ]
    case 'thematicBreak':
    case 'definition':
      return []
    case 'html':
      throw new Error('raw HTML is not allowed in article bodies')
    default:
      throw new Error(`unsupported Markdown: ${node.type}`)
  }
}

function inlines(nodes: PhrasingContent[]): Inline[] {
  const out: Inline[] = []
  for (const node of nodes) {
    const inline = toInline(node)
    const previous = out.at(-1)
    // Merge neighbouring text runs so the renderer does not emit needless fragments.
    if (inline.type === 'text' && previous?.type === 'text') previous.text += inline.text
    else out.push(inline)
  }
  return out
}

function toInline(node: Nodes): Inline {
  switch (node.type) {
    case 'text':
      return { type: 'text', text: node.value.replace(/\s*\n\s*/g, ' ') }
    case 'inlineCode':
      return { type: 'code', text: node.value }
    case 'break':
      return { type: 'break' }
    case 'emphasis':
      return { type: 'em', content: inlines(node.children) }
    case 'strong':
      return { type: 'strong', content: inlines(node.children) }
    case 'link':
      return { type: 'link', href: node.url, content: inlines(node.children) }
    case 'html':
      throw new Error('raw HTML is not allowed in article bodies')
    default:
      throw new Error(`unsupported inline Markdown: ${node.type}`)
  }
}

/** Plain text of a body, for word counts. */
export function blocksToText(blocks: Block[]): string {
  const text = (content: Inline[]): string =>
    content
      .map((inline) =>
        'text' in inline ? inline.text : 'content' in inline ? text(inline.content) : ' ',
      )
      .join('')
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'paragraph':
        case 'heading':
          return text(block.content)
        case 'quote':
          return block.paragraphs.map(text).join(' ')
        case 'list':
          return block.items.map(text).join(' ')
        case 'figure':
          return ''
      }
    })
    .join(' ')
}
