import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { fillTemplate } from '@/app/ssr/document'
import { fileFor, parseLimit } from '../../../scripts/vite-plugin-prerender'

const TEMPLATE = `<!doctype html>
<html lang="en">
  <head>
    <meta name="description" content="The shell's description." />
    <title>Newsroom</title>
    <script type="module" src="/assets/index.js"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`

describe('fillTemplate', () => {
  test("puts the page's head in place of the shell's title and description, and the page in #root", () => {
    const html = fillTemplate(TEMPLATE, {
      head: '<title>A story – Newsroom</title>\n<meta name="description" content="Its own.">',
      body: '<main><h1>A story</h1></main>',
      data: '<script type="application/json" id="newsroom-data">{}</script>',
    })
    expect(html).not.toContain("The shell's description.")
    expect(html.match(/<title>/g)).toHaveLength(1)
    expect(html).toContain('<title>A story – Newsroom</title>')
    expect(html).toContain(
      '<div id="root"><main><h1>A story</h1></main></div><script type="application/json" id="newsroom-data">{}</script>',
    )
    expect(html).toContain('<script type="module" src="/assets/index.js"></script>')
  })

  test('copies the page as it is, even where it looks like a replacement pattern', () => {
    const body = "<p>Prices in $&amp; and $' and $1 stay.</p>"
    expect(fillTemplate(TEMPLATE, { head: '<title>$&</title>', body, data: '' })).toContain(
      `<div id="root">${body}</div>`,
    )
  })

  test('refuses a template it cannot fill, rather than ship an empty page', () => {
    expect(() =>
      fillTemplate(TEMPLATE.replace('<div id="root"></div>', ''), { head: '', body: '', data: '' }),
    ).toThrow(/<div id="root"><\/div>/)
    expect(() =>
      fillTemplate(TEMPLATE.replace('<title>Newsroom</title>', ''), {
        head: '',
        body: '',
        data: '',
      }),
    ).toThrow(/<title>/)
  })
})

describe('the prerender plugin', () => {
  test('writes each page where a static host looks for it', () => {
    expect(fileFor('/')).toBe('index.html')
    expect(fileFor('/articles/a-story')).toBe(path.join('articles', 'a-story', 'index.html'))
    expect(fileFor('/sections/world')).toBe(path.join('sections', 'world', 'index.html'))
  })

  test('reads NEWSROOM_PRERENDER_LIMIT: unset or empty is every story, else a count', () => {
    expect(parseLimit(undefined)).toBe(Infinity)
    expect(parseLimit('')).toBe(Infinity)
    expect(parseLimit('0')).toBe(0)
    expect(parseLimit('500')).toBe(500)
    expect(parseLimit(20)).toBe(20)
    for (const bad of ['-1', '1.5', 'all', 'ten'])
      expect(() => parseLimit(bad)).toThrow(/NEWSROOM_PRERENDER_LIMIT/)
  })
})
