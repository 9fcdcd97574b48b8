import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

/**
 * What a built page loads before its first render: the module script, every modulepreload and, read from
 * the chunks themselves, each static import they make (recursively), plus its stylesheets. Sizes raw and
 * gzip -9 (node:zlib level 9). Shared by the budget test (tests/e2e/budgets.e2e.ts) and the bench.
 */
export interface Size {
  raw: number
  gzip: number
}

export interface FirstRouteFile extends Size {
  /** Path as the HTML or an import names it, from the site root (`/assets/index-abc.js`). */
  file: string
  kind: 'js' | 'css'
  /**
   * How the page reaches it: its module script, a modulepreload, a static import, the app the module
   * script starts after the first paint (`<meta name="newsroom:app">`, src/boot.ts), a module the page
   * names for the boot to preload beside it (`<meta name="newsroom:module">`), or a stylesheet.
   */
  via: 'script' | 'modulepreload' | 'import' | 'app' | 'module' | 'stylesheet'
}

export interface FirstRoute {
  js: Size
  css: Size
  files: FirstRouteFile[]
}

/** The attributes of every tag named `tag` in `html` (lower-cased names; valueless attributes are ''). */
export function tagAttributes(html: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = []
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
    const attrs: Record<string, string> = {}
    for (const a of match[1]!.matchAll(
      /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g,
    )) {
      attrs[a[1]!.toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? ''
    }
    found.push(attrs)
  }
  return found
}

/** Static imports of an ES module chunk: `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`. */
export function staticImports(code: string): string[] {
  const specifiers = new Set<string>()
  // `import(` (dynamic) is not matched: a quote or a binding must follow `import`.
  const pattern =
    /(?:^|[;\s}])(?:import\s*(?:[\w$*{][^'"`;]*?\bfrom\s*)?|export\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*)(["'])([^"']+)\1/g
  for (const match of code.matchAll(pattern)) specifiers.add(match[2]!)
  return [...specifiers]
}

const size = (bytes: Buffer): Size => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
})

const isLocal = (href: string) => !/^([a-z][a-z\d+.-]*:)?\/\//i.test(href)

/**
 * Measures the first route of the page `htmlFile` (relative to `distDir`, e.g. `index.html` or
 * `articles/<slug>/index.html`): everything the page loads to go live, whether before or after its first
 * paint (the module script loads the app once the page has painted: src/boot.ts).
 */
export function measureFirstRoute(distDir: string, htmlFile: string): FirstRoute {
  const html = readFileSync(path.join(distDir, htmlFile), 'utf8')
  const pageUrl = new URL(`/${htmlFile.split(path.sep).join('/')}`, 'http://site.invalid')
  const files: FirstRouteFile[] = []
  const seen = new Set<string>()
  const read = (urlPath: string) => readFileSync(path.join(distDir, decodeURIComponent(urlPath)))

  const visitJs = (href: string, via: FirstRouteFile['via'], base: URL) => {
    if (!isLocal(href)) return
    const url = new URL(href, base)
    if (seen.has(url.pathname)) return
    seen.add(url.pathname)
    const bytes = read(url.pathname)
    files.push({ file: url.pathname, kind: 'js', via, ...size(bytes) })
    for (const specifier of staticImports(bytes.toString('utf8'))) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) visitJs(specifier, 'import', url)
    }
  }

  for (const script of tagAttributes(html, 'script')) {
    if (script.type === 'module' && script.src) visitJs(script.src, 'script', pageUrl)
  }
  // The app the module script starts once the page has painted, and the modules it preloads beside it.
  for (const meta of tagAttributes(html, 'meta')) {
    if (meta.name === 'newsroom:app' && meta.content) visitJs(meta.content, 'app', pageUrl)
  }
  for (const meta of tagAttributes(html, 'meta')) {
    if (meta.name === 'newsroom:module' && meta.content) visitJs(meta.content, 'module', pageUrl)
  }
  for (const link of tagAttributes(html, 'link')) {
    const rel = (link.rel ?? '').toLowerCase().split(/\s+/)
    if (rel.includes('modulepreload') && link.href) visitJs(link.href, 'modulepreload', pageUrl)
  }
  for (const link of tagAttributes(html, 'link')) {
    const rel = (link.rel ?? '').toLowerCase().split(/\s+/)
    if (!rel.includes('stylesheet') || !link.href || !isLocal(link.href)) continue
    const url = new URL(link.href, pageUrl)
    if (seen.has(url.pathname)) continue
    seen.add(url.pathname)
    files.push({ file: url.pathname, kind: 'css', via: 'stylesheet', ...size(read(url.pathname)) })
  }

  const total = (kind: FirstRouteFile['kind']) =>
    files
      .filter((f) => f.kind === kind)
      .reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip }), { raw: 0, gzip: 0 })
  return { js: total('js'), css: total('css'), files }
}
