import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { pwaOptions } from '../../scripts/pwa-options'
import {
  directive,
  headerFor,
  nginxHeader,
  nginxLocation,
  readShipped,
  type NginxSite,
} from './support/host-rules'
import { DIST, ROOT } from '../../scripts/serve/nginx'

/**
 * No browser, no server: the three host configurations we ship (nginx, and _headers / _redirects for
 * CDN hosts) must say the same thing for every path the app serves. The live behaviour of nginx is
 * checked in pwa-static-host.e2e.ts.
 */
const { site, headers, redirects } = readShipped()

/** What nginx adds for a path: its location's Cache-Control (add_header is not inherited when set). */
function nginxCacheControl(s: NginxSite, uri: string) {
  const location = nginxLocation(s, uri)
  return nginxHeader(location.block, 'Cache-Control') ?? nginxHeader(s.server, 'Cache-Control')
}

/** Every file of the build, as a URL path. */
function buildFiles(dir: string, base = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? buildFiles(path.join(dir, entry.name), `${base}/${entry.name}`)
      : [`${base}/${entry.name}`],
  )
}

/** Routes of the app that are URLs, not files: served prerendered or by the shell. */
const routes = [
  '/',
  '/page/2',
  '/articles/some-story',
  '/sections/world',
  '/sections/world/page/3',
  '/tags/climate',
  '/tags/climate/page/2',
  '/authors/someone',
  '/saved',
]

