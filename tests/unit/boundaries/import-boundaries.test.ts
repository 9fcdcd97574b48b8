// @vitest-environment node
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

/*
 * Issue 13: features never import each other (by alias or by relative path, whatever their folder is called),
 * shared code never imports features, and there are no import cycles. The rules are in eslint.config.js
 * (docs/decisions/028-boundaries-and-cycles.md); these cases plant such imports and expect lint to refuse
 * them, so the rules cannot quietly stop matching. The imported files are real: an import that does not
 * resolve would not be judged at all.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..')
const eslint = new ESLint({ cwd: ROOT })

const SAVED = 'src/features/saved/api/saved-cache'
const KEYBOARD = 'src/features/keyboard/components/keyboard-support'

/** A module that imports `from` and uses it, so only the import itself can draw an error. */
const importing = (from: string) => `import * as other from '${from}'\nexport const used = other\n`

/** The messages of one rule for `code` linted as if it were the file at `file`. */
async function problems(code: string, file: string, ruleId: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) })
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === ruleId)
    .map((message) => message.message)
}

const boundaryProblems = (code: string, file: string) =>
  problems(code, file, 'boundaries/dependencies')

// The first lint loads the config, the TypeScript parser and the resolver: seconds on a busy machine,
// which belong to no one case.
beforeAll(() => eslint.lintText('', { filePath: path.join(ROOT, 'src/lib/x.ts') }), 60_000)

describe('features and shared code keep their boundaries', () => {
  test.each([
    ['another feature by alias', 'src/features/saved/x.ts', `@/${KEYBOARD.slice(4)}`],
    [
      'another feature by relative path',
      'src/features/saved/components/x.ts',
      `../../keyboard/components/keyboard-support`,
    ],
    [
      'another feature from a folder that does not exist yet',
      'src/features/newthing/x.ts',
      `@/${SAVED.slice(4)}`,
    ],
    ['the app from a feature', 'src/features/saved/x.ts', '../../app/routes/route-error'],
  ])('refuses %s', async (_case, file, from) => {
    const messages = await boundaryProblems(importing(from), file)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain('Features do not import each other or the app')
  })

  test.each([
    ['src/lib/x.ts', `@/${SAVED.slice(4)}`],
    ['src/components/ui/x.ts', `../../features/saved/api/saved-cache`],
    ['src/config/x.ts', '@/app/routes/route-error'],
  ])('refuses shared code (%s) importing %s', async (file, from) => {
    const messages = await boundaryProblems(importing(from), file)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain('Shared code must not import features or the app')
  })

  test.each([
    [
      'its own feature by relative path',
      'src/features/saved/components/x.ts',
      '../api/saved-cache',
    ],
    ['its own feature by alias', 'src/features/saved/components/x.ts', `@/${SAVED.slice(4)}`],
    ['shared code from a feature', 'src/features/newthing/x.ts', '@/lib/api-client'],
    ['shared code from shared code', 'src/lib/x.ts', '@/config/env'],
    ['a feature from a page', 'src/app/routes/x.ts', `@/${KEYBOARD.slice(4)}`],
  ])('accepts %s', async (_case, file, from) => {
    expect(await boundaryProblems(importing(from), file)).toEqual([])
  })
})

describe('import cycles', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(path.join(ROOT, 'src/lib/cycle-test-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  test('refuses two modules that import each other, and accepts one way', async () => {
    const a = path.join(dir, 'a.ts')
    const b = path.join(dir, 'b.ts')
    const c = path.join(dir, 'c.ts')
    await writeFile(a, "import { b } from './b'\nexport const a = () => b\n")
    await writeFile(b, "import { a } from './a'\nexport const b = () => a\n")
    await writeFile(c, "import { a } from './a'\nexport const c = () => a\n")
    const results = await eslint.lintFiles([a, b, c])
    const cycles = (file: string) =>
      results
        .find((result) => result.filePath === file)
        ?.messages.filter((message) => message.ruleId === 'import-x/no-cycle') ?? []
    expect(cycles(a)).toHaveLength(1)
    expect(cycles(b)).toHaveLength(1)
    expect(cycles(c)).toEqual([])
  })
})
