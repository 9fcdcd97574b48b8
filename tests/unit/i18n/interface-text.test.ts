import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { findInterfaceText, type InterfaceText } from './find-interface-text'

/**
 * All interface text lives in src/i18n (docs/decisions/014-interface-text.md): no .tsx file writes a word
 * of its own into the page. Covers the folders listed here; the rest of src joins once its text has moved.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..')
const COVERED = [
  'src/components',
  'src/features/keyboard',
  'src/features/preferences',
  'src/features/search',
  'src/features/site',
]

/** Literals that may stay, each with its reason. */
const EXCEPTIONS: readonly { file: string; text: string; reason: string }[] = []

function tsxFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.tsx'))
    .map((name) => path.posix.join(dir, name.split(path.sep).join('/')))
    .sort()
}

const allowed = ({ file, text }: InterfaceText) =>
  EXCEPTIONS.some((e) => e.file === file && e.text === text)

describe('interface text comes from src/i18n', () => {
  test.each(COVERED)('%s writes no words of its own into the page', (dir) => {
    expect(existsSync(path.join(ROOT, dir))).toBe(true)
    const files = tsxFiles(dir)
    expect(files.length).toBeGreaterThan(0)
    const found = files
      .flatMap((file) => findInterfaceText(file, readFileSync(path.join(ROOT, file), 'utf8')))
      .filter((text) => !allowed(text))
    expect(found).toEqual([])
  })

  test('every exception is still needed', () => {
    for (const exception of EXCEPTIONS) {
      const source = readFileSync(path.join(ROOT, exception.file), 'utf8')
      expect(findInterfaceText(exception.file, source)).toContainEqual(
        expect.objectContaining({ text: exception.text }),
      )
    }
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
})
