import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { findInterfaceText } from './find-interface-text'

/**
 * All interface text lives in src/i18n (docs/decisions/014-interface-text.md): no source file in src
 * writes a word of its own into the page, its title or its messages. Every .ts and .tsx file is read,
 * except the language modules themselves; there are no exceptions (a word that must stay goes to src/i18n).
 */
const ROOT = path.resolve(import.meta.dirname, '../../..')
const LANGUAGE_MODULES = 'src/i18n/'

function sourceFiles(): string[] {
  return readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .map((name) => path.posix.join('src', name.split(path.sep).join('/')))
    .filter((file) => /\.tsx?$/.test(file) && !file.startsWith(LANGUAGE_MODULES))
    .sort()
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8')

describe('interface text comes from src/i18n', () => {
  test('no file in src writes words of its own into the page', () => {
    const files = sourceFiles()
    // The whole of src, both kinds of file: a wrong path or pattern would check nothing.
    expect(files).toContain('src/app/layout.tsx')
    expect(files).toContain('src/lib/api-client.ts')
    expect(files.flatMap((file) => findInterfaceText(file, read(file)))).toEqual([])
  })
})

describe('findInterfaceText', () => {
  const find = (source: string) => findInterfaceText('planted.tsx', source).map((f) => f.text)

  test('finds words in JSX text, text attributes and shown expressions', () => {
    expect(
      find(`export const A = () => (
        <nav aria-label="Pages" title={'Older'}>
          <img alt={\`Photo of \${name}\`} src="/a.png" />
          <input placeholder="Type here" aria-description={x ?? 'More'} />
          Page one
          <button>{busy ? 'Retrying…' : 'Retry'}</button>
        </nav>
      )`),
    ).toEqual([
      'Pages',
      'Older',
      '`Photo of ${name}`',
      'Type here',
      'More',
      'Page one',
      'Retrying…',
      'Retry',
    ])
  })

  test('leaves code, symbols and other attributes alone', () => {
    expect(
      find(`import { RETRY, pageOf } from '@/i18n'
        export const A = () => (
          <p className="text-sm" aria-label={RETRY} data-kind="news" dir={d}>
            {pageOf(1, 2)} · <span aria-hidden="true">×</span>
            {items.filter((i) => i.kind === 'news').map((i) => <b key={i.slug}>{i.name}</b>)}
            {label ? \`\${label} \` : null}
          </p>
        )`),
    ).toEqual([])
  })

  test("finds words in our components' text props, text calls, messages and returned sentences", () => {
    expect(
      findInterfaceText(
        'planted.ts',
        `const FAILED = 'The stories could not be loaded'
        useDocumentTitle(error ? 'Something went wrong' : undefined)
        throw new ApiError('timeout', 'The newsroom is taking too long to answer.', url)
        const heading = { eyebrow: 'Section', title: name }
        const notice = (ago: string) => \`Last updated \${ago}.\`
        function status() { return ok ? 'cancelled' : 'Try again later.' }
        export const a = FAILED`,
      ).map((f) => f.text),
    ).toEqual([
      'Something went wrong',
      'The newsroom is taking too long to answer.',
      'Section',
      '`Last updated ${ago}.`',
      'Try again later.',
    ])
    expect(
      find(`const FAILED = 'The stories could not be loaded'
        export const A = () => (
          <>
            <ErrorPanel title={FAILED} message={error.message} />
            <extras.Mark label="Read" />
            <DateTime label={PUBLISHED} value={date} />
          </>
        )`),
    ).toEqual(['The stories could not be loaded', 'Read'])
  })

  test("leaves keys, kinds and HTML elements' other attributes alone", () => {
    expect(
      findInterfaceText(
        'planted.ts',
        `if (error.name === 'AbortError') return 'cancelled'
        const kind = () => 'not-found'
        throw new ApiError('not-found', PAGE_DOES_NOT_EXIST, url)
        const head = { '@type': 'NewsArticle', inLanguage: LANG }`,
      ),
    ).toEqual([])
    expect(
      find(`export const A = () => <label htmlFor="q" className="text-sm">{LABEL}</label>`),
    ).toEqual([])
  })
})