describe('the shipped host configurations agree', () => {
  const paths = [
    ...routes,
    ...buildFiles(DIST).filter((p) => !p.endsWith('.map') && !p.startsWith('/_')),
  ]

  it('covers a real build', () => {
    expect(existsSync(path.join(DIST, 'shell.html'))).toBe(true)
    for (const kind of ['/assets/', '/api/lists/', '/api/articles/', '/api/images/']) {
      expect(paths.some((p) => p.startsWith(kind))).toBe(true)
    }
    expect(paths).toContain('/sw.js')
    expect(paths).toContain('/manifest.webmanifest')
    expect(paths.some((p) => /^\/workbox-[^/]+\.js$/.test(p))).toBe(true)
  })

  it('gives every path the same Cache-Control in nginx and in _headers', () => {
    const disagreements: string[] = []
    for (const urlPath of paths) {
      const fromNginx = nginxCacheControl(site, urlPath)
      const fromHeaders = headerFor(headers, urlPath, 'Cache-Control')
      if (fromHeaders.rules.length > 1) {
        disagreements.push(`${urlPath}: several _headers rules set it (${fromHeaders.rules})`)
      }
      // A path no _headers rule names gets the CDN's default, which revalidates on every load
      // (Netlify and Cloudflare Pages: "public, max-age=0, must-revalidate"): nginx must say no-cache.
      const expected = fromHeaders.value ?? 'no-cache'
      if (fromNginx !== expected) {
        disagreements.push(`${urlPath}: nginx "${fromNginx}", _headers "${fromHeaders.value}"`)
      }
    }
    expect(disagreements).toEqual([])
  })

  it('caches by kind of file, as docs/deploy.md says', () => {
    const cacheControl = (p: string) => headerFor(headers, p, 'Cache-Control').value
    const hashed = paths.filter((p) => p.startsWith('/assets/'))
    for (const p of hashed) expect(cacheControl(p), p).toBe('public, max-age=31536000, immutable')
    const revalidated = [
      ...routes,
      '/index.html',
      '/shell.html',
      '/sw.js',
      '/manifest.webmanifest',
      ...paths.filter((p) => /^\/workbox-[^/]+\.js$/.test(p)),
      ...paths.filter((p) => p.endsWith('.html')),
    ]
    for (const p of revalidated) expect(cacheControl(p), p).toBe('no-cache')
    const json = paths.filter((p) => p.startsWith('/api/') && p.endsWith('.json'))
    expect(json.length).toBeGreaterThan(10)
    for (const p of json) {
      expect(cacheControl(p), p).toBe('public, no-cache')
    }
    for (const p of paths.filter((p) => p.startsWith('/api/images/'))) {
      expect(cacheControl(p), p).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/)
    }
  })

  it('uses no Cache-Control value in one file that the other lacks', () => {
    const fromNginx = new Set(
      site.locations
        .filter((l) => !l.path.startsWith('@'))
        .map((l) => nginxHeader(l.block, 'Cache-Control'))
        .filter(Boolean),
    )
    const fromHeaders = new Set(headers.map((r) => r.headers['cache-control']).filter(Boolean))
    expect([...fromNginx].sort()).toEqual([...fromHeaders].sort())
  })

  it('falls back to the shell for any path with no file, in nginx, _redirects and the service worker', () => {
    const root = nginxLocation(site, '/page/2')
    expect(directive(root.block, 'try_files')).toEqual(['$uri', '$uri/index.html', '/shell.html'])
    const fallback = redirects.find((r) => r.matches('/page/2'))
    expect(fallback).toMatchObject({ from: '/*', to: '/shell.html', status: 200 })
    const pages = pwaOptions.workbox?.runtimeCaching?.find((r) =>
      r.options?.cacheName?.startsWith('newsroom-pages'),
    )
    expect(pages?.options?.precacheFallback?.fallbackURL).toBe('/shell.html')
    expect(pwaOptions.workbox?.globPatterns).toContain('shell.html')
  })

  it('answers a missing API file with the same JSON 404 everywhere, before the shell fallback', () => {
    const api = redirects.findIndex((r) => r.matches('/api/articles/missing.json'))
    expect(redirects[api]).toMatchObject({ from: '/api/*', status: 404 })
    // The catch-all comes after it: the first matching rule wins.
    expect(redirects.findIndex((r) => r.from === '/*')).toBeGreaterThan(api)
    const file = path.join(ROOT, 'public', redirects[api]!.to)
    const body = JSON.parse(readFileSync(file, 'utf8')) as unknown
    expect(body).toEqual({ error: 'not_found' })

    for (const uri of ['/api/articles/missing.json', '/api/images/missing.webp']) {
      const location = nginxLocation(site, uri)
      expect(directive(location.block, 'try_files'), uri).toEqual(['$uri', '=404'])
      expect(directive(location.block, 'error_page'), uri).toEqual([
        '403',
        '404',
        '=',
        '@api_not_found',
      ])
    }
    const named = site.locations.find((l) => l.path === '@api_not_found')
    expect(directive(named!.block, 'default_type')).toEqual(['application/json'])
    const [status, text = ''] = directive(named!.block, 'return') ?? []
    expect(status).toBe('404')
    expect(JSON.parse(text)).toEqual(body)
  })

  it('builds a service worker whose precache lists each file once', () => {
    // The same URL twice with two revisions makes Workbox throw as the worker starts: it still installs,
    // but with no precache and no routes, so nothing works offline (as happened with the manifest).
    const worker = readFileSync(path.join(DIST, 'sw.js'), 'utf8')
    const urls = [...worker.matchAll(/\{url:"([^"]+)",revision:/g)].map((m) => m[1])
    expect(urls).toContain('shell.html')
    expect(urls.filter((url, i) => urls.indexOf(url) !== i)).toEqual([])
  })

  it('sends the same security headers in nginx and _headers, the meta tag’s policy among them', () => {
    // nginx holds each policy in a variable, which every location sends (add_header is not inherited).
    const variables = new Map(
      site.server.filter((d) => d.name === 'set').map((d) => [d.args[0], d.args[1]]),
    )
    const fromNginx = (uri: string, name: string) => {
      const header = nginxHeader(nginxLocation(site, uri).block, name)
      return header && (variables.get(header) ?? header)
    }
    // Documents (pages, the service worker, images that may be SVG) need the policy; for other
    // responses it is moot, and _headers leaves it out.
    const documents = paths.filter(
      (p) =>
        routes.includes(p) || /\.html$/.test(p) || p === '/sw.js' || p.startsWith('/api/images/'),
    )
    const disagreements: string[] = []
    const compare = (uri: string, name: string) => {
      const nginx = fromNginx(uri, name)
      const cdn = headerFor(headers, uri, name)
      if (!nginx || nginx !== cdn.value || cdn.rules.length !== 1) {
        disagreements.push(
          `${uri} ${name}: nginx "${nginx}", _headers "${cdn.value}" (${cdn.rules})`,
        )
      }
    }
    for (const uri of paths)
      for (const name of ['X-Content-Type-Options', 'Referrer-Policy']) compare(uri, name)
    for (const uri of documents) compare(uri, 'Content-Security-Policy')
    expect(disagreements).toEqual([])

    const directives = (policy = '') => policy.split(/;\s*/).filter(Boolean).sort()
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(
      readFileSync(path.join(ROOT, 'index.html'), 'utf8'),
    )?.[1]
    // Pages: the meta tag's policy, plus what only a header can say.
    const page = directives(fromNginx('/articles/some-story', 'Content-Security-Policy'))
    expect(page).toEqual(directives(`${meta}; frame-ancestors 'none'`))
    // The service worker: the same, without Trusted Types.
    expect(directives(fromNginx('/sw.js', 'Content-Security-Policy'))).toEqual(
      page.filter((d) => !/^(require-trusted-types-for|trusted-types) /.test(d)),
    )
  })

  it('serves every sitemap the build writes as application/xml, revalidated, and robots.txt as text', () => {
    const sitemaps = paths.filter((p) =>
      /^\/(sitemap\.xml|news-sitemap\.xml|sitemaps\/.+\.xml)$/.test(p),
    )
    expect(sitemaps).toEqual(expect.arrayContaining(['/sitemap.xml', '/news-sitemap.xml']))
    expect(sitemaps.some((p) => p.startsWith('/sitemaps/'))).toBe(true)
    for (const p of sitemaps) {
      expect(directive(nginxLocation(site, p).block, 'default_type'), p).toEqual([
        'application/xml',
      ])
      expect(headerFor(headers, p, 'Content-Type').value, p).toBe('application/xml')
      expect(nginxCacheControl(site, p), p).toBe('no-cache')
    }
    // A missing child sitemap is a 404 in nginx, not the shell's HTML.
    expect(directive(nginxLocation(site, '/sitemaps/missing.xml').block, 'try_files')).toEqual([
      '$uri',
      '=404',
    ])
    expect(directive(site.server, 'gzip_types')).toContain('application/xml')
    // robots.txt is generated by the build (not in public/), and falls to nginx's text/plain.
    expect(paths).toContain('/robots.txt')
    expect(existsSync(path.join(ROOT, 'public/robots.txt'))).toBe(false)
  })

  it('serves the manifest as application/manifest+json, and compresses text', () => {
    const manifest = nginxLocation(site, '/manifest.webmanifest')
    expect(manifest.modifier).toBe('=')
    expect(directive(manifest.block, 'default_type')).toEqual(['application/manifest+json'])
    expect(headerFor(headers, '/manifest.webmanifest', 'Content-Type').value).toBe(
      'application/manifest+json',
    )
    expect(directive(site.server, 'gzip')).toEqual(['on'])
    expect(directive(site.server, 'gzip_types')).toEqual(
      expect.arrayContaining([
        'application/json',
        'application/javascript',
        'text/css',
        'image/svg+xml',
        'application/manifest+json',
      ]),
    )
  })
})

