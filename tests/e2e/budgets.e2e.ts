import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { budgets, KB, SEED_ARTICLE_SLUG } from '../../scripts/budgets'
import { measureFirstRoute, type FirstRoute } from '../../scripts/bench/first-route'
import { parseHtml } from '../utils/parse-html'

/**
 * The size and image budgets (scripts/budgets.ts, docs/decisions/009-performance-budgets.md), checked
 * from the built files: deterministic, no browser, no timing. Reads NEWSROOM_DIST, else dist/.
 */
const DIST = path.resolve(import.meta.dirname, '../..', process.env.NEWSROOM_DIST ?? 'dist')

const PAGES = [
  { name: 'home', file: 'index.html', route: 'listing-route' },
  {
    name: 'the seed story',
    file: `articles/${SEED_ARTICLE_SLUG}/index.html`,
    route: 'article-route',
  },
] as const

/**
 * Route modules (every `src/app/routes/*-route.tsx`, so a new route is covered without editing this):
 * each must be a chunk of its own, and reach the browser only on its own route.
 */
const ROUTE_CHUNKS = readdirSync(path.resolve(import.meta.dirname, '../../src/app/routes'))
  .filter((file) => file.endsWith('-route.tsx'))
  .map((file) => file.replace(/\.tsx$/, ''))

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`
const chunkName = (file: string) => path.basename(file).replace(/-[\w-]{8}\.js$/, '')

function report(name: string, measured: FirstRoute) {
  const lines = measured.files.map(
    (f) =>
      `  ${f.via.padEnd(13)} ${f.file.padEnd(48)} ${String(f.raw).padStart(8)} B ${String(f.gzip).padStart(8)} B gz`,
  )
  console.log(
    [
      `first route of ${name} (gzip -9, 1 KB = 1,024 B):`,
      ...lines,
      `  JS  ${kb(measured.js.gzip)} gz (${measured.js.gzip} B; budget ${kb(budgets.firstRouteJsGzip)}, target ${kb(budgets.firstRouteJsGzipTarget)}), ${kb(measured.js.raw)} raw`,
      `  CSS ${kb(measured.css.gzip)} gz (${measured.css.gzip} B; budget ${kb(budgets.firstRouteCssGzip)}), ${kb(measured.css.raw)} raw`,
    ].join('\n'),
  )
}

/** The width a browser gives an image at this viewport width, from its `sizes` (the subset the app uses). */
function slotWidth(sizes: string, viewport: number): number {
  const length = (value: string) => {
    const [, n, unit] = /^([\d.]+)(px|rem|vw)$/.exec(value.trim()) ?? []
    if (!n) throw new Error(`sizes: cannot read "${value}"`)
    return unit === 'vw'
      ? (Number(n) * viewport) / 100
      : unit === 'rem'
        ? Number(n) * 16
        : Number(n)
  }
  for (const entry of sizes.split(',')) {
    const match = /^\s*\(min-width:\s*([^)]+)\)\s*(.+)$/.exec(entry)
    if (!match) return length(entry)
    if (viewport >= length(match[1]!)) return length(match[2]!)
  }
  throw new Error(`sizes "${sizes}" has no default`)
}

/** The file a browser at this viewport width and device pixel ratio picks from `srcset`. */
function pick(srcset: string, sizes: string, viewport: number, dpr = 1): string {
  const candidates = srcset
    .split(',')
    .map((c) => c.trim().split(/\s+/))
    .map(([url, w]) => ({ url: url!, width: Number(w!.replace(/w$/, '')) }))
    .sort((a, b) => a.width - b.width)
  const needed = slotWidth(sizes, viewport) * dpr
  return (candidates.find((c) => c.width >= needed) ?? candidates.at(-1)!).url
}

describe('route modules', () => {
  it('are each a chunk of their own: none is bundled into the entry, or into another route', () => {
    expect(ROUTE_CHUNKS).toEqual(expect.arrayContaining(PAGES.map((p) => p.route)))
    const built = readdirSync(path.join(DIST, 'assets'))
      .filter((file) => file.endsWith('.js'))
      .map(chunkName)
    for (const route of ROUTE_CHUNKS) expect(built, `a chunk named ${route}`).toContain(route)
  })
})

describe.each(PAGES)('budgets: $name ($file)', ({ name, file, route }) => {
  const html = () => readFileSync(path.join(DIST, file), 'utf8')

  it('is built', () => {
    expect(existsSync(path.join(DIST, file)), `${DIST}/${file}`).toBe(true)
  })

  it('keeps its first-route JavaScript and CSS within budget', () => {
    const measured = measureFirstRoute(DIST, file)
    report(name, measured)
    expect(measured.js.gzip, 'first-route JS, gzip bytes').toBeLessThanOrEqual(
      budgets.firstRouteJsGzip,
    )
    expect(measured.css.gzip, 'first-route CSS, gzip bytes').toBeLessThanOrEqual(
      budgets.firstRouteCssGzip,
    )
  })

  it("loads its own route module up front, and no other route's", () => {
    const chunks = measureFirstRoute(DIST, file).files.map((f) => chunkName(f.file))
    expect(chunks).toContain(route)
    for (const other of ROUTE_CHUNKS.filter((r) => r !== route)) expect(chunks).not.toContain(other)
  })

  it('makes no render-blocking request, and none to another origin', () => {
    const document = parseHtml(html())
    const external = (url: string | null) => !!url && /^([a-z][a-z\d+.-]*:)?\/\//i.test(url)
    for (const script of document.querySelectorAll('script')) {
      const type = (script.getAttribute('type') ?? '').toLowerCase()
      if (type === 'application/json' || type === 'application/ld+json') continue
      expect(type, `script ${script.getAttribute('src') ?? '(inline)'}`).toBe('module')
      expect(external(script.getAttribute('src')), script.getAttribute('src') ?? '').toBe(false)
    }
    for (const link of document.querySelectorAll(
      'link[rel~="stylesheet"], link[rel~="preload"], link[rel~="modulepreload"]',
    )) {
      expect(external(link.getAttribute('href')), link.outerHTML).toBe(false)
    }
  })

  it('gives every image a size, the first one priority, the rest lazy loading, and a small file to a small screen', () => {
    const document = parseHtml(html())
    const images = [...document.querySelectorAll('main img')]
    expect(images.length).toBeGreaterThan(0)
    const [first, ...rest] = images
    for (const img of images) {
      expect(img.getAttribute('width'), img.outerHTML).toMatch(/^\d+$/)
      expect(img.getAttribute('height'), img.outerHTML).toMatch(/^\d+$/)
      expect(img.getAttribute('srcset'), img.outerHTML).toBeTruthy()
      expect(img.getAttribute('sizes'), img.outerHTML).toBeTruthy()
      // A 360 px wide screen gets the 640 px rendition, not the largest.
      expect(pick(img.getAttribute('srcset')!, img.getAttribute('sizes')!, 360)).toMatch(
        /-640\.\w+$/,
      )
    }
    expect(first!.getAttribute('fetchpriority')).toBe('high')
    expect(first!.getAttribute('loading')).not.toBe('lazy')
    const preload = document.querySelector('link[rel="preload"][as="image"]')
    expect(preload?.getAttribute('imagesrcset')).toBe(first!.getAttribute('srcset'))
    expect(preload?.getAttribute('imagesizes')).toBe(first!.getAttribute('sizes'))
    for (const img of rest) expect(img.getAttribute('loading'), img.outerHTML).toBe('lazy')
  })
})
