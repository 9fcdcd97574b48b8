// @vitest-environment node
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import matter from 'gray-matter'
import { describe, expect, test } from 'vitest'
import type { Figure } from '@/features/articles/api/schemas'
import { markdownToBlocks } from '../../../scripts/api/markdown.ts'
import { generateCorpus } from '../../../scripts/bench/corpus.ts'

/**
 * markdownToBlocks converts plain prose directly and parses only the rest (scripts/api/markdown.ts). A link
 * reference definition anywhere sends a body through the parser whole, so appending one gives the
 * reference result to compare against.
 */
const figure = (src: string, alt: string, title: string): Figure => ({
  src,
  width: 1,
  height: 1,
  srcset: [],
  alt,
  caption: title,
  credit: '',
})
const fast = (markdown: string) => markdownToBlocks(markdown, figure)
const parsed = (markdown: string) => markdownToBlocks(`${markdown}\n\n[unused]: /x\n`, figure)

async function bodies(dir: string): Promise<[string, string][]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort()
  return Promise.all(
    files.map(
      async (f) =>
        [f, matter(await readFile(path.join(dir, f), 'utf8'), {}).content] as [string, string],
    ),
  )
}

describe('the Markdown fast path gives what the parser gives', () => {
  test('on every demo story', async () => {
    for (const [name, body] of await bodies('content/articles'))
      expect(fast(body), name).toEqual(parsed(body))
  })

  test('on a generated newsroom', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'newsroom-md-'))
    try {
      await generateCorpus({ count: 300, seed: 7, outDir: dir })
      for (const [name, body] of await bodies(path.join(dir, 'articles')))
        expect(fast(body), name).toEqual(parsed(body))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  test.each([
    ['two lists around a paragraph', '- a one\n- b two\n\nSome prose here.\n\n- c three'],
    ['a loose list (blank line between items)', '- a one\n\n- b two\n\n- c three'],
    ['an ordered list after a bullet list', '- a one\n\n1. b two\n2. c three'],
    ['a quote with a cite', '> Words said here.\n>\n> — Someone, somewhere'],
    ['a quote that is only a cite', '> — Someone'],
    ['two quotes', '> One quote.\n\n> Another quote.'],
    ['headings', '## A heading\n\nText under it.\n\n### Smaller heading\n\nMore text.'],
    ['a heading with a closing sequence', '## A heading ##\n\nText.'],
    [
      'emphasis, strong and links',
      'Some _em words_ and **strong** and [a link](https://example.org/x).',
    ],
    ['intraword underscores', 'snake_case_word and _em_ here.'],
    ['emphasis not closed', 'An _open emphasis here.'],
    ['a link with a title', 'A [link](/articles/x "Title") here.'],
    ['a hard break', 'Line one  \nline two.'],
    ['numbers that look like a list', '2024. A year.\n\nAnd 1) more.'],
    ['a multi-line paragraph', 'Line one\nline two\nline three.'],
    ['setext heading', 'Title words\n---\n\nText.'],
    ['a figure', '![Alt text](sky "Caption | Credit")'],
  ])('%s', (_, markdown) => {
    expect(fast(markdown)).toEqual(parsed(markdown))
  })
})
