// @vitest-environment node
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { http, HttpResponse, passthrough } from 'msw'
import * as v from 'valibot'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { ArticleSchema, ListingPageSchema } from '@/features/articles/api/schemas'
import { SiteSchema } from '@/features/site/api/schemas'
import { server as network } from '../../mocks/server'
import { buildApi } from '../../../scripts/api/build-api.ts'
import {
  feedsConfig,
  pullAndLoad,
  pullFeeds,
  type FeedsBuild,
} from '../../../scripts/feeds-in/config.ts'
import { DEFAULT_LIMITS, pullFeed } from '../../../scripts/feeds-in/mirror.ts'
import { loadFeeds, storyLanguage } from '../../../scripts/feeds-in/source.ts'
import { picture } from '../../utils/photos'

/**
 * Feeds in (scripts/feeds-in): RSS, Atom and JSON Feed documents served by a local HTTP server, pulled
 * into a copy, loaded as a source and built into the API. The JSON Feed documents are real publishers'
 * (../shared/data/feeds, when present); the RSS and Atom ones, broken and hostile ones included, are
 * written here.
 */

const SHARED_FEEDS = path.resolve(
  import.meta.dirname,
  '../../../../shared/data/feeds/jsonfeed-rsparser',
)

interface Route {
  status?: number
  type?: string
  body: string | Buffer
  /** Answer 304 to a request carrying this ETag. */
  etag?: string
  /** Never answer. */
  hang?: boolean
}

const routes = new Map<string, Route>()
/** Each request's path and its conditional header, in order. */
const requests: { path: string; ifNoneMatch: string | null }[] = []
let httpServer: Server
let origin = ''
let work = ''
const hanging: ServerResponse[] = []

function handle(req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? '/'
  requests.push({ path: url, ifNoneMatch: (req.headers['if-none-match'] as string) ?? null })
  const route = routes.get(url)
  if (!route) {
    res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not found</h1>')
    return
  }
  if (route.hang) {
    hanging.push(res)
    return
  }
  if (route.etag && req.headers['if-none-match'] === route.etag) {
    res.writeHead(304).end()
    return
  }
  res
    .writeHead(route.status ?? 200, {
      'Content-Type': route.type ?? 'application/rss+xml; charset=utf-8',
      ...(route.etag ? { ETag: route.etag } : {}),
    })
    .end(route.body)
}

// The pulls talk to the server on this machine: MSW lets those requests through.
const letThrough = () => network.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
beforeEach(letThrough)

let png: Buffer
beforeAll(async () => {
  httpServer = createServer(handle)
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
  work = await mkdtemp(path.join(tmpdir(), 'feeds-in-'))
  png = await picture(900, 600).png().toBuffer()
  routes.set('/photo.png', { body: png, type: 'image/png' })
  routes.set('/inline.png', { body: png, type: 'image/png' })
  routes.set('/logo.gif', {
    body: await picture(10, 10).gif().toBuffer(),
    type: 'image/gif',
  })
})

afterAll(async () => {
  for (const res of hanging) res.destroy()
  httpServer.closeAllConnections()
  await new Promise((resolve) => httpServer.close(resolve))
  await rm(work, { recursive: true, force: true })
})

const RSS = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://harbour.example/</link>
  <description>News from the harbour</description>
  ${items}
</channel>
</rss>`

const RSS_ITEM = `<item>
  <title>Ferry timetable changes from Monday</title>
  <link>https://harbour.example/news/ferry-timetable</link>
  <guid isPermaLink="false">harbour-1001</guid>
  <pubDate>Mon, 02 Nov 2026 09:30:00 GMT</pubDate>
  <dc:creator>Ana Lopes</dc:creator>
  <category>Transport</category>
  <category>Ferries</category>
  <description>The first ferry leaves at six.</description>
  <content:encoded><![CDATA[<p>The first ferry now leaves at <strong>six</strong>, an hour earlier.</p>
    <figure><img src="${'ORIGIN'}/inline.png" alt="The ferry at the quay"><figcaption>The morning ferry</figcaption></figure>
    <p>Details on <a href="/timetables">the timetable page</a>.</p>]]></content:encoded>
  <enclosure url="${'ORIGIN'}/photo.png" length="1000" type="image/png"/>
