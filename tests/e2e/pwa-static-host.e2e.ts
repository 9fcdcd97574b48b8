import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { browserSession } from './support/browser'
import { readEntry } from './support/device-cache'
import { untilNetworkQuiet } from './support/network'
import { servedProfile } from './support/served-profile'
import { headerFor, readShipped } from './support/host-rules'
import { h1, listedSlugs, settled, storyLinks } from '../../scripts/app-page'
import { untilControlled } from './support/pwa'
import { DIST } from '../../scripts/serve/nginx'
import { busiest, data, findTagPair, SEED } from './support/site-data'

/**
 * What a static host must get right, checked on nginx running the configuration we ship: deep links
 * to pages that were not prerendered, 404s for missing API files, the cache headers, and a redeploy
 * reaching readers whose service worker has the old page.
 */
const browser = browserSession()
const { baseURL } = browser
const shell = readFileSync(path.join(DIST, 'shell.html'), 'utf8')
const { headers: shippedHeaders } = readShipped()

const get = (urlPath: string) =>
  fetch(`${baseURL}${urlPath}`, { headers: { 'Accept-Encoding': 'gzip' } })

describe('deep links on a static host', () => {
  const section = busiest('sections')
  const tags = findTagPair()
  const cases = [
    { path: '/page/2', heading: 'Latest stories', slugs: data.latest(2).items.map((s) => s.slug) },
    {
      path: `/tags/${tags.first.slug}?tags=${tags.second.slug}`,
      heading: tags.first.name,
      slugs: undefined,
    },
    ...(data.listing('sections', section.slug).pageCount > 1
      ? [
          {
            path: `/sections/${section.slug}/page/2`,
            heading: section.name,
            slugs: data.listing('sections', section.slug, 2).items.map((s) => s.slug),
          },
        ]
      : []),
  ]

  for (const { path: urlPath, heading, slugs } of cases) {
    it(`${urlPath} loads directly`, async () => {
      // Its prerendered page if the build has one, else the shell, which renders any route.
      const pathname = new URL(urlPath, baseURL).pathname
      const prerendered = path.join(DIST, pathname, 'index.html')
      const expected = existsSync(prerendered) ? readFileSync(prerendered, 'utf8') : shell
      const watched = await browser.open()
      const response = await watched.page.goto(urlPath)
      expect(response?.status()).toBe(200)
      expect(
        await response?.text(),
        `nginx answers with ${existsSync(prerendered) ? prerendered : 'shell.html'}`,
      ).toBe(expected)
      await h1(watched.page).filter({ hasText: heading }).waitFor()
      await storyLinks(watched.page).first().waitFor()
      await settled(watched.page)
      if (slugs) expect(await listedSlugs(watched.page)).toEqual(slugs)
      expect(watched.failedResponses).toEqual([])
    })
  }

  it('a missing API file is a JSON 404, never the app shell', async () => {
    for (const urlPath of [
      '/api/articles/no-such-story.json',
      '/api/lists/latest/9999.json',
      '/api/images/no-such-image-640.webp',
      '/api/',
    ]) {
      const response = await fetch(`${baseURL}${urlPath}`, { headers: { Accept: 'text/html' } })
      expect(response.status, urlPath).toBe(404)
      expect(response.headers.get('content-type'), urlPath).toMatch(/^application\/json/)
      expect(await response.json(), urlPath).toEqual({ error: 'not_found' })
    }
    // A missing build file is a plain 404 too: never HTML where a script is expected.
    const asset = await get('/assets/no-such-chunk-abc123.js')
    expect(asset.status).toBe(404)
    expect(await asset.text()).not.toContain('id="root"')
  })
})

