import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadContentFolder, readBody, type SourceArticle } from '../api/content.ts'

/**
 * A WordPress REST API (the part Newsroom reads, as an anonymous reader sees it) serving a generated
 * newsroom (`npm run corpus`), for the sync benchmark: a real WordPress takes about 15 s per 300 posts to
 * fill, far too slow for 100,000. The answers have the shape and paging of WordPress 6.1's
 * (../shared/notes/wordpress.md; the browser tests check the same code against a real WordPress).
 */

export interface FakePost {
  id: number
  date_gmt: string
  modified_gmt: string
  slug: string
  status: string
  type: string
  link: string
  format: string
  title: { rendered: string }
  content: { rendered: string; protected: boolean }
  excerpt: { rendered: string; protected: boolean }
  author: number
  featured_media: number
  categories: number[]
  tags: number[]
  sticky: boolean
}

export interface FakeWordPress {
  url: string
  posts: Map<number, FakePost>
  /** Requests answered, by route. */
  requests: number
  /** A new post, published now; returns its id. */
  add(title: string): number
  edit(id: number, title: string): void
  /** A new slug, as WordPress's editor gives one (a new `modified`). */
  rename(id: number, slug: string): void
  withdraw(id: number): void
  /** Made sticky, or not, from the editor (a new `modified`): the newsroom's mark for the front page's lead. */
  stick(id: number, sticky: boolean): void
  /** Publishes a withdrawn post again, its `modified` as it was (as WordPress does for a scheduled one). */
  restore(id: number): void
  /** New sections or tags (term ids), without a new `modified`, as WordPress does for term changes. */
  move(id: number, terms: { categories?: number[]; tags?: number[] }): void
  close(): Promise<void>
}

const gmt = (date: Date) => date.toISOString().slice(0, 19)

/**
 * Starts a fake WordPress holding the stories of a content folder, on `port` (default: a free one). The
 * site's address is in what it answers, so a copy pulled from it stays valid only on the same port.
 */
