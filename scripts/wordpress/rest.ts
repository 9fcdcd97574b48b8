import pLimit from 'p-limit'
import pRetry, { AbortError } from 'p-retry'
import * as v from 'valibot'

/**
 * WordPress's public REST API (wp/v2), as the build and the sync read it: the schemas of the answers we
 * use (only the fields we use; WordPress sends many more), and a client that pages, retries with backoff
 * and times out. ../shared/notes/wordpress.md has the facts this follows: `per_page` at most 100, a page
 * past the end is a 400, totals in X-WP-TotalPages, `date_gmt` without a zone.
 */

const Rendered = v.object({ rendered: v.string() })
const Id = v.pipe(v.number(), v.integer(), v.minValue(1))
/** WordPress's GMT times: "2026-12-06T09:30:00", UTC without the zone. */
const GmtTime = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/, 'must be a GMT date-time like 2026-12-06T09:30:00'),
)

export const SiteIndexSchema = v.object({
  name: v.string(),
  description: v.string(),
  url: v.string(),
  home: v.optional(v.string()),
  /** Hours from UTC of the site's clock: `modified_after` is read in it (a string or a number). */
  gmt_offset: v.optional(v.union([v.number(), v.pipe(v.string(), v.transform(Number))])),
})
export type SiteIndex = v.InferOutput<typeof SiteIndexSchema>

export const TermSchema = v.object({
  id: Id,
  name: v.string(),
  slug: v.string(),
  description: v.optional(v.string(), ''),
  count: v.optional(v.number(), 0),
})
export type Term = v.InferOutput<typeof TermSchema>

export const UserSchema = v.object({
  id: Id,
  name: v.string(),
  slug: v.string(),
  description: v.optional(v.string(), ''),
})
export type User = v.InferOutput<typeof UserSchema>

/**
 * Loose: every field WordPress or a plugin adds is kept in the copy, so that a credit kept in a field of the
 * newsroom's own (NEWSROOM_WORDPRESS_CREDIT_FIELD, e.g. `acf.photo_credit`) can be read.
 */
export const MediaSchema = v.looseObject({
  id: Id,
  modified_gmt: v.optional(GmtTime),
  source_url: v.string(),
  mime_type: v.optional(v.string(), ''),
  alt_text: v.optional(v.string(), ''),
  caption: v.optional(Rendered, { rendered: '' }),
  media_details: v.optional(
    v.object({
      width: v.optional(v.number()),
      height: v.optional(v.number()),
      image_meta: v.optional(
        v.looseObject({
          credit: v.optional(v.string(), ''),
          caption: v.optional(v.string(), ''),
          copyright: v.optional(v.string(), ''),
        }),
      ),
    }),
    {},
  ),
})
export type Media = v.InferOutput<typeof MediaSchema>

/** A post's entry in the cheap list of every published post: what tells the sync what changed. */
export const PostStampSchema = v.object({
  id: Id,
  modified_gmt: GmtTime,
  slug: v.string(),
  featured_media: v.optional(v.number(), 0),
  categories: v.optional(v.array(v.number()), []),
  tags: v.optional(v.array(v.number()), []),
  sticky: v.optional(v.boolean(), false),
})
export type PostStamp = v.InferOutput<typeof PostStampSchema>

/** The fields the stamp list asks for (`_fields`). */
export const STAMP_FIELDS = 'id,modified_gmt,slug,featured_media,categories,tags,sticky'

export const PostSchema = v.object({
  ...PostStampSchema.entries,
  date_gmt: GmtTime,
  status: v.string(),
  type: v.optional(v.string(), 'post'),
  link: v.string(),
  format: v.optional(v.string(), 'standard'),
  title: Rendered,
  content: v.object({ rendered: v.string(), protected: v.optional(v.boolean(), false) }),
  excerpt: v.optional(
    v.object({ rendered: v.string(), protected: v.optional(v.boolean(), false) }),
    { rendered: '', protected: false },
  ),
  author: v.optional(v.number(), 0),
  /** Only author, terms and the featured image are embedded (_embed=author,wp:term,wp:featuredmedia). */
  _embedded: v.optional(
    v.looseObject({
      // An error object instead of a user when the site blocks /users (security plugins often do).
      author: v.optional(v.array(v.unknown())),
    }),
  ),
})
export type Post = v.InferOutput<typeof PostSchema>

/** The fields a whole post is fetched with; `_links` and `_embedded` so that embedding still happens. */
export const POST_FIELDS =
  'id,date_gmt,modified_gmt,slug,status,type,link,format,title,content,excerpt,author,featured_media,categories,tags,sticky,_links,_embedded'
export const POST_EMBED = 'author'

export class WordPressError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or 0 when no answer came (network, timeout, not JSON). */
    readonly status: number,
  ) {
    super(message)
    this.name = 'WordPressError'
  }
}

