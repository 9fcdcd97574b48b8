import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { runNode } from './support/run-node'
import { h1, listedHeadlines, settled } from '../../scripts/app-page'
import { startServer, type RunningServer } from '../../scripts/serve/nginx'

/**
 * Newsroom built from feeds (NEWSROOM_FEEDS): an RSS feed, an Atom feed, a hostile feed and one that is
 * not there, served from this machine; the site built with `vite build`, served by nginx with the shipped
 * configuration, read in Chromium. Then the RSS feed gets a new item and `npm run sync` publishes it.
 */

let feeds: Server
let origin = ''
let work: string
let dist: string
let server: RunningServer
let buildOutput = ''
const documents = new Map<string, { type: string; body: string | Buffer }>()
const session = browserSession()

const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Gazette</title><link>https://harbour.example/</link>
<description>News from the harbour</description>${items}</channel></rss>`

const FERRY = `<item>
  <title>Ferry timetable changes from Monday</title>
  <link>https://harbour.example/news/ferry</link>
  <guid>harbour-1</guid>
  <pubDate>Mon, 02 Nov 2026 09:30:00 GMT</pubDate>
  <dc:creator>Ana Lopes</dc:creator>
  <category>Transport</category>
  <description><![CDATA[<p>The first ferry now leaves at six, an hour earlier.</p>]]></description>
  <enclosure url="ORIGIN/photo.jpg" length="1" type="image/jpeg"/>
</item>`

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Science Notes</title><id>urn:valley</id>
<updated>2026-11-03T12:00:00Z</updated><author><name>Valley Desk</name></author>
<entry><title>Glacier retreat measured</title><id>urn:valley:1</id>
<link href="https://valley.example/glacier"/><updated>2026-11-03T08:00:00Z</updated>
<content type="html">&lt;p&gt;The glacier lost thirty metres.&lt;/p&gt;</content></entry></feed>`

const HOSTILE = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Hostile Times &lt;img src=x onerror="window.__pwned=1"&gt;</title><link>https://hostile.example/</link>
<item><title>An item with hostile markup</title><link>javascript:window.__pwned=2</link><guid>h1</guid>
<pubDate>Tue, 03 Nov 2026 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Ordinary words.</p><script>window.__pwned = 3</script>
<p><img src="x" onerror="window.__pwned = 4"> <a href="javascript:window.__pwned=5">a link</a></p>
<iframe src="https://evil.example/" onload="window.__pwned = 6"></iframe>
<table onmouseover="window.__pwned = 7"><tr><td>cell</td></tr></table>]]></content:encoded></item>
</channel></rss>`

/** Runs node with `args` in the project, with the feeds' environment; resolves with its output. */
const run = (args: string[]) =>
  runNode(args, {
    NEWSROOM_FEEDS: ['rss.xml', 'atom.xml', 'hostile.xml', 'missing.xml']
      .map((name) => `${origin}/${name}`)
      .join(','),
    NEWSROOM_FEEDS_NAME: 'Feeds Desk',
    NEWSROOM_FEEDS_MIRROR: path.join(work, 'mirror'),
    NEWSROOM_DIST: dist,
  })

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'newsroom-feeds-e2e-'))
  dist = path.join(work, 'dist')
  feeds = createServer((req, res) => {
    const found = documents.get(req.url ?? '')
    if (!found) res.writeHead(404).end('not found')
    else res.writeHead(200, { 'Content-Type': found.type }).end(found.body)
  })
  await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`
  documents.set('/photo.jpg', {
    type: 'image/jpeg',
    body: await sharp({
      create: { width: 1200, height: 800, channels: 3, background: { r: 30, g: 110, b: 170 } },
    })
      .jpeg()
      .toBuffer(),
  })
  documents.set('/rss.xml', {
    type: 'application/rss+xml',
    body: rss(FERRY.replace('ORIGIN', origin)),
  })
  documents.set('/atom.xml', { type: 'application/atom+xml', body: ATOM })
  documents.set('/hostile.xml', { type: 'application/rss+xml', body: HOSTILE })
  buildOutput = await run([
    'node_modules/vite/bin/vite.js',
    'build',
    '--outDir',
    dist,
    '--emptyOutDir',
  ])
  server = await startServer(dist)
}, 300_000)

