// @vitest-environment node
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ArticleSchema, ListingPageSchema } from '@/features/articles/api/schemas'
import { SiteSchema } from '@/features/site/api/schemas'
import { pull } from '../../../scripts/wordpress/mirror.ts'
import { createClient, type Post } from '../../../scripts/wordpress/rest.ts'
import { loadWordPress } from '../../../scripts/wordpress/source.ts'
import { jpegBody } from '../../utils/photos'
import { buildFromMirror } from '../../utils/wordpress-build'

/**
 * The WordPress source end to end against a WordPress simulated in memory: REST answers in the shape
 * WordPress 6.1 gives (../shared/notes/wordpress.md), served through the client's `fetch`. The browser
 * tests run the same against a real WordPress (tests/e2e/wordpress-*.e2e.ts).
 */

const SITE = 'http://wordpress.test'
/** The photo every media file of this WordPress serves. */
const photo = await jpegBody(1600, 1000)

/** A post as WordPress's REST API sends it, in the shape the source reads (nothing embedded). */
type FakePost = Omit<Post, '_embedded'>

function post(id: number, fields: Partial<FakePost> = {}): FakePost {
  return {
    id,
    date_gmt: '2026-12-01T09:00:00',
    modified_gmt: '2026-12-01T09:00:00',
    slug: `story-${id}`,
    status: 'publish',
    type: 'post',
    link: `${SITE}/story-${id}/`,
    format: 'standard',
    title: { rendered: `Story ${id}` },
    content: { rendered: `<p>Body of story ${id}.</p>\n`, protected: false },
    excerpt: { rendered: `<p>Summary of story ${id} [&hellip;]</p>\n`, protected: false },
    author: 2,
    featured_media: 0,
    categories: [3],
    tags: [],
    sticky: false,
    ...fields,
  }
}

/** A tiny WordPress: what an anonymous reader's REST API answers. */
function fakeWordPress(posts: FakePost[], options: { usersBlocked?: boolean } = {}) {
  const requests: string[] = []
  const media = [
    {
      id: 40,
      modified_gmt: '2026-12-01T08:00:00',
      source_url: `${SITE}/wp-content/uploads/2026/12/harbour-scaled.jpg`,
      mime_type: 'image/jpeg',
      alt_text: 'Fishing boats in the harbour',
      caption: { rendered: '<p>Boats back in port on Monday</p>\n' },
      media_details: {
        width: 1600,
        height: 1000,
        image_meta: { credit: 'Jo Reporter', caption: 'IPTC caption', copyright: '' },
      },
    },
  ]
  const json = (body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      headers: { 'content-type': 'application/json', ...headers },
    })
  const paged = (items: unknown[], url: URL) => {
    const perPage = Number(url.searchParams.get('per_page') ?? 10)
    const page = Number(url.searchParams.get('page') ?? 1)
    const pages = Math.max(1, Math.ceil(items.length / perPage))
    if (page > pages) return json({ code: 'rest_post_invalid_page_number' }, {})
    return json(items.slice((page - 1) * perPage, page * perPage), {
      'x-wp-total': String(items.length),
      'x-wp-totalpages': String(pages),
    })
  }
  const fetch = async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(String(input))
    requests.push(url.pathname + url.search)
    const route = url.pathname.replace(/^\/wp-json\/?/, '')
    if (url.pathname.startsWith('/wp-content/uploads/'))
      return new Response(photo, { headers: { 'content-type': 'image/jpeg' } })
    const visible = posts.filter((p) => p.status === 'publish')
    switch (route) {
      case '':
        return json({
          name: 'The Harbour Times',
          description: 'News from the coast &amp; the hills',
          url: SITE,
          home: SITE,
        })
      case 'wp/v2/categories':
        return paged(
          [
            { id: 3, name: 'Coast &amp; Sea', slug: 'coast', description: '', count: 2 },
            {
              id: 4,
              name: 'Ελλάδα',
              slug: '%ce%b5%ce%bb%ce%bb%ce%ac%ce%b4%ce%b1',
              description: '',
              count: 1,
            },
          ],
          url,
        )
      case 'wp/v2/tags':
        return paged([{ id: 7, name: 'Fishing', slug: 'fishing', description: '', count: 1 }], url)
      case 'wp/v2/users':
        if (options.usersBlocked)
          return new Response('{"code":"rest_user_cannot_view"}', { status: 401 })
        return paged(
          [{ id: 2, name: 'Ana D&#237;az', slug: 'ana', description: 'Coast reporter' }],
          url,
        )
      case 'wp/v2/media': {
        const include = url.searchParams.get('include')?.split(',').map(Number)
        return paged(include ? media.filter((m) => include.includes(m.id)) : media, url)
      }
      case 'wp/v2/posts': {
        const include = url.searchParams.get('include')?.split(',').map(Number)
        const list = include ? visible.filter((p) => include.includes(p.id)) : visible
        const embedded = list.map((p) => ({
          ...p,
          _embedded: {
            author: options.usersBlocked
              ? [
                  {
                    code: 'rest_user_invalid_id',
                    message: 'Invalid user ID.',
                    data: { status: 404 },
                  },
                ]
              : [{ id: 2, name: 'Ana D&#237;az', slug: 'ana', description: 'Coast reporter' }],
          },
        }))
        return paged(embedded, url)
      }
    }
    return new Response('{"code":"rest_no_route"}', { status: 404 })
  }
  return { fetch: fetch as typeof globalThis.fetch, requests }
}

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'newsroom-wp-source-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const readJson = async (file: string): Promise<unknown> =>
  JSON.parse(await readFile(path.join(file), 'utf8'))

