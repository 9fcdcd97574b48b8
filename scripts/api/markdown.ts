import { fromMarkdown } from 'mdast-util-from-markdown'
import type { Nodes, PhrasingContent, RootContent } from 'mdast'
import type { Block, Figure, Inline } from '../../src/features/articles/api/schemas.ts'

/** Turns an article body written in Markdown into the API's block format (docs/api.md). */
export function markdownToBlocks(
  markdown: string,
  resolveFigure: (imageId: string, alt: string, title: string) => Figure,
): Block[] {
  const parse = (text: string) =>
    fromMarkdown(text).children.flatMap((node) => toBlocks(node, resolveFigure))
  // Fast path, for large archives, where the parser would take most of the build: it costs about 20 µs a
  // block whatever the block holds. Blank lines split the body into chunks; a chunk that is a paragraph of
  // plain prose, a `##`/`###` heading of plain prose, or a quote of plain prose paragraphs (characters that
  // cannot start Markdown syntax, no indentation, no trailing spaces) becomes its block directly. The other
  // chunks are parsed together in one call, with one placeholder paragraph standing for each run of direct
  // blocks between them, so that they parse as they would have in place (a list either side of a paragraph
  // stays two lists). Anything that could tie chunks together across a blank line (fenced code, HTML,
  // indented code, link reference definitions) sends the whole body through the parser.
  if (MAY_SPAN_CHUNKS.test(markdown)) return parse(markdown)
  const chunks: string[][] = []
  for (const chunk of markdown.split(BLANK_LINES)) {
    const lines = chunk.split('\n')
    while (lines.length && !lines[0]!.trim()) lines.shift()
    while (lines.length && !lines.at(-1)!.trim()) lines.pop()
    if (lines.length) chunks.push(lines)
  }
  // A list next to another list-like chunk may be one list with it (a loose list): leave those to the parser.
  const listLike = (lines: string[] | undefined) =>
    !!lines && /^ {0,3}(?:[-*+]|\d+[.)])/.test(lines[0]!)
  const parts = chunks.map(
    (lines, i) =>
      plainBlock(lines, !listLike(chunks[i - 1]) && !listLike(chunks[i + 1])) ?? lines.join('\n'),
  )
  const doc: string[] = []
  let runs = 0
  parts.forEach((part, i) => {
    if (typeof part === 'string') {
      if (runs > 0 && typeof parts[i - 1] !== 'string') doc.push(PLACEHOLDER)
      doc.push(part)
      if (typeof parts[i - 1] === 'string' || runs === 0) runs = Math.max(runs, 1)
    }
  })
  // segments[k]: the blocks of the k-th run of parsed chunks.
  const segments: Block[][] = [[]]
  if (doc.length) {
    for (const node of fromMarkdown(doc.join('\n\n')).children) {
      const placeholder =
        node.type === 'paragraph' &&
        node.children.length === 1 &&
        node.children[0]!.type === 'text' &&
        node.children[0]!.value === PLACEHOLDER
      if (placeholder) segments.push([])
      else segments.at(-1)!.push(...toBlocks(node, resolveFigure))
    }
  }
  const blocks: Block[] = []
  let segment = 0
  parts.forEach((part, i) => {
    if (typeof part !== 'string') blocks.push(part)
    else if (typeof parts[i + 1] !== 'string') blocks.push(...(segments[segment++] ?? []))
  })
  if (segment !== segments.length && doc.length) return parse(markdown)
  return blocks
}

const prose = (line: string) => PLAIN_LINE.test(line) && !LIST_START.test(line)

/**
 * The block a chunk of plain prose stands for, or null if it needs the parser. Plain prose may carry the
 * simplest inline Markdown: `_words_`, `**words**` and `[words](url)` between spaces, which parse one way only.
 */
