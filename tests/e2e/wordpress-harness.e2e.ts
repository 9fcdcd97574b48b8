import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  recordResponses,
  recording,
  writeRecordingIndex,
  type RecordedResponse,
} from './support/wordpress-recording'
import { startWordPress, type RunningWordPress, type SavedPost } from './support/wordpress'

/**
 * The real WordPress the WordPress tests run against (support/wordpress.ts), and the facts of its
 * public REST API that Newsroom's WordPress source relies on: who sees what, what the HTML looks
 * like, where the photo's caption and credit are, and how the answers change (or do not) when
 * editors rename, trash, unpublish and re-categorise. Each check documents one fact; if WordPress
 * behaves otherwise on another version, this file says which.
 *
 * NEWSROOM_RECORD_WP=1 also saves the answers into tests/fixtures/wordpress/ (README.md there).
 */

interface Answer<T> {
  status: number
  headers: Headers
  body: T
}

/** The REST fields the checks read; WordPress sends many more. */
interface RestPost {
  id: number
  slug: string
  status: string
  link: string
  date: string
  date_gmt: string
  modified_gmt: string
  title: { rendered: string }
  excerpt: { rendered: string; protected: boolean }
  content: { rendered: string; protected: boolean }
  featured_media: number
  categories: number[]
  tags: number[]
  _embedded?: {
    author?: { name: string; slug: string }[]
    'wp:term'?: { name: string; taxonomy: string }[][]
    'wp:featuredmedia'?: RestMedia[]
  }
}

interface RestMedia {
  id: number
  alt_text: string
  source_url: string
  caption: { rendered: string }
  media_details: {
    width: number
    height: number
    sizes: Record<string, { source_url: string; width: number; height: number }>
    image_meta: { caption: string; credit: string; title: string }
  }
}

const EMBED = '_embed=author,wp:term,wp:featuredmedia'
const LISTING = `/wp-json/wp/v2/posts?${EMBED}&per_page=100`

let wp: RunningWordPress
const api = async <T>(request: string): Promise<Answer<T>> => {
  const response = await fetch(`${wp.url}${request}`)
  return { status: response.status, headers: response.headers, body: (await response.json()) as T }
}
const listing = async () => (await api<RestPost[]>(LISTING)).body
const listed = async (id: number) => (await listing()).find((post) => post.id === id)
const idsOf = (posts: { id: number }[]) => posts.map((post) => post.id).sort((a, b) => a - b)

const paragraph = (html: string) => `<!-- wp:paragraph -->\n<p>${html}</p>\n<!-- /wp:paragraph -->`
const words = (count: number) =>
  Array.from({ length: count }, (_, i) => ['harbour', 'crane', 'tide', 'quay'][i % 4]).join(' ')

const PHOTO = {
  caption: 'The new cranes at the Old Port of Zürichsee, at dawn',
  credit: 'Photo: Zoë Müller / Newsroom',
  alt: 'Two yellow cranes against a pale sky',
  title: 'Cranes at dawn',
}
const HOSTILE = {
  script: '<script>window.__wpHostile = 1</script>',
  iframe: '<iframe src="https://example.com/frame" onload="window.__wpHostile = 2"></iframe>',
  onerror: 'onerror="window.__wpHostile = 3"',
}

/** Every post the tests make, by role; filled in beforeAll. */
const posts = {} as Record<
  | 'photo'
  | 'blocks'
  | 'classic'
  | 'hostile'
  | 'accented'
  | 'greek'
  | 'protected'
  | 'draft'
  | 'private'
  | 'future'
  | 'pending'
  | 'trashed',
  SavedPost
>
let page: SavedPost
const recorded: Record<string, RecordedResponse> = {}