describe('feeds on every host', () => {
  const feedTypes: Record<string, string> = {
    xml: 'application/rss+xml',
    atom: 'application/atom+xml',
    json: 'application/feed+json',
  }
  const built = buildFiles(DIST).filter((p) => /\/feed\.(xml|atom|json)$/.test(p))
  const feeds = [
    ...new Set([
      ...built,
      ...['/', '/sections/world/', '/tags/climate/', '/authors/someone/'].flatMap((base) =>
        Object.keys(feedTypes).map((ext) => `${base}feed.${ext}`),
      ),
    ]),
  ]

  it('are in the build: the latest stories and every section, tag and author, in three formats', () => {
    for (const p of ['/feed.xml', '/feed.atom', '/feed.json']) expect(built).toContain(p)
    for (const kind of ['sections', 'tags', 'authors'])
      expect(
        built.some((p) => p.startsWith(`/${kind}/`)),
        kind,
      ).toBe(true)
  })

  it('are served with their own type in UTF-8, revalidated, the same in nginx and _headers', () => {
    const charset = directive(site.server, 'charset_types') ?? []
    for (const p of feeds) {
      const type = feedTypes[p.split('.').pop()!]!
      const location = nginxLocation(site, p)
      expect(directive(location.block, 'default_type'), p).toEqual([type])
      expect(charset, p).toContain(type)
      expect(directive(location.block, 'try_files'), p).toEqual(['$uri', '=404'])
      expect(headerFor(headers, p, 'Content-Type').value, p).toBe(`${type}; charset=utf-8`)
      expect(nginxCacheControl(site, p), p).toBe('no-cache')
      expect(headerFor(headers, p, 'Cache-Control').value ?? 'no-cache', p).toBe('no-cache')
    }
    expect(directive(site.server, 'gzip_types')).toEqual(
      expect.arrayContaining(Object.values(feedTypes)),
    )
  })

  it('leave the pages beside them to the shell and the API to its own rules', () => {
    expect(nginxLocation(site, '/sections/world').path).toBe('/')
    expect(nginxLocation(site, '/api/lists/sections/world/1.json').path).toBe('/api/')
    expect(nginxLocation(site, '/sections/world/page/2/feed.xml').path).toBe('/')
  })
})