</item>
<item>
  <title>Harbour wall repairs finished</title>
  <link>https://harbour.example/news/wall</link>
  <guid>harbour-1002</guid>
  <pubDate>Tue, 03 Nov 2026 10:00:00 GMT</pubDate>
  <description><![CDATA[<p>The wall is whole again.</p>]]></description>
  <media:content url="${'ORIGIN'}/logo.gif" medium="image"/>
</item>`

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Science Notes</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-11-04T12:00:00Z</updated>
  <link href="https://valley.example/"/>
  <author><name>Valley Desk</name></author>
  <entry>
    <title type="html">Glacier &lt;em&gt;retreat&lt;/em&gt; measured</title>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <link rel="alternate" href="https://valley.example/glacier"/>
    <published>2026-11-04T08:00:00Z</published>
    <updated>2026-11-04T11:00:00Z</updated>
    <category term="climate" label="Climate"/>
    <summary>Thirty metres in a year.</summary>
    <content type="html">&lt;p&gt;The glacier lost thirty metres.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;One&lt;/li&gt;&lt;li&gt;Two&lt;/li&gt;&lt;/ul&gt;</content>
  </entry>
</feed>`

const HOSTILE = RSS(`<item>
  <title>Hostile &lt;script&gt;alert(1)&lt;/script&gt; headline</title>
  <link>javascript:alert(document.cookie)</link>
  <guid>hostile-1</guid>
  <pubDate>Wed, 04 Nov 2026 09:00:00 GMT</pubDate>
  <category>&lt;img src=x onerror=alert(1)&gt;</category>
  <content:encoded><![CDATA[<p onclick="alert(1)">Text <a href="javascript:alert(2)">click</a>
    <a href="JaVaScRiPt:alert(3)">again</a> <img src="x" onerror="alert(4)"></p>
    <script>alert(5)</script><iframe src="https://evil.example/"></iframe>
    <table onmouseover="alert(6)"><tr><td style="background:url(javascript:alert(7))">cell</td></tr></table>
    <svg><script>alert(8)</script></svg><form action="https://evil.example"><input></form>]]></content:encoded>
</item>
<item>
  <guid>hostile-untitled</guid>
  <description>An item without a title or a date, only text to show.</description>
</item>
<item><guid>hostile-empty</guid></item>`).replace('Harbour Gazette', 'Hostile Times')

/** A configuration of these feeds, with the copy in this test's folder. */
function config(urls: string[], extra: Record<string, string> = {}) {
  return feedsConfig(
    { NEWSROOM_FEEDS: urls.join(','), NEWSROOM_FEEDS_MIRROR: path.join(work, 'mirror'), ...extra },
    work,
  )!
}

async function pullAndBuild(urls: string[], mirror: string, outDir: string) {
  const log: string[] = []
  const cfg = { ...config(urls), mirrorDir: mirror }
  const built: FeedsBuild = await pullAndLoad(cfg, (line) => log.push(line))
  const result = await buildApi({
    source: built.source,
    outDir,
    imageCacheDir: path.join(work, 'image-cache'),
    validate: true,
  })
  return { log, built, result }
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'))
}

/** The site.json of the API built in `apiDir`, checked by its schema. */
const siteOf = async (apiDir: string) =>
  v.parse(SiteSchema, await readJson(path.join(apiDir, 'site.json')))

/** A story of the API built in `apiDir`, checked by its schema. */
const storyOf = async (apiDir: string, slug: string) =>
  v.parse(ArticleSchema, await readJson(path.join(apiDir, `articles/${slug}.json`)))

/** The first page of the section a feed became, found by the feed's title. */
async function sectionListing(apiDir: string, title: string) {
  const section = (await siteOf(apiDir)).sections.find((s) => s.name === title)!
  return v.parse(
    ListingPageSchema,
    await readJson(path.join(apiDir, `lists/sections/${section.slug}/1.json`)),
  )
}