afterAll(async () => {
  await server?.stop()
  feeds?.closeAllConnections()
  await new Promise((resolve) => feeds?.close(resolve))
  if (work) await rm(work, { recursive: true, force: true })
})

async function open(url: string) {
  const watched = await session.openFresh(undefined, { baseURL: server.url })
  await watched.page.goto(url)
  return watched.page
}

const pwned = (page: Page) =>
  page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)

describe('a site built from feeds', () => {
  it('says which feed could not be fetched, and builds the others', () => {
    expect(buildOutput).toContain(`feeds: ${origin}/missing.xml: HTTP 404`)
    expect(buildOutput).toContain(
      `feeds: ${origin}/missing.xml: left out, no copy of it has been fetched yet`,
    )
  })

  it('shows a feed’s story with its section, byline and copied photo', async () => {
    const page = await open('/')
    await settled(page)
    expect(await page.title()).toContain('Feeds Desk')
    // Home is a front page: the newest story with a photo (the ferry item's copied photo) leads, above the
    // newer ones without (docs/decisions/030-front-page.md).
    expect(await listedHeadlines(page)).toEqual([
      'Ferry timetable changes from Monday',
      'An item with hostile markup',
      'Glacier retreat measured',
    ])
    await page.getByRole('link', { name: 'Ferry timetable changes from Monday' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('Ferry timetable changes from Monday')
    const main = page.getByRole('main')
    expect(
      await main.getByRole('link', { name: 'Harbour Gazette' }).first().getAttribute('href'),
    ).toBe('/sections/harbour-gazette')
    expect(await main.textContent()).toContain('Ana Lopes')
    // The photo is the newsroom's own copy, not the feed's address.
    const src = await main.locator('figure img').first().getAttribute('src')
    expect(src).toMatch(/^\/api\/images\/wp-\d+-\d+\.webp$/)
    expect(
      await main
        .getByRole('link', { name: 'Read the original on harbour.example' })
        .getAttribute('href'),
    ).toBe('https://harbour.example/news/ferry')
    await page.getByRole('link', { name: 'Harbour Gazette' }).first().click()
    await expect.poll(() => h1(page).textContent()).toBe('Harbour Gazette')
  })

  it('runs nothing from the hostile feed', async () => {
    const page = await open('/')
    await settled(page)
    await page.getByRole('link', { name: 'An item with hostile markup' }).click()
    await expect.poll(() => h1(page).textContent()).toBe('An item with hostile markup')
    await page.getByRole('main').getByText('cell').hover()
    expect(await page.locator('main').textContent()).toContain('Ordinary words.')
    expect(
      await page.locator('main script, main iframe, main [onerror], main [onload]').count(),
    ).toBe(0)
    // "a link" had a javascript: address: it shows as text.
    expect(await page.getByRole('link', { name: 'a link', exact: true }).count()).toBe(0)
    expect(await pwned(page)).toBeUndefined()
    // The feed's title is the section's name, as text.
    const section = await open('/sections/hostile-times')
    await settled(section)
    expect(await h1(section).textContent()).toContain('Hostile Times')
    expect(await pwned(section)).toBeUndefined()
  })

  it('npm run sync publishes a new item', async () => {
    documents.set('/rss.xml', {
      type: 'application/rss+xml',
      body: rss(
        `<item><title>Night bus returns</title><link>https://harbour.example/news/bus</link>
        <guid>harbour-2</guid><pubDate>Wed, 04 Nov 2026 07:00:00 GMT</pubDate>
        <description>From Friday.</description></item>${FERRY.replace('ORIGIN', origin)}`,
      ),
    })
    const output = await run(['--import', 'tsx', 'scripts/sync.ts'])
    expect(output).toContain('added    Night bus returns')
    const page = await open('/sections/harbour-gazette')
    await settled(page)
    expect(await listedHeadlines(page)).toEqual([
      'Night bus returns',
      'Ferry timetable changes from Monday',
    ])
    const again = await run(['--import', 'tsx', 'scripts/sync.ts'])
    expect(again).toContain('the feeds have nothing new')
  }, 300_000)
})
