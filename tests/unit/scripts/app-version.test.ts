// @vitest-environment node
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test, vi } from 'vitest'
import { appVersion } from '../../../scripts/app-version'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string
}

/** The footer's release is in every page's scripts: it must not depend on when the build runs (021). */
describe("the release's name", () => {
  test('is VITE_APP_VERSION when given', () => {
    expect(appVersion(ROOT, { VITE_APP_VERSION: 'two' })).toBe('two')
  })

  test("is the version and SOURCE_DATE_EPOCH's date when set", () => {
    expect(appVersion(ROOT, { SOURCE_DATE_EPOCH: '1767225600' })).toBe(`${version} (2026-01-01)`)
  })

  test("is otherwise the version and the last commit's date, whatever the clock says", () => {
    const committed = Number(execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: ROOT }))
    const expected = `${version} (${new Date(committed * 1000).toISOString().slice(0, 10)})`
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(new Date('2031-07-01T12:00:00Z'))
      expect(appVersion(ROOT, {})).toBe(expected)
    } finally {
      vi.useRealTimers()
    }
  })
})