/** Addresses and HTML in the API that could run something: none are expected. */
function unsafeParts(value: unknown, key = ''): string[] {
  if (typeof value === 'string') {
    if (['href', 'src', 'url'].includes(key) && /^\s*(javascript|data|vbscript):/i.test(value))
      return [value]
    if (
      key === 'html' &&
      /<(script|iframe|object|embed|form)\b|\son\w+\s*=|javascript:/i.test(value)
    )
      return [value]
    return []
  }
  if (Array.isArray(value)) return value.flatMap((item) => unsafeParts(item, key))
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, item]) => unsafeParts(item, k))
  return []
}

async function allText(dir: string): Promise<string> {
  const out: string[] = []
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && entry.name.endsWith('.json'))
      out.push(await readFile(path.join(entry.parentPath, entry.name), 'utf8'))
  return out.join('\n')
}

describe('RSS, Atom and a hostile feed, built together', () => {
  const mirror = () => path.join(work, 'mirror-main')
  const api = () => path.join(work, 'api-main')
  let run: Awaited<ReturnType<typeof pullAndBuild>>

  beforeAll(async () => {
    letThrough()
    routes.set('/rss.xml', { body: RSS(RSS_ITEM.replaceAll('ORIGIN', origin)), etag: '"v1"' })
    routes.set('/atom.xml', { body: ATOM, type: 'application/atom+xml' })
    routes.set('/hostile.xml', { body: HOSTILE })
    run = await pullAndBuild(
      [`${origin}/rss.xml`, `${origin}/atom.xml`, `${origin}/hostile.xml`],
      mirror(),
      api(),
    )
  })

  test('each feed is a section named by its title, each item a story with its fields', async () => {
    const site = await siteOf(api())
    expect(site.sections.map((s) => s.name)).toEqual([
      'Harbour Gazette',
      'Valley Science Notes',
      'Hostile Times',
    ])
    const listing = await sectionListing(api(), 'Harbour Gazette')
    expect(listing.items.map((s) => s.headline)).toEqual([
      'Harbour wall repairs finished',
      'Ferry timetable changes from Monday',
    ])
    const ferry = await storyOf(api(), listing.items[1]!.slug)
    expect(ferry.slug).toMatch(/^ferry-timetable-changes-from-monday-[0-9a-f]{6}$/)
    expect(ferry.summary).toBe('The first ferry leaves at six.')
    expect(ferry.author.name).toBe('Ana Lopes')
    expect(ferry.published).toBe('2026-11-02T09:30:00.000Z')
    expect(ferry.tags.map((t) => t.name)).toEqual(['Transport', 'Ferries'])
    // The enclosure is the photo, copied: rendered into the API's images, not the feed's address.
    expect(ferry.hero?.src).toMatch(/^images\/wp-\d+-\d+\.webp$/)
    expect(ferry.body).toContainEqual(
      expect.objectContaining({
        type: 'figure',
        figure: expect.objectContaining({ caption: 'The morning ferry' }),
      }),
    )
    // Relative links made absolute against the item, and the original linked last.
    const text = JSON.stringify(ferry.body)
    expect(text).toContain('https://harbour.example/timetables')
    expect(ferry.body.at(-1)).toEqual({
      type: 'paragraph',
      content: [
        {
          type: 'link',
          href: 'https://harbour.example/news/ferry-timetable',
          content: [{ type: 'text', text: 'Read the original on harbour.example' }],
        },
      ],
    })
    // A GIF is not taken (the renderer takes JPEG, PNG and WebP): the story has no photo, and it is said.
    const wall = await storyOf(api(), listing.items[0]!.slug)
    expect(wall.hero).toBeNull()
    expect(run.log).toContainEqual(
      expect.stringMatching(/rss\.xml: image .*logo\.gif left out: gif/),
    )
  })

  test('Atom: an HTML title as text, the feed’s author as the byline, categories by label', async () => {
    const listing = await sectionListing(api(), 'Valley Science Notes')
    const glacier = await storyOf(api(), listing.items[0]!.slug)
    expect(glacier.headline).toBe('Glacier retreat measured')
    expect(glacier.author.name).toBe('Valley Desk')
    expect(glacier.tags.map((t) => t.name)).toEqual(['Climate'])
    expect(glacier.updated).toBe('2026-11-04T11:00:00.000Z')
    expect(glacier.body[1]).toEqual({
      type: 'list',
      ordered: false,
      items: [[{ type: 'text', text: 'One' }], [{ type: 'text', text: 'Two' }]],
    })
  })

  test('nothing hostile reaches the API, and the made-up fields are reported', async () => {
    const text = await allText(api())
    expect(unsafeParts(JSON.parse(`[${text.split('\n').join(',')}]`))).toEqual([])
    for (const forbidden of [
      /<script/i,
      /javascript:/i,
      /onerror/i,
      /onclick/i,
      /onmouseover/i,
      /<iframe/i,
      /<form/i,
      /<svg/i,
    ])
      expect(text).not.toMatch(forbidden)
    // A javascript: link keeps its text and is no link (not even to the site's root).
    const hostile = await storyOf(
      api(),
      run.built.source.articles.find((a) => a.title.startsWith('Hostile'))!.slug,
    )
    expect(JSON.stringify(hostile.body)).toContain('"text":"Text click again"')
    expect(
      unsafeParts(hostile).length + JSON.stringify(hostile.body).split('"type":"link"').length,
    ).toBe(1)
    // Images are copied, never hotlinked from the feeds' server.
    expect(text).not.toContain(origin)
    expect(run.log).toContainEqual(
      `feeds: ${origin}/hostile.xml: item hostile-untitled: no title: the headline is its text’s first words`,
    )
    expect(run.log).toContainEqual(
      expect.stringMatching(
        /^feeds: .*\/hostile\.xml: item hostile-untitled: no date: dated when it was first fetched/,
      ),
    )
    expect(run.log).toContainEqual(
      `feeds: ${origin}/hostile.xml: item hostile-empty: left out, it has neither a title nor any text`,
    )
  })

  test('a second pull asks conditionally; new and changed items come with the next document', async () => {
    const oldListing = await sectionListing(api(), 'Harbour Gazette')
    requests.length = 0
    const again = await pullFeed(mirror(), `${origin}/rss.xml`)
    expect(again.outcome).toBe('unchanged')
    expect(requests.find((r) => r.path === '/rss.xml')?.ifNoneMatch).toBe('"v1"')

    const edited = RSS_ITEM.replaceAll('ORIGIN', origin).replace(
      'Ferry timetable changes from Monday',
      'Ferry timetable changes from Monday, updated',
    )
    routes.set('/rss.xml', {
      body: RSS(`<item><title>Night bus returns</title><guid>harbour-1003</guid>
        <pubDate>Thu, 05 Nov 2026 07:00:00 GMT</pubDate><description>From Friday.</description></item>${edited}`),
      etag: '"v2"',
    })
    const next = await pullAndBuild(
      [`${origin}/rss.xml`, `${origin}/atom.xml`, `${origin}/hostile.xml`],
      mirror(),
      path.join(work, 'api-main-2'),
    )
    expect(next.built.pulls?.[0]).toMatchObject({
      outcome: 'fetched',
      added: ['Night bus returns'],
      updated: ['Ferry timetable changes from Monday, updated'],
    })
    const listing = await sectionListing(path.join(work, 'api-main-2'), 'Harbour Gazette')
    // The retitled story keeps its address and its id; the new one is numbered after every other.
    const ferry = listing.items.find((s) => s.headline.startsWith('Ferry'))!
    const oldFerry = oldListing.items.find((s) => s.headline.startsWith('Ferry'))!
    expect(ferry.slug).toBe(oldFerry.slug)
    expect(ferry.id).toBe(oldFerry.id)
    expect(listing.items[0]!.headline).toBe('Night bus returns')
    const wall = (items: typeof listing.items) =>
      items.find((s) => s.headline.startsWith('Harbour'))
    expect(wall(listing.items)?.id).toBe(wall(oldListing.items)?.id)
    // The item that left the feed stays in the copy and in the newsroom.
    expect(listing.items.map((s) => s.headline)).toContain('Harbour wall repairs finished')
  })
})

