import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from '../../../scripts/serve/nginx'

/**
 * Two releases of the app for the update and redeploy tests, built once per run by the global setup:
 * `one` (VITE_APP_VERSION=one, the demo content) and `two` (VITE_APP_VERSION=two, the same content
 * with one story revised). They go to a temp folder, never to dist/.
 *
 * NEWSROOM_E2E_BUILDS=<folder> keeps them there between runs, and reuses them when present: handy
 * while writing tests, stale once the app or the content changes.
 */
export interface Releases {
  one: string
  two: string
  /** The story that release two revises: a paragraph added at the top of its body. */
  revised: { slug: string; paragraph: string }
}

export const REVISED = {
  slug: 'un-medal-azerbaijani-peacekeeper-south-sudan',
  paragraph:
    'Correction, release two: this story was revised after publication to add the date of the ceremony.',
} as const

export async function buildReleases(): Promise<{ releases: Releases; cleanup(): Promise<void> }> {
  const kept = process.env.NEWSROOM_E2E_BUILDS
  const folder = kept
    ? path.resolve(kept)
    : await mkdtemp(path.join(os.tmpdir(), 'newsroom-e2e-releases-'))
  const releases: Releases = {
    one: path.join(folder, 'one'),
    two: path.join(folder, 'two'),
    revised: { ...REVISED },
  }
  const done = (dir: string) => existsSync(path.join(dir, 'e2e-release-complete'))
  if (!done(releases.one) || !done(releases.two)) {
    await mkdir(folder, { recursive: true })
    const content = path.join(folder, 'content-two')
    await rm(content, { recursive: true, force: true })
    await cp(path.join(ROOT, 'content'), content, { recursive: true })
    const story = path.join(content, 'articles', `${REVISED.slug}.md`)
    const markdown = await readFile(story, 'utf8')
    const end = markdown.indexOf('\n---\n', 4)
    if (!markdown.startsWith('---\n') || end < 0) throw new Error(`${story} has no front matter`)
    await writeFile(
      story,
      `${markdown.slice(0, end + 5)}\n${REVISED.paragraph}\n\n${markdown.slice(end + 5).trimStart()}`,
    )
    // One after the other, as releases are: two is newer in every way a browser or the app can tell.
    // Built in the same second, the two sw.js (same size, other hashes) would get the same ETag from
    // nginx (mtime and size), and the browser's update check would take a 304 for "no new version"; the
    // prerendered data of two would also look older than one's to the query cache.
    await build(releases.one, { VITE_APP_VERSION: 'one' })
    await build(releases.two, { VITE_APP_VERSION: 'two', NEWSROOM_CONTENT_DIR: content })
    const [first, second] = await Promise.all(
      [releases.one, releases.two].map((dir) => stat(path.join(dir, 'sw.js'))),
    )
    if (Math.floor(second!.mtimeMs / 1000) <= Math.floor(first!.mtimeMs / 1000)) {
      throw new Error('release two must be written in a later second than release one')
    }
  }
  return {
    releases,
    cleanup: async () => {
      if (!kept) await rm(folder, { recursive: true, force: true })
    },
  }
}

async function build(outDir: string, vars: Record<string, string>) {
  // The build must not think it runs inside vitest (NODE_ENV=test, VITEST*): it is a production build.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV'),
  )
  const child = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir'],
    { cwd: ROOT, env: { ...env, ...vars }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`vite build --outDir ${outDir} failed (${code}):\n${output}`)
  await writeFile(path.join(outDir, 'e2e-release-complete'), new Date().toISOString())
}