describe('building from WordPress', () => {
  test('posts become stories a reader can read; what a reader must not see stays out', async () => {
    const mirror = path.join(dir, 'mirror-1')
    const out = path.join(dir, 'api-1')
    const wp = fakeWordPress([
      post(10, {
        title: { rendered: 'Harbour &#8216;reopens&#8217; <em>today</em>' },
        featured_media: 40,
        tags: [7],
        modified_gmt: '2026-12-01T11:30:00',
        content: {
          rendered: `<p>Boats are back. Read <a href="${SITE}/story-11/">the council story</a>.</p>\n<script>alert(1)</script>\n<p>[newsletter_signup list=&#8221;daily&#8221;]</p>\n`,
          protected: false,
        },
      }),
      post(11, {
        date_gmt: '2026-12-02T09:00:00',
        modified_gmt: '2026-12-02T09:00:20',
        categories: [4],
      }),
      post(12, { slug: '%ce%b1%cf%81%ce%b8%cf%81%ce%bf', title: { rendered: 'Άρθρο' } }),
      post(13, { content: { rendered: '', protected: true }, title: { rendered: 'Locked' } }),
      post(14, { status: 'draft' }),
    ])
    const client = createClient({ siteUrl: SITE, fetch: wp.fetch, perPage: 2 })
    const pulled = await pull(client, mirror)
    expect(pulled.added.sort()).toEqual([10, 11, 12, 13])

    const { source, reports } = await buildFromMirror(mirror, {
      outDir: out,
      imageCacheDir: path.join(dir, 'cache'),
    })
    expect(source.skipped).toEqual([expect.stringContaining('password-protected')])

    const site = v.parse(SiteSchema, await readJson(path.join(out, 'site.json')))
    expect(site.name).toBe('The Harbour Times')
    expect(site.description).toBe('News from the coast & the hills')
    expect(site.sections.map((s) => [s.slug, s.name])).toEqual(
      expect.arrayContaining([
        ['coast', 'Coast & Sea'],
        ['category-4', 'Ελλάδα'],
      ]),
    )

    const story = v.parse(ArticleSchema, await readJson(path.join(out, 'articles/story-10.json')))
    expect(story.headline).toBe('Harbour ‘reopens’ today')
    expect(story.summary).toBe('Summary of story 10…')
    expect(story.author).toEqual({ slug: 'ana', name: 'Ana Díaz' })
    expect(story.section).toEqual({ slug: 'coast', name: 'Coast & Sea' })
    expect(story.tags).toEqual([{ slug: 'fishing', name: 'Fishing' }])
    expect(story.published).toBe('2026-12-01T09:00:00.000Z')
    expect(story.updated).toBe('2026-12-01T11:30:00.000Z')
    expect(story.hero).toMatchObject({
      alt: 'Fishing boats in the harbour',
      caption: 'Boats back in port on Monday',
      credit: 'Jo Reporter',
      width: 1280,
      height: 800,
    })
    expect(story.hero!.srcset.map((s) => s.width)).toEqual([640, 800, 1280])
    expect(JSON.stringify(story.body)).not.toMatch(/alert|script|newsletter_signup/)
    expect(JSON.stringify(story.body)).toContain('"href":"/articles/story-11"')
    expect(reports).toEqual([expect.stringContaining('shortcode removed')])

    // An edit 20 s after publishing is not an update; a non-ASCII slug gets a stable one of ours.
    const other = v.parse(ArticleSchema, await readJson(path.join(out, 'articles/story-11.json')))
    expect(other.updated).toBeNull()
    await expect(readJson(path.join(out, 'articles/post-12.json'))).resolves.toBeTruthy()

    const latest = v.parse(ListingPageSchema, await readJson(path.join(out, 'lists/latest/1.json')))
    expect(latest.items.map((i) => i.slug)).toEqual(['story-11', 'story-10', 'post-12'])
  })

  test('a second pull fetches only what changed, and sees posts that went', async () => {
    const mirror = path.join(dir, 'mirror-2')
    const posts = [post(20), post(21), post(22)]
    const first = fakeWordPress(posts)
    await pull(createClient({ siteUrl: SITE, fetch: first.fetch }), mirror)

    posts[0]!.modified_gmt = '2026-12-03T10:00:00'
    posts[0]!.title = { rendered: 'Story 20, corrected' }
    posts[1]!.status = 'trash'
    posts[2]!.tags = [7] // a new tag does not change `modified`
    const second = fakeWordPress(posts)
    const pulled = await pull(createClient({ siteUrl: SITE, fetch: second.fetch }), mirror)
    expect(pulled).toMatchObject({ added: [], updated: [20, 22], removed: [21] })
    const fetchedPosts = second.requests.filter((r) => r.includes('include='))
    expect(fetchedPosts).toHaveLength(1)
    expect(decodeURIComponent(fetchedPosts[0]!)).toContain('include=20,22')

    const source = await loadWordPress(mirror)
    expect(source.articles.map((a) => [a.slug, a.title, a.tags])).toEqual([
      ['story-20', 'Story 20, corrected', []],
      ['story-22', 'Story 22', ['fishing']],
    ])
  })

  test('a sticky post is the featured story (the front page leads with it); no other post is', async () => {
    const mirror = path.join(dir, 'mirror-sticky')
    const wp = fakeWordPress([post(60, { sticky: true }), post(61)])
    await pull(createClient({ siteUrl: SITE, fetch: wp.fetch }), mirror)
    const source = await loadWordPress(mirror)
    expect(
      source.articles
        .map((a) => [a.slug, a.featured])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ).toEqual([
      ['story-60', true],
      ['story-61', false],
    ])
  })

  test('a site that blocks /users still builds, with the site as the byline', async () => {
    const mirror = path.join(dir, 'mirror-3')
    const wp = fakeWordPress([post(30)], { usersBlocked: true })
    await pull(createClient({ siteUrl: SITE, fetch: wp.fetch }), mirror)
    const source = await loadWordPress(mirror)
    expect(source.taxonomy.authors).toEqual([
      { slug: 'newsroom', name: 'The Harbour Times', role: '', bio: '' },
    ])
  })

  test('a failing WordPress changes nothing in the copy and says what went wrong', async () => {
    const mirror = path.join(dir, 'mirror-4')
    const good = fakeWordPress([post(40)])
    await pull(createClient({ siteUrl: SITE, fetch: good.fetch }), mirror)
    const before = await readFile(path.join(mirror, 'stamps.json'), 'utf8')
    let calls = 0
    const failing = (async (input: string | URL | Request) => {
      calls++
      return String(input).includes('/wp/v2/posts')
        ? new Response('oops', { status: 502 })
        : good.fetch(input)
    }) as typeof fetch
    await expect(
      pull(createClient({ siteUrl: SITE, fetch: failing, attempts: 3, backoffMs: 1 }), mirror),
    ).rejects.toThrow(/wp\/v2\/posts.*HTTP 502/)
    expect(calls).toBeGreaterThanOrEqual(3)
    expect(await readFile(path.join(mirror, 'stamps.json'), 'utf8')).toBe(before)
  })

  test('an interrupted first pull starts again where it stopped, fetching nothing twice', async () => {
    const mirror = path.join(dir, 'mirror-5')
    const all = Array.from({ length: 10 }, (_, i) => post(100 + i))
    const wp = fakeWordPress(all)
    let postBatches = 0
    const breaking = (async (input: string | URL | Request) => {
      if (String(input).includes('include=') && String(input).includes('/wp/v2/posts')) {
        postBatches++
        // The third batch of posts never comes: the machine went down.
        if (postBatches === 3) throw new TypeError('fetch failed')
      }
      return wp.fetch(input)
    }) as typeof fetch
    await expect(
      pull(
        createClient({ siteUrl: SITE, fetch: breaking, perPage: 2, attempts: 1, concurrency: 1 }),
        mirror,
      ),
    ).rejects.toThrow(/fetch failed/)

    const held = (await readdir(path.join(mirror, 'posts'))).map((name) =>
      Number(name.slice(0, -5)),
    )
    expect(held.length).toBeGreaterThanOrEqual(4)
    expect(held.length).toBeLessThan(10)
    const again = fakeWordPress(all)
    const pulled = await pull(
      createClient({ siteUrl: SITE, fetch: again.fetch, perPage: 2 }),
      mirror,
    )
    const fetched = again.requests
      .filter((r) => r.includes('/wp/v2/posts') && r.includes('include='))
      .flatMap((r) => new URL(r, SITE).searchParams.get('include')!.split(',').map(Number))
    // What was kept is not asked for again; the rest is.
    const missing = all.map((p) => p.id).filter((id) => !held.includes(id))
    expect(fetched.sort()).toEqual(missing)
    expect(pulled.added.sort()).toEqual(missing)
    expect((await loadWordPress(mirror)).articles).toHaveLength(10)
  })

  test('an answer that is not what WordPress sends stops the pull with the address and the field', async () => {
    const mirror = path.join(dir, 'mirror-6')
    const broken = fakeWordPress([
      post(50, { title: undefined as unknown as { rendered: string } }),
    ])
    await expect(
      pull(createClient({ siteUrl: SITE, fetch: broken.fetch }), mirror),
    ).rejects.toThrow(/wp\/v2\/posts.*unexpected answer: .*title/)
    const garbage = (async () =>
      new Response('<html>Error establishing a database connection</html>', {
        status: 200,
      })) as typeof fetch
    await expect(pull(createClient({ siteUrl: SITE, fetch: garbage }), mirror)).rejects.toThrow(
      /wp-json.*not JSON/,
    )
  })

  test('a newsroom that keeps photo credits in a field of its own names it, and the build reads it', async () => {
    const mirror = path.join(dir, 'mirror-7')
    const wp = fakeWordPress([post(60, { featured_media: 40 })])
    await pull(createClient({ siteUrl: SITE, fetch: wp.fetch }), mirror)
    // WordPress's own answer has no such field: give the copied media object one, as a plugin's would be.
    const file = path.join(mirror, 'media/40.json')
    const media = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    await writeFile(file, JSON.stringify({ ...media, acf: { photo_credit: 'Staff photographer' } }))
    const withField = await loadWordPress(mirror, { creditField: 'acf.photo_credit' })
    expect(withField.articles[0]!.hero?.credit).toBe('Staff photographer')
    const withoutField = await loadWordPress(mirror)
    expect(withoutField.articles[0]!.hero?.credit).toBe('Jo Reporter')
  })
})