test.each([
  ['de-de', 'de-DE'],
  ['fr', 'fr'],
  ['en-us', null],
  ['EN', null],
  ['English', null],
  ['pt_BR', 'pt-BR'],
  [null, null],
])('a feed in %s gives its stories the language %s', (tag, lang) => {
  expect(storyLanguage(tag)).toBe(lang)
})

describe('broken feeds: each says what is wrong, and the others build', () => {
  const latin1 = Buffer.from(
    RSS('<item><title>Caf\u00e9 opens</title><guid>c1</guid></item>'),
    'latin1',
  )
  const cases: [string, Route, RegExp][] = [
    [
      '/not-xml',
      { body: 'this is plain text, not a feed', type: 'text/plain' },
      /neither XML nor JSON/,
    ],
    [
      '/html-page',
      { body: '<!DOCTYPE html><html><body>Login</body></html>', type: 'text/html' },
      /an HTML page, not a feed/,
    ],
    ['/wrong-encoding', { body: latin1 }, /has bytes that are not UTF-8/i],
    [
      '/huge',
      { body: RSS('<item><title>x</title></item>'.repeat(5000)) },
      /more than the 20000 bytes allowed/,
    ],
    ['/server-error', { status: 500, body: 'oops', type: 'text/plain' }, /HTTP 500/],
    ['/slow', { body: '', hang: true }, /no answer within 0\.5 s/],
    [
      '/cut-json',
      {
        body: '{"version":"https://jsonfeed.org/version/1.1","title":"Cut',
        type: 'application/feed+json',
      },
      /not valid JSON/,
    ],
  ]

  test.each(cases)('%s', async (route, answer, problem) => {
    routes.set(route, answer)
    const pulled = await pullFeed(path.join(work, 'mirror-broken'), `${origin}${route}`, {
      ...DEFAULT_LIMITS,
      timeoutMs: 500,
      maxBytes: 20_000,
    })
    expect(pulled.outcome).toBe('failed')
    expect(pulled.problems.join('\n')).toMatch(problem)
  })

  test('a missing feed is reported by address, and the build goes on with the others', async () => {
    routes.set('/good.xml', { body: ATOM, type: 'application/atom+xml' })
    const log: string[] = []
    const cfg = config([`${origin}/missing.xml`, `${origin}/good.xml`], {
      NEWSROOM_FEEDS_TIMEOUT: '2',
    })
    cfg.mirrorDir = path.join(work, 'mirror-partial')
    const { source } = await pullFeeds(cfg, (line) => log.push(line))
    expect(log).toContain(`feeds: ${origin}/missing.xml: HTTP 404 Not Found`)
    expect(log).toContain(
      `feeds: ${origin}/missing.xml: left out, no copy of it has been fetched yet`,
    )
    expect(source.taxonomy.sections.map((s) => s.name)).toEqual(['Valley Science Notes'])
    expect(source.articles).toHaveLength(1)
  })

  test('a feed that goes down after a pull builds from its copy', async () => {
    const mirror = path.join(work, 'mirror-down')
    routes.set('/flaky.xml', { body: ATOM, type: 'application/atom+xml' })
    expect((await pullFeed(mirror, `${origin}/flaky.xml`)).outcome).toBe('fetched')
    routes.set('/flaky.xml', { status: 503, body: 'down', type: 'text/plain' })
    const down = await pullFeed(mirror, `${origin}/flaky.xml`)
    expect(down).toMatchObject({ outcome: 'failed', problems: ['HTTP 503 Service Unavailable'] })
    const source = await loadFeeds(mirror, [`${origin}/flaky.xml`], { name: 'N', description: '' })
    expect(source.articles.map((a) => a.title)).toEqual(['Glacier retreat measured'])
  })

  test('one build pulls once: a second load of the same configuration (the prerenderer’s) reuses it', async () => {
    routes.set('/once.xml', { body: ATOM, type: 'application/atom+xml' })
    const cfg = () => ({
      ...config([`${origin}/once.xml`]),
      mirrorDir: path.join(work, 'mirror-once'),
    })
    requests.length = 0
    const [first, second] = [await pullFeeds(cfg()), await pullFeeds(cfg())]
    expect(second).toBe(first)
    expect(requests.filter((r) => r.path === '/once.xml')).toHaveLength(1)
  })

  test('when no feed can be built, the build fails saying why', async () => {
    const cfg = config([`${origin}/nothing-1.xml`, `${origin}/nothing-2.xml`])
    cfg.mirrorDir = path.join(work, 'mirror-none')
    await expect(pullFeeds(cfg)).rejects.toThrow(
      /none of the 2 feeds has a copy to build from:\n {2}.*nothing-1\.xml: left out/,
    )
  })
})