export interface ClientOptions {
  /** The site's root, e.g. https://news.example.org (its REST API is <root>/wp-json/). */
  siteUrl: string
  /** Posts per page, 1–100 (WordPress's limit). Real hosts time out on big pages: lower it for those. */
  perPage?: number
  /** Requests in flight at once. */
  concurrency?: number
  /** Tries per request, with exponential backoff between them, for network errors, timeouts, 429 and 5xx. */
  attempts?: number
  /** Milliseconds before a request is abandoned (and retried). */
  timeoutMs?: number
  /** The first backoff, doubled each time (with jitter). */
  backoffMs?: number
  fetch?: typeof fetch
  /** Told of every retry, so a newsroom sees a flaky host in the log. */
  onRetry?: (message: string) => void
}

export interface WordPressClient {
  readonly siteUrl: string
  readonly perPage: number
  /** One GET of /wp-json/<route>, parsed with `schema`. */
  get<T extends v.GenericSchema>(
    route: string,
    params: Record<string, string | number>,
    schema: T,
  ): Promise<{ body: v.InferOutput<T>; totalPages: number; total: number | null }>
  /** Every page of a collection, in order. */
  all<T extends v.GenericSchema>(
    route: string,
    params: Record<string, string | number>,
    schema: T,
  ): Promise<v.InferOutput<T>[]>
  /** A file from the site (an upload), as bytes. */
  download(url: string): Promise<Uint8Array>
}

export function createClient(options: ClientOptions): WordPressClient {
  const {
    perPage = 100,
    concurrency = 4,
    attempts = 4,
    timeoutMs = 30_000,
    backoffMs = 500,
    onRetry,
  } = options
  const doFetch = options.fetch ?? fetch
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
    throw new Error(`perPage must be 1–100 (WordPress's limit), not ${perPage}`)
  const siteUrl = options.siteUrl.replace(/\/+$/, '')
  const limit = pLimit(concurrency)

  /** A GET that answered 2xx; retried with backoff on network errors, timeouts, 429 and 5xx. */
  function request(url: string): Promise<Response> {
    const once = async () => {
      let response: Response
      try {
        response = await limit(() => doFetch(url, { signal: AbortSignal.timeout(timeoutMs) }))
      } catch (error) {
        const reason =
          (error as Error).name === 'TimeoutError'
            ? `timed out after ${timeoutMs} ms`
            : (error as Error).message
        throw new WordPressError(`${url}: ${reason}`, 0)
      }
      if (response.ok) return response
      // Not awaited: the body is not wanted, and a body-less answer may never settle its stream.
      void response.body?.cancel().catch(() => {})
      const error = new WordPressError(`${url}: HTTP ${response.status}`, response.status)
      // A 4xx other than 429 will not change on a second try.
      throw response.status === 429 || response.status >= 500 ? error : new AbortError(error)
    }
    return pRetry(once, {
      retries: attempts - 1,
      minTimeout: backoffMs,
      factor: 2,
      randomize: true,
      onFailedAttempt: ({ error, retriesLeft }) => {
        if (retriesLeft > 0) onRetry?.(`${error.message}; ${retriesLeft} more tries`)
      },
    })
  }

  async function get<T extends v.GenericSchema>(
    route: string,
    params: Record<string, string | number>,
    schema: T,
  ) {
    const url = new URL(`${siteUrl}/wp-json/${route.replace(/^\//, '')}`)
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value))
    const response = await request(url.href)
    let json: unknown
    try {
      json = await response.json()
    } catch {
      throw new WordPressError(`${url.href}: the answer is not JSON`, 0)
    }
    const result = v.safeParse(schema, json)
    if (!result.success) {
      const issue = result.issues[0]
      throw new WordPressError(
        `${url.href}: unexpected answer: ${v.getDotPath(issue) ?? '(root)'} ${issue.message}`,
        0,
      )
    }
    const totalPages = Number(response.headers.get('x-wp-totalpages') ?? '1') || 1
    const totalHeader = response.headers.get('x-wp-total')
    const total = totalHeader !== null && /^\d+$/.test(totalHeader) ? Number(totalHeader) : null
    return { body: result.output as v.InferOutput<T>, totalPages, total }
  }

  async function all<T extends v.GenericSchema>(
    route: string,
    params: Record<string, string | number>,
    schema: T,
  ) {
    const list = v.array(schema)
    const first = await get(route, { ...params, per_page: perPage, page: 1 }, list)
    const rest = await Promise.all(
      Array.from({ length: first.totalPages - 1 }, (_, i) =>
        get(route, { ...params, per_page: perPage, page: i + 2 }, list).then((r) => r.body),
      ),
    )
    return [first.body, ...rest].flat() as v.InferOutput<T>[]
  }

  async function download(url: string): Promise<Uint8Array> {
    const response = await request(url)
    return new Uint8Array(await response.arrayBuffer())
  }

  return { siteUrl, perPage, get, all, download }
}