beforeAll(async () => {
  wp = await startWordPress()
  const started = performance.now()
  const author = { login: 'mara', name: 'Mara Lindqvist' }
  posts.photo = await wp.createPost({
    title: 'Cranes return to the old port',
    content: paragraph('The harbour has its cranes back, forty years after the last one left.'),
    excerpt: 'Forty years on, the harbour has its cranes back.',
    date: '2025-05-01T08:00:00Z',
    categories: ['City'],
    tags: ['harbour', 'transport'],
    author,
    featuredImage: PHOTO,
  })
  // An image block, a gallery and a [caption] use the photo's own attachment, as editors' posts do.
  const media = (await api<RestMedia>(`/wp-json/wp/v2/media/${posts.photo.featuredMedia}`)).body
  const large = media.media_details.sizes.large?.source_url ?? media.source_url
  const image = (caption: string) =>
    `<!-- wp:image {"id":${media.id},"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="${large}" alt="${PHOTO.alt}" class="wp-image-${media.id}"/><figcaption class="wp-element-caption">${caption}</figcaption></figure>\n<!-- /wp:image -->`
  posts.blocks = await wp.createPost({
    title: "The city's harbour, block by block",
    date: '2025-05-02T08:00:00Z',
    categories: ['City'],
    tags: ['harbour'],
    author,
    content: [
      paragraph(`The first paragraph of a block post. ${words(60)}.`),
      '<!-- wp:heading -->\n<h2>What the port plans</h2>\n<!-- /wp:heading -->',
      '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>We waited forty years.</p><cite>Ana Ruiz, harbour master</cite></blockquote>\n<!-- /wp:quote -->',
      '<!-- wp:list -->\n<ul><li>Two cranes</li><li>One new quay</li></ul>\n<!-- /wp:list -->',
      image('The cranes, from the quay'),
      '<!-- wp:table -->\n<figure class="wp-block-table"><table><tbody><tr><td>Cranes</td><td>2</td></tr><tr><td>Quays</td><td>1</td></tr></tbody></table></figure>\n<!-- /wp:table -->',
      `<!-- wp:gallery {"linkTo":"none"} -->\n<figure class="wp-block-gallery has-nested-images columns-default is-cropped">${image('One')}${image('Two')}</figure>\n<!-- /wp:gallery -->`,
      '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","type":"video","providerNameSlug":"youtube"} -->\n<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n</div></figure>\n<!-- /wp:embed -->',
      '<!-- wp:shortcode -->\n[newsletter_signup list="daily"]\n<!-- /wp:shortcode -->',
    ].join('\n\n'),
  })
  posts.classic = await wp.createPost({
    title: 'A classic post, as the old editor saved it',
    date: '2025-05-03T08:00:00Z',
    categories: ['Opinion'],
    content: `First line of a classic post,\nsecond line after a single newline.\n\nA new paragraph.\n\n[caption id="attachment_${media.id}" align="alignnone" width="300"]<img class="size-medium wp-image-${media.id}" src="${media.media_details.sizes.medium?.source_url}" alt="${PHOTO.alt}" width="300" height="188" /> The cranes, in a classic caption[/caption]`,
  })
  posts.hostile = await wp.createPost({
    title: 'An administrator pastes markup',
    date: '2025-05-04T08:00:00Z',
    content: `<p>Before.</p>\n${HOSTILE.script}\n${HOSTILE.iframe}\n<p><img src="/missing.png" ${HOSTILE.onerror} alt=""></p>`,
  })
  posts.accented = await wp.createPost({
    title: 'Café Zürich öffnet',
    date: '2025-05-05T08:00:00Z',
    content: paragraph('Accents in the title.'),
  })
  posts.greek = await wp.createPost({
    title: 'Νέο λιμάνι στην Αθήνα',
    date: '2025-05-06T08:00:00Z',
    content: paragraph('A title in Greek.'),
  })
  posts.protected = await wp.createPost({
    title: 'Members only',
    date: '2025-05-07T08:00:00Z',
    password: 'secret',
    content: paragraph('Behind a password.'),
  })
  const hidden = (title: string) => ({ title, content: paragraph(`${title}: never for readers.`) })
  posts.draft = await wp.createPost({ ...hidden('A draft'), status: 'draft' })
  posts.private = await wp.createPost({ ...hidden('A private post'), status: 'private' })
  posts.future = await wp.createPost({ ...hidden('A scheduled post'), status: 'future' })
  posts.pending = await wp.createPost({ ...hidden('A post pending review'), status: 'pending' })
  posts.trashed = await wp.createPost({ ...hidden('A trashed post') })
  await wp.trashPost(posts.trashed.id)
  page = await wp.createPage({ title: 'About us', content: paragraph('A page, not a story.') })
  const count = Object.keys(posts).length + 1
  console.log(
    `Created ${count} posts and pages in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )

  if (recording) {
    Object.assign(
      recorded,
      await recordResponses(wp.url, {
        site: '/wp-json/',
        posts: LISTING,
        categories: '/wp-json/wp/v2/categories?per_page=100',
        tags: '/wp-json/wp/v2/tags?per_page=100',
        users: '/wp-json/wp/v2/users?per_page=100',
        media: '/wp-json/wp/v2/media?per_page=100',
        'posts-ids': '/wp-json/wp/v2/posts?_fields=id,modified_gmt&per_page=100',
        'error-page-past-end': '/wp-json/wp/v2/posts?page=2&per_page=100',
        'error-draft-by-id': `/wp-json/wp/v2/posts/${posts.draft.id}`,
      }),
    )
  }
}, 120_000)

afterAll(async () => {
  await wp?.stop()
})

describe('what anyone reading the public REST API gets', () => {
  it('lists exactly the published posts, the password-protected one included, and no page', async () => {
    const answer = await api<RestPost[]>(LISTING)
    const published = [
      posts.photo,
      posts.blocks,
      posts.classic,
      posts.hostile,
      posts.accented,
      posts.greek,
      posts.protected,
    ]
    expect(idsOf(answer.body)).toEqual(idsOf(published))
    expect(answer.headers.get('x-wp-total')).toBe(String(published.length))
    expect(answer.headers.get('x-wp-totalpages')).toBe('1')
    expect(answer.body.map((post) => post.id)).not.toContain(page.id)
    // Newest first by publish date.
    expect(answer.body[0]!.id).toBe(posts.protected.id)
  })

  it('answers 401 for each post a reader must not see, asked for by id', async () => {
    for (const hidden of [posts.draft, posts.private, posts.future, posts.pending, posts.trashed]) {
      const answer = await api<{ code: string }>(`/wp-json/wp/v2/posts/${hidden.id}`)
      expect({ id: hidden.id, status: answer.status }).toEqual({ id: hidden.id, status: 401 })
    }
  })

  it('sends a password-protected post with its headline but no content', async () => {
    const post = await listed(posts.protected.id)
    expect(post?.title.rendered).toBe('Members only')
    expect(post?.content).toEqual({ rendered: '', protected: true })
    expect(post?.excerpt.protected).toBe(true)
  })

  it("gives the site's name and description at /wp-json/", async () => {
    const site = (await api<{ name: string; description: string; url: string }>('/wp-json/')).body
    expect(site).toMatchObject({
      name: 'Newsroom Test Desk',
      description: 'Stories from the test desk, in a real WordPress',
      url: wp.url,
    })
  })

  it('embeds the byline, the terms and the featured photo with its caption, credit and alt text', async () => {
    const post = await listed(posts.photo.id)
    expect(post?._embedded?.author?.[0]).toMatchObject({ name: 'Mara Lindqvist', slug: 'mara' })
    const terms = post?._embedded?.['wp:term']?.flat().map((term) => [term.taxonomy, term.name])
    expect(terms).toEqual([
      ['category', 'City'],
      ['post_tag', 'harbour'],
      ['post_tag', 'transport'],
    ])
    const media = post?._embedded?.['wp:featuredmedia']?.[0]
    expect(media?.id).toBe(posts.photo.featuredMedia)
    // IPTC from the file: the only place core WordPress keeps a credit.
    expect(media?.media_details.image_meta).toMatchObject({
      credit: PHOTO.credit,
      caption: PHOTO.caption,
      title: PHOTO.title,
    })
    // The attachment's own caption is HTML; the alt text is plain.
    expect(media?.caption.rendered).toBe(`<p>${PHOTO.caption}</p>\n`)
    expect(media?.alt_text).toBe(PHOTO.alt)
    expect(media?.media_details).toMatchObject({ width: 1600, height: 1000 })
    expect(Object.keys(media?.media_details.sizes ?? {}).sort()).toEqual(
      ['1536x1536', 'full', 'large', 'medium', 'medium_large', 'thumbnail'].sort(),
    )
  })

  it("serves the photo's file from the uploads folder as a JPEG", async () => {
    const media = (await listed(posts.photo.id))?._embedded?.['wp:featuredmedia']?.[0]
    expect(media?.source_url).toMatch(new RegExp(`^${wp.url}/wp-content/uploads/\\d{4}/\\d{2}/`))
    for (const url of [media!.source_url, media!.media_details.sizes.medium!.source_url]) {
      const response = await fetch(url)
      expect({ url, status: response.status, type: response.headers.get('content-type') }).toEqual({
        url,
        status: 200,
        type: 'image/jpeg',
      })
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000)
    }
  })

  it('dates posts in site time (date) and UTC (date_gmt), neither with an offset', async () => {
    const post = await listed(posts.photo.id)
    expect(post?.date_gmt).toBe('2025-05-01T08:00:00')
    // The site's time zone is America/New_York (EDT in May).
    expect(post?.date).toBe('2025-05-01T04:00:00')
  })

  it('renders block markup as HTML without block comments, and keeps what it cannot render', async () => {
    const post = await listed(posts.blocks.id)
    const html = post?.content.rendered ?? ''
    expect(html).not.toContain('<!-- wp:')
    expect(html).toContain('<h2>What the port plans</h2>')
    expect(html).toMatch(
      /<blockquote class="wp-block-quote"><p>We waited forty years.<\/p><cite>Ana Ruiz, harbour master<\/cite><\/blockquote>/,
    )
    expect(html).toContain('<ul><li>Two cranes</li><li>One new quay</li></ul>')
    expect(html).toContain('<figure class="wp-block-table"><table>')
    expect(html).toContain('wp-block-gallery')
    // Images of the site's own attachments gain width, height, srcset, sizes and lazy loading.
    expect(html).toMatch(/<img [^>]*loading="lazy"[^>]*width="1024" height="640"[^>]*srcset="/)
    // No internet: the embed stays a bare URL in its figure.
    expect(html).toMatch(
      /<figure class="wp-block-embed[^"]*"><div class="wp-block-embed__wrapper">\s*https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ\s*<\/div><\/figure>/,
    )
    // An unknown shortcode stays as text, its quotes curled into entities.
    expect(html).toContain('[newsletter_signup list=&#8221;daily&#8221;]')
  })

  it('sends headlines with HTML entities and ends an automatic excerpt in [&hellip;]', async () => {
    const post = await listed(posts.blocks.id)
    expect(post?.title.rendered).toBe('The city&#8217;s harbour, block by block')
    expect(post?.excerpt.rendered).toMatch(/ \[&hellip;\]<\/p>\n$/)
  })

  it('turns classic markup into paragraphs with <br />, and [caption] into a div.wp-caption', async () => {
    const html = (await listed(posts.classic.id))?.content.rendered ?? ''
    expect(html).toContain(
      '<p>First line of a classic post,<br />\nsecond line after a single newline.</p>',
    )
    expect(html).toMatch(
      /<div id="attachment_\d+" style="width: 310px" class="wp-caption alignnone">/,
    )
    expect(html).toContain('<p id="caption-attachment-')
    expect(html).toContain('The cranes, in a classic caption</p></div>')
  })

  it("passes an administrator's <script>, <iframe onload> and onerror through verbatim", async () => {
    const html = (await listed(posts.hostile.id))?.content.rendered ?? ''
    expect(html).toContain(HOSTILE.script)
    expect(html).toContain(HOSTILE.iframe)
    // WordPress adds decoding="async" to the <img>, and keeps its handler.
    expect(html).toContain(`<img decoding="async" src="/missing.png" ${HOSTILE.onerror}`)
  })

  it('transliterates Latin accents in slugs, and percent-encodes other scripts in lower case', async () => {
    expect((await listed(posts.accented.id))?.slug).toBe('cafe-zurich-offnet')
    const greek = await listed(posts.greek.id)
    const expected = encodeURIComponent('νέο-λιμάνι-στην-αθήνα').toLowerCase()
    expect(greek?.slug).toBe(expected)
    expect(greek?.link).toBe(`${wp.url}/${expected}/`)
    // Asking by slug takes the decoded form too.
    const bySlug = await api<RestPost[]>(
      `/wp-json/wp/v2/posts?slug=${encodeURIComponent('νέο-λιμάνι-στην-αθήνα')}`,
    )
    expect(idsOf(bySlug.body)).toEqual([posts.greek.id])
  })

  it('answers a page past the end with 400, not an empty list', async () => {
    const answer = await api<{ code: string }>('/wp-json/wp/v2/posts?page=2&per_page=100')
    expect(answer.status).toBe(400)
    expect(answer.body.code).toBe('rest_post_invalid_page_number')
  })
})

describe('what changes in the answers when editors change posts', () => {
  it('a renamed slug: the old slug finds nothing, the new one the post, and modified moves', async () => {
    const before = await listed(posts.classic.id)
    await wp.updatePost(posts.classic.id, { slug: 'classic-post-renamed' })
    const after = await listed(posts.classic.id)
    expect(after?.slug).toBe('classic-post-renamed')
    expect((await api<RestPost[]>(`/wp-json/wp/v2/posts?slug=${before?.slug}`)).body).toEqual([])
    expect(
      idsOf((await api<RestPost[]>('/wp-json/wp/v2/posts?slug=classic-post-renamed')).body),
    ).toEqual([posts.classic.id])
    expect(after?.modified_gmt).not.toBe(before?.modified_gmt)
  })

  it('a trashed post and a post made private leave the listing and answer 401', async () => {
    const since = (await listed(posts.accented.id))!.modified_gmt
    await wp.trashPost(posts.hostile.id)
    await wp.updatePost(posts.accented.id, { status: 'private' })
    expect(idsOf(await listing())).not.toContain(posts.hostile.id)
    expect(idsOf(await listing())).not.toContain(posts.accented.id)
    for (const id of [posts.hostile.id, posts.accented.id]) {
      expect((await api(`/wp-json/wp/v2/posts/${id}`)).status).toBe(401)
    }
    // A sync asking what changed since then is not told about either: they are simply gone.
    const changed = await api<RestPost[]>(
      `/wp-json/wp/v2/posts?modified_after=${since}&_fields=id&per_page=100`,
    )
    expect(idsOf(changed.body)).not.toContain(posts.hostile.id)
    expect(idsOf(changed.body)).not.toContain(posts.accented.id)
  })

  it('new categories show at once, and modified stays as it was', async () => {
    const before = await listed(posts.blocks.id)
    await wp.updatePost(posts.blocks.id, { categories: ['World', 'Transport'] })
    const after = await listed(posts.blocks.id)
    const categories = after?._embedded?.['wp:term']?.[0]?.map((term) => term.name).sort()
    expect(categories).toEqual(['Transport', 'World'])
    expect(after?.modified_gmt).toBe(before?.modified_gmt)
  })

  it('a new featured photo is a new attachment, and modified stays as it was', async () => {
    const before = await listed(posts.photo.id)
    const updated = await wp.updatePost(posts.photo.id, {
      featuredImage: { caption: 'The quay at night', credit: 'Photo: Ana Ruiz', alt: 'A lit quay' },
    })
    const after = await listed(posts.photo.id)
    expect(updated.featuredMedia).not.toBe(posts.photo.featuredMedia)
    expect(after?.featured_media).toBe(updated.featuredMedia)
    expect(after?._embedded?.['wp:featuredmedia']?.[0]?.media_details.image_meta.credit).toBe(
      'Photo: Ana Ruiz',
    )
    expect(after?.modified_gmt).toBe(before?.modified_gmt)
    posts.photo = updated
  })

  it("an edited caption changes the attachment's caption, not the file's IPTC caption", async () => {
    await wp.setImageCaption(posts.photo.featuredMedia, 'The quay at night, corrected')
    const media = (await listed(posts.photo.id))?._embedded?.['wp:featuredmedia']?.[0]
    expect(media?.caption.rendered).toBe('<p>The quay at night, corrected</p>\n')
    expect(media?.media_details.image_meta.caption).toBe('The quay at night')
  })

  it('a deleted post answers 404', async () => {
    await wp.deletePost(posts.trashed.id)
    expect((await api(`/wp-json/wp/v2/posts/${posts.trashed.id}`)).status).toBe(404)
  })

  it.runIf(recording)('records the answers after the edits', async () => {
    Object.assign(
      recorded,
      await recordResponses(wp.url, {
        'posts-after-edits': LISTING,
        'posts-ids-after-edits': '/wp-json/wp/v2/posts?_fields=id,modified_gmt&per_page=100',
        'error-deleted-by-id': `/wp-json/wp/v2/posts/${posts.trashed.id}`,
      }),
    )
    await writeRecordingIndex(recorded)
  })
})

describe('stopping', () => {
  it('leaves no process on the port, no process group and no data folder', async () => {
    const { port } = new URL(wp.url)
    const groups = Object.values(wp.processGroups)
    await wp.stop()
    expect(await refuses(Number(port))).toBe(true)
    for (const group of groups) expect(groupIsGone(group)).toBe(true)
    expect(existsSync(wp.dataDir)).toBe(false)
  })
})

/** Whether a connection to the port is refused (nothing listens). */
function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })
}

/** Whether no process is left in the group (signal 0 checks without sending). */
function groupIsGone(group: number): boolean {
  try {
    process.kill(-group, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
