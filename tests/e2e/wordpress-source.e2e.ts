import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserSession } from './support/browser'
import { runNode } from './support/run-node'
import { h1, listedHeadlines, settled } from '../../scripts/app-page'
import { startServer, type RunningServer } from '../../scripts/serve/nginx'
import { startWordPress, type RunningWordPress, type SavedPost } from './support/wordpress'

/**
 * Newsroom as the front end of a real WordPress (Debian's, on MariaDB: support/wordpress.ts): the site
 * built from it with NEWSROOM_WORDPRESS_URL, served by nginx with the shipped configuration, read in
 * Chromium; then the newsroom edits, trashes, unpublishes, renames and re-categorises, `npm run sync`
 * brings the built site up to date, and the reader sees each change.
 */

let wp: RunningWordPress
let work: string
let dist: string
let server: RunningServer
const posts: Record<string, SavedPost> = {}
// Every page watched for console errors and failures; this file serves its own build, built from WordPress.
const session = browserSession()

const env = () => ({
  NEWSROOM_WORDPRESS_URL: wp.url,
  NEWSROOM_WORDPRESS_MIRROR: path.join(work, 'mirror'),
  NEWSROOM_DIST: dist,
  NEWSROOM_WORDPRESS_PER_PAGE: '3', // several pages even for this small site
})

/** Runs node with `args` in the project, with the WordPress source's environment. */
const run = (args: string[]) => runNode(args, env())

const BLOCK_POST = `<!-- wp:paragraph -->
<p>The harbour at Calderport <strong>reopened</strong> on Monday, a week after the storm. See <a href="/council-backs-sea-wall/">the council's decision</a>.</p>
<!-- /wp:paragraph -->
<!-- wp:heading -->
<h2 class="wp-block-heading">What the fishers say</h2>
<!-- /wp:heading -->
<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph --><p>We lost a week, not the season.</p><!-- /wp:paragraph --><cite>Mara Quinn, skipper</cite></blockquote>
<!-- /wp:quote -->
<!-- wp:list -->
<ul><li>Berths 1 to 12 open</li><li>The fuel dock opens Friday</li></ul>
<!-- /wp:list -->
<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Berth</th><th>Status</th></tr></thead><tbody><tr><td>1–12</td><td>Open</td></tr></tbody></table></figure>
<!-- /wp:table -->
<!-- wp:embed {"url":"https://www.youtube.com/watch?v=harbour1","type":"video","providerNameSlug":"youtube"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=harbour1
</div><figcaption class="wp-element-caption">Boats return to the harbour</figcaption></figure>
<!-- /wp:embed -->
<!-- wp:shortcode -->
[newsletter_signup list="daily"]
<!-- /wp:shortcode -->`

const HOSTILE = `<p>Ordinary words.</p>
<script>window.__pwned = 1</script>
<iframe src="https://evil.example/" onload="window.__pwned = 2"></iframe>
<p><img src="x" onerror="window.__pwned = 3">Still text.</p>`

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'newsroom-wp-e2e-'))
  dist = path.join(work, 'dist')
  wp = await startWordPress({
    title: 'The Calderport Courier',
    description: 'News from the coast &amp; hills',
  })
  posts.harbour = await wp.createPost({
    title: 'Harbour reopens after the storm',
    content: BLOCK_POST,
    excerpt: 'Boats are back at Calderport, a week after the storm.',
    categories: ['Coast'],
    tags: ['Harbour', 'Storms'],
    author: { login: 'ana', name: 'Ana Díaz' },
    featuredImage: {
      caption: 'Fishing boats back at their berths',
      credit: 'Jo Reporter / Courier',
      alt: 'Fishing boats moored in Calderport harbour',
    },
    date: '2026-12-01T09:00:00Z',
  })
  posts.council = await wp.createPost({
    title: 'Council backs a new sea wall',
    content: '<p>The council voted 9 to 2 for the wall.<br />Work starts in spring.</p>',
    categories: ['Politics'],
    tags: ['Storms'],
    date: '2026-12-02T09:00:00Z',
  })
  posts.hostile = await wp.createPost({
    title: 'An ordinary post with hostile markup',
    content: HOSTILE,
    categories: ['Coast'],
    date: '2026-12-03T09:00:00Z',
  })
  posts.greek = await wp.createPost({
    title: 'Λιμάνι ανοίγει ξανά',
    content: '<p>Το λιμάνι άνοιξε ξανά.</p>',
    categories: ['Coast'],
    date: '2026-12-04T09:00:00Z',
  })
  for (const status of ['draft', 'private', 'future', 'pending'] as const)
    await wp.createPost({ title: `Hidden ${status} story`, content: '<p>Secret.</p>', status })
  await wp.createPost({ title: 'Hidden locked story', content: '<p>Secret.</p>', password: 'pw' })
  const trashed = await wp.createPost({ title: 'Hidden trashed story', content: '<p>Secret.</p>' })
  await wp.trashPost(trashed.id)
  await wp.createPage({ title: 'Hidden about page', content: '<p>About us.</p>' })

  await run(['node_modules/vite/bin/vite.js', 'build', '--outDir', dist, '--emptyOutDir'])
  server = await startServer(dist)
}, 240_000)