const sharedPresent = existsSync(SHARED_FEEDS)
if (!sharedPresent)
  console.log(
    `feeds-in: ${SHARED_FEEDS} is absent: the real JSON Feed documents' cases are skipped`,
  )

describe.skipIf(!sharedPresent)('the JSON Feed documents in ../shared/data/feeds', () => {
  const valid = sharedPresent
    ? [
        '3960.json',
        'DaringFireball.json',
        'allthis.json',
        'curt.json',
        'inessential.json',
        'pxlnv.json',
        'rose.json',
        'authors.json',
        'jsonfeed-extension.json',
      ]
    : []

  // This machine has no internet: the images these feeds name on their own sites cannot be fetched, and
  // are left out and reported, as they would be from a site that is down.
  const offline = () =>
    network.use(http.all(/^https?:\/\/(?!127\.0\.0\.1[:/])/, () => HttpResponse.error()))
  beforeEach(offline)

  test(
    'each real feed builds: a section named by its title, a story for each item with text',
    { timeout: 90_000 },
    async () => {
      const urls: string[] = []
      const expected: { title: string; items: number }[] = []
      for (const name of valid) {
        const body = await readFile(path.join(SHARED_FEEDS, name))
        routes.set(`/shared/${name}`, { body, type: 'application/feed+json' })
        urls.push(`${origin}/shared/${name}`)
        const doc = JSON.parse(body.toString('utf8')) as {
          title: string
          items: {
            title?: string
            content_html?: string
            content_text?: string
            summary?: string
          }[]
        }
        expected.push({ title: doc.title, items: doc.items.length })
      }
      const run = await pullAndBuild(
        urls,
        path.join(work, 'mirror-shared'),
        path.join(work, 'api-shared'),
      )
      const site = await siteOf(path.join(work, 'api-shared'))
      expect(site.sections.map((s) => s.name)).toEqual(expected.map((e) => e.title))
      // The German blog's stories say so (its feed's language); the English ones are the site's.
      const german = run.built.source.articles.filter((a) => a.section === site.sections[0]!.slug)
      expect(new Set(german.map((a) => a.lang))).toEqual(new Set(['de-DE']))
      expect(run.built.source.articles.filter((a) => a.lang).length).toBe(german.length)
      const left = run.log.filter((line) => /: item .*: left out,/.test(line)).length
      expect(run.result.articles + left).toBe(expected.reduce((n, e) => n + e.items, 0))
      // Nothing of the feeds' markup could run: no unsafe address, no script, frame or handler in HTML.
      // (Their text may name these: a post about JavaScript shows its code as text.)
      const text = await allText(path.join(work, 'api-shared'))
      expect(unsafeParts(JSON.parse(`[${text.split('\n').join(',')}]`))).toEqual([])
    },
  )

  test.each([
    ['allthis-partial.json', /not valid JSON/],
    ['ScriptingNews.json', /JSON, but not a JSON Feed/],
  ])('%s is reported, not built', async (name, problem) => {
    routes.set(`/shared/${name}`, {
      body: await readFile(path.join(SHARED_FEEDS, name)),
      type: 'application/json',
    })
    const pulled = await pullFeed(path.join(work, 'mirror-shared-bad'), `${origin}/shared/${name}`)
    expect(pulled.outcome).toBe('failed')
    expect(pulled.problems.join('\n')).toMatch(problem)
  })
})