describe('cache headers and types, as shipped', () => {
  const files = readdirSync(path.join(DIST, 'assets'))
  const script = files.find((f) => f.endsWith('.js'))!
  const style = files.find((f) => f.endsWith('.css'))!
  const workbox = readdirSync(DIST).find((f) => /^workbox-.+\.js$/.test(f))!
  const image = readdirSync(path.join(DIST, 'api/images'))[0]!
  const cases: { path: string; type: RegExp; gzip?: boolean }[] = [
    { path: '/', type: /^text\/html/, gzip: true },
    { path: '/index.html', type: /^text\/html/, gzip: true },
    { path: '/shell.html', type: /^text\/html/, gzip: true },
    { path: `/articles/${SEED.slug}`, type: /^text\/html/, gzip: true },
    { path: '/page/2', type: /^text\/html/, gzip: true },
    { path: '/sw.js', type: /^(application|text)\/javascript/, gzip: true },
    { path: `/${workbox}`, type: /^(application|text)\/javascript/, gzip: true },
    { path: '/manifest.webmanifest', type: /^application\/manifest\+json/, gzip: true },
    { path: `/assets/${script}`, type: /^(application|text)\/javascript/, gzip: true },
    { path: `/assets/${style}`, type: /^text\/css/, gzip: true },
    { path: '/api/site.json', type: /^application\/json/, gzip: true },
    { path: '/api/lists/latest/1.json', type: /^application\/json/, gzip: true },
    { path: `/api/articles/${SEED.slug}.json`, type: /^application\/json/, gzip: true },
    { path: `/api/images/${image}`, type: /^image\// },
    { path: '/favicon.svg', type: /^image\/svg\+xml/ },
    { path: '/pwa-192x192.png', type: /^image\/png/ },
  ]

  it('sends each file with the Cache-Control of public/_headers and deploy/nginx alike', async () => {
    for (const { path: urlPath, type, gzip } of cases) {
      const response = await get(urlPath)
      expect(response.status, urlPath).toBe(200)
      expect(response.headers.get('content-type'), urlPath).toMatch(type)
      const shipped = headerFor(shippedHeaders, urlPath, 'Cache-Control').value ?? 'no-cache'
      expect(response.headers.get('cache-control'), urlPath).toBe(shipped)
      if (gzip) expect(response.headers.get('content-encoding'), urlPath).toBe('gzip')
      await response.arrayBuffer()
    }
    // The rules themselves, spelled out once more where it matters most.
    const cacheControl = async (p: string) => (await get(p)).headers.get('cache-control')
    expect(await cacheControl(`/assets/${script}`)).toBe('public, max-age=31536000, immutable')
    for (const p of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      expect(await cacheControl(p), p).toBe('no-cache')
    }
    expect(await cacheControl('/api/site.json')).toBe('public, no-cache')
  })

  it('revalidates HTML and the service worker cheaply (ETag, 304)', async () => {
    for (const urlPath of ['/', '/sw.js']) {
      const first = await get(urlPath)
      await first.arrayBuffer()
      const etag = first.headers.get('etag')
      expect(etag, urlPath).toBeTruthy()
      const again = await fetch(`${baseURL}${urlPath}`, { headers: { 'If-None-Match': etag! } })
      expect(again.status, urlPath).toBe(304)
      expect(again.headers.get('cache-control'), urlPath).toBe('no-cache')
    }
  })
})

describe('a redeploy', () => {
  const releases = inject('releases')
  const served = servedProfile(releases.one, { per: 'test' })

  it('reaches a reader who reloads a prerendered story: the service worker fetches it anew', async () => {
    const { slug, paragraph } = releases.revised
    const reader = await served.profile.open(`/articles/${slug}`)
    const { page } = reader
    await untilControlled(page)
    await h1(page).filter({ hasText: SEED.headline }).waitFor()
    await settled(page)
    expect(await page.getByText(paragraph).count()).toBe(0)

    await served.server.deploy(releases.two)
    const response = await page.reload()
    expect(await response?.text(), 'the page as sent holds the new text').toContain(paragraph)
    await page.getByText(paragraph).waitFor()
    await settled(page)
    // And it stays: nothing older (a cached API answer, the device's copy) replaces it once the app has
    // started. The app is done starting when it has put its device cache back and saved what the page
    // shows (src/features/pwa/api/device-cache.ts), and nothing is on its way over the network.
    await expect
      .poll(async () => String(await readEntry(page)), { timeout: 15_000 })
      .toContain(paragraph)
    await untilNetworkQuiet(reader)
    await settled(page)
    expect(await page.getByText(paragraph).count()).toBe(1)
  }, 60_000)
})