afterAll(async () => {
  await server?.stop()
  await wp?.stop()
  if (work) await rm(work, { recursive: true, force: true })
})

async function open(url: string) {
  const watched = await session.openFresh(undefined, { baseURL: server.url })
  await watched.page.goto(url)
  return { page: watched.page, watched }
}

async function api(file: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(dist, 'api', file), 'utf8'))
}

const pwned = (page: Page) =>
  page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)

describe('a site built from WordPress', () => {
  it('lists the published posts and nothing a reader must not see', async () => {
    const { page } = await open('/')
    await settled(page)
    expect(await page.title()).toContain('The Calderport Courier')
    // Home is a front page: the newest post with a featured image leads (the harbour story, the only one
    // with a photo), then the others, newest first (docs/decisions/030-front-page.md).
    expect(await listedHeadlines(page)).toEqual([
      'Harbour reopens after the storm',
      'Λιμάνι ανοίγει ξανά',
      'An ordinary post with hostile markup',
      'Council backs a new sea wall',
    ])
    const everything = JSON.stringify(await api('lists/latest/1.json'))
    expect(everything).not.toContain('Hidden')
    // Installed, the app carries the newsroom's own name.
    const manifest = JSON.parse(
      await readFile(path.join(dist, 'manifest.webmanifest'), 'utf8'),
    ) as {
      name: string
    }
    expect(manifest.name).toBe('The Calderport Courier')
  })

  it('shows a story with its photo, caption, credit, byline, quote and table, and links its neighbours', async () => {
    const { page } = await open(`/articles/${posts.harbour!.slug}`)
    expect(await h1(page).textContent()).toBe('Harbour reopens after the storm')
    const article = page.getByRole('article').first()
    await expect.poll(() => article.textContent()).toContain('Ana Díaz')
    const figure = page.locator('main figure').first()
    expect(await figure.locator('img').getAttribute('alt')).toBe(
      'Fishing boats moored in Calderport harbour',
    )
    expect(await figure.locator('figcaption').textContent()).toContain(
      'Fishing boats back at their berths',
    )
    expect(await figure.locator('figcaption').textContent()).toContain('Jo Reporter / Courier')
    // The photo is our own copy, served by the site, at the widths the app uses.
    expect(await figure.locator('img').getAttribute('srcset')).toMatch(
      /\/api\/images\/wp-\d+-640\.webp 640w/,
    )
    expect(await page.locator('main blockquote').textContent()).toContain('We lost a week')
    expect(
      await page
        .locator('main blockquote cite, main blockquote footer, main figure figcaption')
        .allTextContents(),
    ).toEqual(expect.arrayContaining([expect.stringContaining('Mara Quinn')]))
    expect(await page.locator('main table td').allTextContents()).toEqual(['1–12', 'Open'])
    const youtube = page.getByRole('link', { name: /Boats return to the harbour/ })
    expect(await youtube.getAttribute('href')).toBe('https://www.youtube.com/watch?v=harbour1')
    expect(await page.locator('main').textContent()).not.toContain('newsletter_signup')
    expect(await page.locator('main time[datetime]').first().getAttribute('datetime')).toBe(
      '2026-12-01T09:00:00.000Z',
    )
  })

  it('runs nothing from a post’s scripts, frames or event handlers', async () => {
    const { page } = await open(`/articles/${posts.hostile!.slug}`)
    await expect.poll(() => page.locator('main').textContent()).toContain('Still text.')
    expect(await page.locator('main iframe, main script').count()).toBe(0)
    expect(await pwned(page)).toBeUndefined()
  })

  it('gives a post with a non-Latin slug a stable address of its own', async () => {
    const { page } = await open(`/articles/post-${posts.greek!.id}`)
    expect(await h1(page).textContent()).toBe('Λιμάνι ανοίγει ξανά')
  })
})

