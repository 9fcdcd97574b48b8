import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SEED_ARTICLE_SLUG } from '../../scripts/budgets'
import { measureFirstRoute } from '../../scripts/bench/first-route'

/**
 * What the first route is built from, read from the build's sourcemaps: code that does not paint the
 * first screen loads after start (vite.config.ts, docs/decisions/009-performance-budgets.md). Reads
 * NEWSROOM_DIST, else dist/.
 */
const DIST = path.resolve(import.meta.dirname, '../..', process.env.NEWSROOM_DIST ?? 'dist')

/** The source files a built chunk (a path from the site root) was made from; none for the bundler's runtime. */
function sourcesOf(file: string): string[] {
  const map = path.join(DIST, `${file}.map`)
  if (!existsSync(map)) return []
  const { sources } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }
  return sources.map((source) => source.split(path.sep).join('/'))
}

const PAGES = ['index.html', `articles/${SEED_ARTICLE_SLUG}/index.html`]

describe.each(PAGES)('the first route of %s', (page) => {
  const sources = () =>
    measureFirstRoute(DIST, page)
      .files.filter((f) => f.kind === 'js')
      .flatMap((f) => sourcesOf(f.file))

  it("holds React Router's production build, without its developer warnings", () => {
    expect(sources().some((s) => s.includes('/react-router/dist/production/'))).toBe(true)
    expect(sources().filter((s) => s.includes('/react-router/dist/development/'))).toEqual([])
  })

  it('leaves out what loads after start: the device cache, TanStack hydrate, the connection watch', () => {
    const later = [
      '/src/features/pwa/api/device-cache.ts',
      '/@tanstack/query-core/build/modern/hydration.js',
      '/src/features/pwa/api/connectivity.ts',
    ]
    expect(sources().filter((s) => later.some((file) => s.endsWith(file)))).toEqual([])
  })
})

it('builds what loads after start into chunks of their own', () => {
  const built = readdirSync(path.join(DIST, 'assets'))
    .filter((file) => file.endsWith('.js'))
    .flatMap((file) => sourcesOf(`assets/${file}`))
  for (const file of [
    '/src/features/pwa/api/device-cache.ts',
    '/@tanstack/query-core/build/modern/hydration.js',
    '/src/features/pwa/api/connectivity.ts',
  ]) {
    expect(
      built.some((s) => s.endsWith(file)),
      file,
    ).toBe(true)
  }
})
