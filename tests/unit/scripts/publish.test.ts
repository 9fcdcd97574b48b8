// @vitest-environment node
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { listFiles, publish } from '../../../scripts/publish.ts'

let root: string
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'newsroom-publish-'))
})
afterEach(() => rm(root, { recursive: true, force: true }))

async function tree(name: string, files: Record<string, string>) {
  const dir = path.join(root, name)
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
    await writeFile(path.join(dir, file), text)
  }
  return dir
}

describe('publish', () => {
  test('writes only the files that differ, and removes what went, but not the last release’s assets', async () => {
    const live = await tree('live', {
      'index.html': 'home v1',
      'assets/app-old.js': 'old app',
      'api/site.json': '{"v":1}',
      'api/articles/a.json': 'a',
      'api/articles/gone.json': 'gone',
      'articles/gone/index.html': 'gone page',
      'sw.js': 'sw v1',
    })
    const next = await tree('next', {
      'index.html': 'home v2',
      'assets/app-new.js': 'new app',
      'api/site.json': '{"v":1}',
      'api/articles/a.json': 'a',
      'api/articles/b.json': 'b',
      'sw.js': 'sw v2',
    })
    const before = (await stat(path.join(live, 'api/articles/a.json'))).mtimeMs
    const result = await publish(next, live)
    expect(result.written).toEqual([
      'assets/app-new.js',
      'api/articles/b.json',
      'index.html',
      'sw.js',
    ])
    expect(result.removed).toEqual(['articles/gone/index.html', 'api/articles/gone.json'])
    expect(result.unchanged).toBe(2)
    expect((await listFiles(live)).sort()).toEqual([
      'api/articles/a.json',
      'api/articles/b.json',
      'api/site.json',
      'assets/app-new.js',
      'assets/app-old.js',
      'index.html',
      'sw.js',
    ])
    expect(await readFile(path.join(live, 'index.html'), 'utf8')).toBe('home v2')
    // An unchanged file is not touched at all.
    expect((await stat(path.join(live, 'api/articles/a.json'))).mtimeMs).toBe(before)
  })

  test('puts what a page names in place before the page, and the service worker last', async () => {
    const live = await tree('live', { 'index.html': 'v1', 'sw.js': 'v1' })
    const next = await tree('next', {
      'sw.js': 'v2',
      'index.html': 'v2',
      'articles/new/index.html': 'page',
      'api/lists/latest/1.json': 'list',
      'api/site.json': 'site',
      'api/articles/new.json': 'story',
      'api/images/new-640.webp': 'image',
      'assets/app.js': 'app',
      'manifest.webmanifest': 'manifest',
    })
    const result = await publish(next, live)
    expect(result.written).toEqual([
      'assets/app.js',
      'api/images/new-640.webp',
      'api/articles/new.json',
      'api/lists/latest/1.json',
      'api/site.json',
      'articles/new/index.html',
      'index.html',
      'manifest.webmanifest',
      'sw.js',
    ])
  })

  test('the leftovers of an interrupted publish are cleared, never served as files of the site', async () => {
    const live = await tree('live', { 'index.html': 'old', 'index.html.4242.publishing': 'ne' })
    const next = await tree('next', { 'index.html': 'new' })
    await publish(next, live)
    expect(await listFiles(live)).toEqual(['index.html'])
    expect(await readFile(path.join(live, 'index.html'), 'utf8')).toBe('new')
    await expect(stat(path.join(live, 'index.html.4242.publishing'))).rejects.toThrow()
  })
})