function plainBlock(lines: string[], listAllowed: boolean): Block | null {
  if (lines.every(prose)) return { type: 'paragraph', content: [text(lines.join(' '))] }
  const paragraph = proseInlines(lines)
  if (paragraph) return { type: 'paragraph', content: paragraph }
  const [first] = lines
  if (listAllowed) {
    const bullet = lines.every((line) => line.startsWith('- ') && prose(line.slice(2)))
    const ordered = !bullet && lines.every((line) => /^\d{1,9}\. /.test(line))
    if (bullet) return { type: 'list', ordered: false, items: lines.map((l) => [text(l.slice(2))]) }
    if (ordered) {
      const items = lines.map((line) => line.slice(line.indexOf(' ') + 1))
      if (items.every(prose))
        return { type: 'list', ordered: true, items: items.map((i) => [text(i)]) }
    }
  }
  const heading = lines.length === 1 ? /^(#{2,3}) (.*)$/.exec(first!) : null
  if (heading && prose(heading[2]!)) {
    return {
      type: 'heading',
      level: heading[1]!.length === 2 ? 2 : 3,
      content: [text(heading[2]!)],
    }
  }
  if (lines.every((line) => line.startsWith('>'))) {
    const paragraphs: string[][] = [[]]
    for (const line of lines) {
      const inner = line.slice(line.startsWith('> ') ? 2 : 1)
      if (!inner) {
        if (paragraphs.at(-1)!.length) paragraphs.push([])
      } else if (prose(inner)) paragraphs.at(-1)!.push(inner)
      else return null
    }
    if (!paragraphs.at(-1)!.length) paragraphs.pop()
    let cite: string | null = null
    const last = paragraphs.at(-1)
    if (last?.length === 1 && /^[—–]/.test(last[0]!)) {
      cite = last[0]!.replace(/^[—–]\s*/, '').trim()
      paragraphs.pop()
    }
    return { type: 'quote', paragraphs: paragraphs.map((p) => [text(p.join(' '))]), cite }
  }
  return null
}

const text = (value: string): Inline => ({ type: 'text', text: value })

const WORDS = String.raw`[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*`
/** `_words_`, `**words**` or `[words](url)`, after the start or a space, before the end, a space or , . ; : ? */
const SIMPLE_INLINE = new RegExp(
  String.raw`(?<=^| )(?:_(${WORDS})_|\*\*(${WORDS})\*\*|\[(${WORDS})\]\(((?:https?://|/)[A-Za-z0-9./_-]*)\))(?=$|[ ,.;:?])`,
  'gu',
)

/** A paragraph of prose with simple inline Markdown only, as inlines; null if it holds anything else. */
function proseInlines(lines: string[]): Inline[] | null {
  const out: Inline[] = []
  const push = (inline: Inline) => {
    const previous = out.at(-1)
    if (inline.type === 'text' && previous?.type === 'text') previous.text += inline.text
    else out.push(inline)
  }
  for (const [n, line] of lines.entries()) {
    if (!prose(line.replace(SIMPLE_INLINE, 'x'))) return null
    if (n > 0) push(text(' '))
    let at = 0
    for (const match of line.matchAll(SIMPLE_INLINE)) {
      if (match.index > at) push(text(line.slice(at, match.index)))
      const [, em, strong, label, href] = match
      if (em) push({ type: 'em', content: [text(em)] })
      else if (strong) push({ type: 'strong', content: [text(strong)] })
      else push({ type: 'link', href: href!, content: [text(label!)] })
      at = match.index + match[0].length
    }
    if (at < line.length) push(text(line.slice(at)))
  }
  return out
}

const PLACEHOLDER = 'newsroomplainparagraphplaceholder'
/** Constructs whose extent can cross a blank line, or that refer across the document. */
const MAY_SPAN_CHUNKS = /^ {0,3}(?:```|~~~|<|\[[^\]]*\]:)|^(?: {4}|\t)|\r/m
const BLANK_LINES = /\n[ \t]*\n(?:[ \t]*\n)*/
/** Prose with no Markdown in it: letters, digits, spaces and a few punctuation marks that never start syntax. */
const PLAIN_LINE = /^[\p{L}\p{N}"'(‘“—–][\p{L}\p{N} ,.;:'"?()%‘’“”—–/-]*[^\s]$/u
const LIST_START = /^\d+[.)]/

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
      // A block of raw HTML (a results table, say) ships as it is written; the app sanitizes it before
      // showing it (docs/api.md, docs/decisions/010-sanitizing-and-csp.md). A comment is an editor's note.
      return /^<!--[\s\S]*-->$/.test(node.value.trim()) ? [] : [{ type: 'html', html: node.value }]
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
      throw new Error('raw HTML must be a block of its own, not inside a paragraph')
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
        case 'embed':
          return block.title
        case 'html':
          // Words only, for the reading time: tags and character references are not words.
          return block.html.replace(/<[^>]*>|&[#\w]+;/g, ' ')
      }
    })
    .join(' ')
}