describe('npm run sync', () => {
  let output: string
  beforeAll(async () => {
    await wp.updatePost(posts.harbour!.id, {
      title: 'Harbour reopens after the storm, fuel dock delayed',
      categories: ['Business'],
    })
    // A caption edited in the media library changes the attachment, not the post.
    await wp.setImageCaption(
      posts.harbour!.featuredMedia,
      'Boats back at their berths on Monday morning',
    )
    await wp.trashPost(posts.council!.id)
    await wp.updatePost(posts.hostile!.id, { status: 'private' })
    await wp.updatePost(posts.greek!.id, { slug: 'harbour-reopens-greek' })
    posts.fresh = await wp.createPost({
      title: 'Ferry timetable returns to normal',
      content: '<p>The ferry runs every hour again.</p>',
      categories: ['Coast'],
    })
    output = await run(['--import', 'tsx', 'scripts/sync.ts'])
  }, 240_000)

  it('says what it changed', () => {
    expect(output).toMatch(/added +Ferry timetable returns to normal/)
    expect(output).toMatch(/updated +Harbour reopens after the storm, fuel dock delayed/)
    expect(output).toMatch(/sync: 1 added, \d+ updated, 2 removed; \d+ files written, \d+ removed/)
    // Without listing every post: the trashed and the private one found by bisecting WordPress's ids
    // (docs/decisions/023-quick-pull.md).
    expect(output).toMatch(/requests to WordPress, only what changed/)
  })

  it('shows new and edited stories, and drops trashed and unpublished ones everywhere', async () => {
    const { page, watched } = await open('/')
    await settled(page)
    // The harbour story, edited, still leads home: it is still the newest with a photo.
    expect(await listedHeadlines(page)).toEqual([
      'Harbour reopens after the storm, fuel dock delayed',
      'Ferry timetable returns to normal',
      'Λιμάνι ανοίγει ξανά',
    ])
    const gone = JSON.stringify([
      await api('lists/latest/1.json'),
      await api('search/manifest.json'),
    ])
    expect(gone).not.toContain('Council backs')
    expect(gone).not.toContain('hostile')
    watched.expectConsoleError(/404/)
    await page.goto(`/articles/${posts.council!.slug}`)
    await expect.poll(() => h1(page).textContent()).toBe('Page not found')
  })

  it('shows a photo caption edited in the media library', async () => {
    const { page } = await open(`/articles/${posts.harbour!.slug}`)
    const caption = page.locator('main figure').first().locator('figcaption')
    await expect
      .poll(() => caption.textContent())
      .toContain('Boats back at their berths on Monday morning')
  })

  it('moves a re-categorised story to its new section', async () => {
    const { page } = await open('/sections/business')
    await settled(page)
    expect(await listedHeadlines(page)).toEqual([
      'Harbour reopens after the storm, fuel dock delayed',
    ])
  })

  it('takes a reader from a renamed story’s old address to the new one', async () => {
    const { page } = await open(`/articles/post-${posts.greek!.id}`)
    await page.waitForURL('**/articles/harbour-reopens-greek')
    expect(await h1(page).textContent()).toBe('Λιμάνι ανοίγει ξανά')
    // Hosts that read _redirects answer it with a 301 before any other rule.
    const rules = await readFile(path.join(dist, '_redirects'), 'utf8')
    const lines = rules.split('\n').filter((line) => line && !line.startsWith('#'))
    expect(lines[0]).toBe(`/articles/post-${posts.greek!.id}  /articles/harbour-reopens-greek  301`)
  })

  it('has nothing to do when nothing changed', async () => {
    const again = await run(['--import', 'tsx', 'scripts/sync.ts'])
    expect(again).toMatch(/has nothing new/)
  })
})

describe('npm run sync, a small change', () => {
  let output: string
  beforeAll(async () => {
    // Nothing but stories: no new section, tag or author, no renamed story. The sync applies it alone.
    posts.tide = await wp.createPost({
      title: 'Spring tides expected this weekend',
      content: '<p>The harbour master expects the highest tides of the year.</p>',
      categories: ['Coast'],
    })
    await wp.updatePost(posts.fresh!.id, { title: 'Ferry timetable returns to normal on Monday' })
    output = await run(['--import', 'tsx', 'scripts/sync.ts'])
  }, 240_000)

  it('applies the changes alone, without rebuilding the site', () => {
    expect(output).toMatch(/sync: 1 added, 1 updated, 0 removed; .*changes applied alone/)
  })

  it('shows the new story and the edit', async () => {
    const { page } = await open('/')
    await settled(page)
    // Below the lead (the harbour story, the only one with a photo), the newest first.
    expect((await listedHeadlines(page)).slice(0, 3)).toEqual([
      'Harbour reopens after the storm, fuel dock delayed',
      'Spring tides expected this weekend',
      'Ferry timetable returns to normal on Monday',
    ])
    await page.goto(`/articles/${posts.tide!.slug}`)
    await expect.poll(() => h1(page).textContent()).toBe('Spring tides expected this weekend')
    await page.goto('/sections/coast')
    await settled(page)
    expect(await listedHeadlines(page)).toContain('Spring tides expected this weekend')
  })
})