export async function startFakeWordPress(
  contentDir: string,
  { port = 0 }: { port?: number } = {},
): Promise<FakeWordPress> {
  const source = await loadContentFolder(contentDir)
  const termIds = new Map<string, number>()
  const term = (kind: string, slug: string) => {
    const key = `${kind}:${slug}`
    if (!termIds.has(key)) termIds.set(key, termIds.size + 1)
    return termIds.get(key)!
  }
  const categories = source.taxonomy.sections.map((s) => ({
    id: term('category', s.slug),
    name: s.name,
    slug: s.slug,
    description: s.description,
    count: 0,
  }))
  const tags = source.taxonomy.tags.map((t) => ({
    id: term('tag', t.slug),
    name: t.name,
    slug: t.slug,
    description: '',
    count: 0,
  }))
  const users = source.taxonomy.authors.map((a, i) => ({
    id: i + 1,
    name: a.name,
    slug: a.slug,
    description: a.bio,
  }))
  const userId = new Map(users.map((u) => [u.slug, u.id]))
  let url = ''
  const posts = new Map<number, FakePost>()
  const toPost = (article: SourceArticle, id: number): FakePost => ({
    id,
    date_gmt: gmt(article.published),
    modified_gmt: gmt(article.updated ?? article.published),
    slug: article.slug,
    status: 'publish',
    type: 'post',
    link: `${url}/${article.slug}/`,
    format: 'standard',
    title: { rendered: escape(article.title) },
    content: { rendered: toHtml(readBody(article)), protected: false },
    excerpt: { rendered: `<p>${escape(article.summary)}</p>\n`, protected: false },
    author: userId.get(article.author) ?? 1,
    featured_media: 0,
    categories: [term('category', article.section)],
    tags: article.tags.map((t) => term('tag', t)),
    sticky: false,
  })

  let requests = 0
  // The published posts in each order WordPress offers, made again only after a change: a sync asks
  // for hundreds of pages, and sorting 100,000 posts for each would make this server the bottleneck.
  let version = 0
  const sorted = new Map<string, { version: number; list: FakePost[] }>()
  const published = (order: string) => {
    const held = sorted.get(order)
    if (held?.version === version) return held.list
    const key = order.startsWith('id')
      ? 'id'
      : order.startsWith('modified')
        ? 'modified_gmt'
        : 'date_gmt'
    const list = [...posts.values()].filter((p) => p.status === 'publish')
    // Posts are held in id order (ids only grow): only the date orders need sorting.
    if (key !== 'id')
      list.sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.id - b.id))
    if (order.endsWith(':desc')) list.reverse()
    sorted.set(order, { version, list })
    return list
  }
  // Each term's count of published posts, as WordPress keeps it (counted again only after a change).
  const termCounts = new Map<string, { version: number; counts: Map<number, number> }>()
  const counted = <T extends { id: number }>(terms: T[], kind: 'categories' | 'tags') => {
    let held = termCounts.get(kind)
    if (held?.version !== version) {
      const counts = new Map<number, number>()
      for (const post of published('id:asc'))
        for (const id of post[kind]) counts.set(id, (counts.get(id) ?? 0) + 1)
      held = { version, counts }
      termCounts.set(kind, held)
    }
    const { counts } = held
    return terms.map((term) => ({ ...term, count: counts.get(term.id) ?? 0 }))
  }
  const server: Server = createServer((req, res) => {
    requests++
    const address = new URL(req.url ?? '/', 'http://x')
    const route = address.pathname.replace(/^\/wp-json\/?/, '')
    const params = address.searchParams
    const send = (body: unknown, headers: Record<string, string> = {}, status = 200) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers })
      res.end(JSON.stringify(body))
    }
    const paged = <T>(items: T[], shape: (item: T) => unknown = (item) => item) => {
      const perPage = Number(params.get('per_page') ?? 10)
      const page = Number(params.get('page') ?? 1)
      const offset = params.has('offset') ? Number(params.get('offset')) : (page - 1) * perPage
      const pages = Math.max(1, Math.ceil(items.length / perPage))
      if (perPage > 100) return send({ code: 'rest_invalid_param' }, {}, 400)
      if (page > pages) return send({ code: 'rest_post_invalid_page_number' }, {}, 400)
      send(items.slice(offset, offset + perPage).map(shape), {
        'x-wp-total': String(items.length),
        'x-wp-totalpages': String(pages),
      })
    }
    const fields = params.get('_fields')?.split(',')
    const pick = (post: FakePost) =>
      fields
        ? Object.fromEntries(Object.entries(post).filter(([key]) => fields.includes(key)))
        : post
    switch (route) {
      case '':
        return send({
          name: 'Generated Newsroom',
          description: 'A newsroom made up for measuring',
          url,
          home: url,
        })
      case 'wp/v2/categories':
        return paged(counted(categories, 'categories'))
      case 'wp/v2/tags':
        return paged(counted(tags, 'tags'))
      case 'wp/v2/users':
        return paged(users)
      case 'wp/v2/media':
        return paged([])
      case 'wp/v2/posts': {
        // As WordPress: newest first by default; `include`, `modified_after`, `categories` and `tags` filter.
        const order = `${params.get('orderby') ?? 'date'}:${params.get('order') ?? 'desc'}`
        let list = published(order)
        const include = params.get('include')?.split(',').map(Number)
        if (include) {
          const wanted = new Set(include)
          list = list.filter((p) => wanted.has(p.id))
        }
        const after = params.get('modified_after')
        if (after) {
          const since = gmt(new Date(after))
          list = list.filter((p) => p.modified_gmt > since)
        }
        for (const kind of ['categories', 'tags'] as const) {
          const ids = params.get(kind)?.split(',').map(Number)
          if (ids) list = list.filter((p) => p[kind].some((id) => ids.includes(id)))
        }
        return paged(list, (p) => ({
          ...pick(p),
          ...(params.get('_embed')
            ? { _embedded: { author: [users.find((u) => u.id === p.author)] } }
            : {}),
        }))
      }
    }
    send({ code: 'rest_no_route' }, {}, 404)
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  source.articles.forEach((article, i) => posts.set(i + 1, toPost(article, i + 1)))

  let nextId = posts.size + 1
  return {
    url,
    posts,
    get requests() {
      return requests
    },
    add(title) {
      const id = nextId++
      const now = new Date()
      const first = posts.get(1)!
      posts.set(id, {
        ...first,
        id,
        slug: `added-story-${id}`,
        link: `${url}/added-story-${id}/`,
        title: { rendered: escape(title) },
        date_gmt: gmt(now),
        modified_gmt: gmt(now),
      })
      version++
      return id
    },
    edit(id, title) {
      const post = posts.get(id)!
      post.title = { rendered: escape(title) }
      post.modified_gmt = gmt(new Date())
      version++
    },
    rename(id, slug) {
      const post = posts.get(id)!
      post.slug = slug
      post.link = `${url}/${slug}/`
      post.modified_gmt = gmt(new Date())
      version++
    },
    withdraw(id) {
      posts.get(id)!.status = 'trash'
      version++
    },
    stick(id, sticky) {
      const post = posts.get(id)!
      post.sticky = sticky
      post.modified_gmt = gmt(new Date())
      version++
    },
    restore(id) {
      posts.get(id)!.status = 'publish'
      version++
    },
    move(id, terms) {
      Object.assign(posts.get(id)!, terms)
      version++
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A generated story's Markdown as the HTML WordPress would render: paragraphs, headings, quotes. */
function toHtml(markdown: string): string {
  return markdown
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => {
      const heading = /^(#{2,3}) (.*)$/.exec(chunk)
      if (heading) return `<h${heading[1]!.length}>${escape(heading[2]!)}</h${heading[1]!.length}>`
      if (chunk.startsWith('> '))
        return `<blockquote><p>${escape(chunk.replace(/^> ?/gm, ''))}</p></blockquote>`
      return `<p>${escape(chunk)}</p>`
    })
    .join('\n')
}
