// @vitest-environment node
import { mkdir, readFile, readlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { noJsRoot, withoutJavaScript } from '../../../scripts/bench/no-js.ts'
import { tempDir } from '../../utils/content-dir'

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <link rel="stylesheet" crossorigin href="/assets/app.css">
    <link rel="preload" as="image" href="/api/images/a-640.webp">
    <script type="application/ld+json">{"name":"<script type=\\"module\\"></script>"}</script>
    <script type="module" crossorigin src="/assets/index.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/app.js">
    <link crossorigin href='/assets/route.js' rel='modulepreload'>
  </head>
  <body>
    <!-- <script type="module" src="/assets/commented.js"></script> -->
    <main><h1>Latest stories</h1></main>
    <script type="application/json" id="newsroom-data">{"link":"<link rel=modulepreload href=/x.js>"}</script>
    <script type=module>import('/assets/boot.js')</script>
    <script TYPE="Module" src="/assets/later.js" data-note="a > b"></script>
  </body>
</html>
`

describe('the same page without JavaScript', () => {
  test('removes every module script and modulepreload, and nothing else', () => {
    const { html, removed } = withoutJavaScript(PAGE)
    expect(removed).toEqual({ moduleScripts: 3, modulepreloads: 2 })
    const gone = [
      '<script type="module" crossorigin src="/assets/index.js"></script>',
      '<link rel="modulepreload" crossorigin href="/assets/app.js">',
      "<link crossorigin href='/assets/route.js' rel='modulepreload'>",
      "<script type=module>import('/assets/boot.js')</script>",
      '<script TYPE="Module" src="/assets/later.js" data-note="a > b"></script>',
    ]
    // Exactly those tags go; the rest (comments, JSON and JSON-LD with tag-like text) stays as it was.
    expect(html).toBe(gone.reduce((text, tag) => text.replace(tag, ''), PAGE))
  })

  test('serves the copies at their own paths beside links to everything else', async () => {
    const dist = await tempDir('no-js')
    for (const dir of ['articles/a', 'articles/b', 'tags/t', 'assets']) {
      await mkdir(path.join(dist, dir), { recursive: true })
    }
    for (const file of ['index.html', 'articles/a/index.html', 'articles/b/index.html']) {
      await writeFile(path.join(dist, file), PAGE)
    }
    await writeFile(path.join(dist, 'tags/t/index.html'), PAGE)
    await writeFile(path.join(dist, 'assets/app.js'), '')
    const into = path.join(await tempDir('no-js'), 'root')

    const { root, removed } = await noJsRoot(dist, ['/', '/articles/a'], into)

    expect(Object.keys(removed).sort()).toEqual(['/', '/articles/a'])
    for (const file of ['index.html', 'articles/a/index.html']) {
      expect(await readFile(path.join(root, file), 'utf8')).toBe(withoutJavaScript(PAGE).html)
    }
    expect(await readlink(path.join(root, 'articles/b'))).toBe(path.join(dist, 'articles/b'))
    expect(await readlink(path.join(root, 'tags'))).toBe(path.join(dist, 'tags'))
    expect(await readlink(path.join(root, 'assets'))).toBe(path.join(dist, 'assets'))
    await expect(noJsRoot(dist, ['/sections/none'], `${into}-2`)).rejects.toThrow(/not prerendered/)
  })
})
