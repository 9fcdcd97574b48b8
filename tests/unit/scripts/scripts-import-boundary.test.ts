// @vitest-environment node
import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, test } from 'vitest'

/*
 * Issue 13: scripts/ never imports from tests/ (tests may import scripts/). The rule is in eslint.config.js;
 * these cases plant such imports in a file under scripts/ and expect lint to refuse them, so the rule cannot
 * quietly stop matching.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..')
const eslint = new ESLint({ cwd: ROOT })

async function restrictedImports(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) })
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message)
}

describe('scripts/ must not import from tests/', () => {
  test.each([
    [
      'scripts/x.ts',
      "import { tempDir } from '../tests/utils/content-dir'\nexport const a = tempDir\n",
    ],
    [
      'scripts/bench/x.ts',
      "import { startWordPress } from '../../tests/e2e/support/wordpress.ts'\nexport const a = startWordPress\n",
    ],
    ['scripts/bench/x.ts', "export { fixture } from '../../tests/fixtures'\n"],
  ])('refuses an import of tests/ in %s', async (file, code) => {
    const messages = await restrictedImports(code, file)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain('scripts/ must not import from tests/')
  })

  test('allows scripts/ importing scripts/, and tests/ importing scripts/', async () => {
    expect(
      await restrictedImports(
        "import { startServer } from '../serve/nginx.ts'\nexport const a = startServer\n",
        'scripts/bench/x.ts',
      ),
    ).toEqual([])
    expect(
      await restrictedImports(
        "import { startServer } from '../../scripts/serve/nginx'\nexport const a = startServer\n",
        'tests/e2e/x.e2e.ts',
      ),
    ).toEqual([])
  })
})
