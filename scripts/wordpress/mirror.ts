import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as v from 'valibot'
import {
  MediaSchema,
  POST_EMBED,
  POST_FIELDS,
  PostSchema,
  PostStampSchema,
  SiteIndexSchema,
  STAMP_FIELDS,
  TermSchema,
  UserSchema,
  WordPressError,
  type Media,
  type Post,
  type PostStamp,
  type WordPressClient,
} from './rest.ts'

/**
 * A copy of what a WordPress site publishes, on disk: the source the API build reads, as content/ is for
 * Markdown (docs/decisions/018-sources.md). Pulling brings it up to date and fetches only what changed,
 * so a build that was interrupted starts again where it stopped, and a sync costs a list of stamps and the
 * posts that changed.
 *
 *   site.json                 /wp-json/: name, description
 *   categories.json tags.json every term
 *   users.json                the authors, or null when the site blocks /users
 *   posts/<id>.json           each published post as the REST API gives it, with `_embedded.author`
 *   media/<id>.json, <id>.*   each image a post uses (featured or in its body): metadata and the file
 *   renames.json              slugs posts had before they were renamed, for redirects
 *   published.json            the fingerprint of the copy last built into the live folder
 *   stamps.json               the last complete list of published posts; written last, so a pull that
 *                             stopped half-way leaves the previous one standing
 */

export interface PullResult {
  added: number[]
  updated: number[]
  removed: number[]
  /** Images whose details or file changed (or came new). */
  media: number
  /** Their attachment ids: a sync applies a change incrementally only when no other story shows them. */
  mediaIds: number[]
  requests: number
  /** Why every published post was listed, or null for a quick pull (only what changed). */
  fullList: string | null
}

/** The body's images: attachment ids from `wp-image-<id>` classes. */
export function mediaInContent(html: string): number[] {
  const ids = new Set<number>()
  for (const match of html.matchAll(/\bwp-image-(\d+)\b/g)) ids.add(Number(match[1]))
  return [...ids]
}

export interface PullOptions {
  /** List every published post, whatever the last pull was (`npm run sync -- --full`). */
  full?: boolean
  /**
   * How long a quick pull may stand in for the full list (default 60 minutes): a new featured image or
   * a post moved between terms in a way their counts do not show changes no `modified` time, and only
   * the full list of posts sees it.
   */
  fullEveryMinutes?: number
  now?: () => Date
}

/** What the last complete pull knew beyond the posts: pull-state.json. */
const PullStateSchema = v.object({
  /** When the last pull started, and the last one that listed every post. */
  at: v.string(),
  fullAt: v.string(),
  /** Each term's count of published posts, as WordPress gave it then. */
  counts: v.record(v.string(), v.number()),
})
type PullState = v.InferOutput<typeof PullStateSchema>

/** A quick pull found something only the full list explains. */
class NeedsFullList extends Error {}

/** Overlap of each quick pull with the last: clocks differ, and an edit may land while a pull runs. */
const OVERLAP_MS = 10 * 60_000

export async function pull(
  client: WordPressClient,
  dir: string,
  options: PullOptions = {},
): Promise<PullResult> {
  const now = options.now ?? (() => new Date())
  const startedAt = now()
  let requests = 0
  const counted = <T>(promise: Promise<T>) => {
    requests++
    return promise
  }
  await mkdir(path.join(dir, 'posts'), { recursive: true })
  await mkdir(path.join(dir, 'media'), { recursive: true })

  const site = await counted(client.get('', {}, SiteIndexSchema))
  await writeJson(dir, 'site.json', site.body)
  const [categories, tags] = await Promise.all([
    client.all('wp/v2/categories', { _fields: 'id,name,slug,description,count' }, TermSchema),
    client.all('wp/v2/tags', { _fields: 'id,name,slug,description,count' }, TermSchema),
  ])
  requests +=
    Math.ceil(categories.length / client.perPage) + Math.ceil(tags.length / client.perPage)
  await writeJson(dir, 'categories.json', categories)
  await writeJson(dir, 'tags.json', tags)
  const users = await counted(
    client.all('wp/v2/users', { _fields: 'id,name,slug,description' }, UserSchema),
  ).catch((error: unknown) => {
    // Security plugins often block /users: the posts' embedded authors are used instead.
    if (error instanceof WordPressError && error.status >= 400 && error.status < 500) return null
    throw error
  })
  await writeJson(dir, 'users.json', users)
  const counts = Object.fromEntries([
    ...categories.map((term) => [`c${term.id}`, term.count ?? 0] as const),
    ...tags.map((term) => [`t${term.id}`, term.count ?? 0] as const),
  ])

  // The stamps of the posts held, as the last complete pull wrote them: comparing against these, not the
  // posts themselves, spares reading every post (100,000 files) on each sync.
  const previousList = await readStamps(dir).catch(() => null)
  const previous = new Map((previousList ?? []).map((s) => [s.id, s]))
  const state = await readJson(dir, 'pull-state.json', PullStateSchema).catch(() => null)
  const fullEvery = (options.fullEveryMinutes ?? 60) * 60_000
  let listing: Listing | null = null
  let why = options.full
    ? 'asked for'
    : !previousList || !state
      ? 'the first pull'
      : startedAt.getTime() - new Date(state.fullAt).getTime() >= fullEvery
        ? `the last full list is over ${fullEvery / 60_000} minutes old`
        : null
  if (!why) {
    try {
      listing = await quickListing(client, previous, state!, counts, site.body.gmt_offset, (n) => {
        requests += n
      })
    } catch (error) {
      if (!(error instanceof NeedsFullList)) throw error
      why = error.message
    }
  }
  if (!listing) {
    const stamps = await client.all(
      'wp/v2/posts',
      { _fields: STAMP_FIELDS, orderby: 'id', order: 'asc' },
      PostStampSchema,
    )
    requests += Math.max(1, Math.ceil(stamps.length / client.perPage))
    const local = await localPostIds(dir)
    const wanted = new Set(stamps.map((s) => s.id))
    listing = { stamps, local, removed: [...local].filter((id) => !wanted.has(id)) }
  }

  const { stamps, local, removed } = listing
  const changed: number[] = []
  const added: number[] = []
  const renames = await readRenames(dir)
  for (const stamp of stamps) {
    const held = local.has(stamp.id)
      ? (previous.get(stamp.id) ?? (await readPost(dir, stamp.id).catch(() => null)))
      : null
    if (!held) added.push(stamp.id)
    else if (!sameStamp(held, stamp)) changed.push(stamp.id)
    // A renamed post: its old address must keep taking readers to it.
    if (
      held &&
      held.slug !== stamp.slug &&
      !renames.some((r) => r.id === held.id && r.slug === held.slug)
    )
      renames.push({ id: held.id, slug: held.slug })
  }
  await writeJson(dir, 'renames.json', renames)

  const toFetch = [...added, ...changed]
  const fetched = new Set<number>()
  await allSettled(
    chunk(toFetch, client.perPage).map(async (ids) => {
      requests++
      const { body } = await client.get(
        'wp/v2/posts',
        { include: ids.join(','), per_page: ids.length, _fields: POST_FIELDS, _embed: POST_EMBED },
        v.array(PostSchema),
      )
      for (const post of body) {
        await writeJson(dir, `posts/${post.id}.json`, post)
        fetched.add(post.id)
      }
      // A post that went between the stamp list and now (unpublished, deleted) is not written: the next
      // pull sees it gone.
    }),
  )
  for (const id of removed) await rm(path.join(dir, `posts/${id}.json`), { force: true })

  // Images: every one a post uses, fetched when new; metadata refreshed when WordPress changed it since
  // the last pull (a caption edit changes the attachment, not the post). A quick pull looks only at the
  // posts it listed: the others' images were fetched when they were.
  const mediaIds = await pullMedia(
    client,
    dir,
    { stamps, fetchedPosts: toFetch, gmtOffset: site.body.gmt_offset },
    (n) => (requests += n),
  )
  // A post asked for but not given (it went in between) keeps the stamp of the copy held, if any: the
  // next pull compares against what is on disk.
  const missed = new Set(toFetch.filter((id) => !fetched.has(id)))
  const keep = (stamp: PostStamp): PostStamp[] => {
    if (!missed.has(stamp.id)) return [stamp]
    const held = previous.get(stamp.id)
    return held && local.has(stamp.id) ? [held] : []
  }
  const gone = new Set(removed)
  const next = why
    ? stamps.flatMap(keep)
    : (() => {
        // The quick list holds only what changed: the rest of the held list stands.
        const merged = new Map(previous)
        for (const id of gone) merged.delete(id)
        for (const stamp of stamps) {
          merged.delete(stamp.id)
          for (const kept of keep(stamp)) merged.set(kept.id, kept)
        }
        return [...merged.values()].sort((a, b) => a.id - b.id)
      })()
  await writeJson(dir, 'stamps.json', next)
  await writeJson(dir, 'pull-state.json', {
    at: startedAt.toISOString(),
    fullAt: why ? startedAt.toISOString() : state!.fullAt,
    counts,
  } satisfies PullState)
  const updated = changed.filter((id) => !added.includes(id))
  return {
    added,
    updated,
    removed,
    media: mediaIds.length,
    mediaIds,
    requests,
    fullList: why,
  }
}

/** The posts a pull looks at: their stamps now, the posts held, and those no longer published. */
interface Listing {
  stamps: PostStamp[]
  local: Set<number>
  removed: number[]
}

/**
 * What changed since the last pull, without listing every post (docs/decisions/023-quick-pull.md):
 * - posts modified since then (new and edited ones, renamed ones) and the newest page (a scheduled post
 *   going live keeps the `modified` it was scheduled with);
 * - posts gone (trashed, unpublished, deleted): when WordPress counts fewer published posts than the copy
 *   holds, found by bisecting the list of ids for where it first differs (about log2(posts ÷ page)
 *   requests a post);
 * - posts moved between sections or tags without a new `modified`: a term whose count WordPress changed
 *   and that no longer matches the copy has its posts listed again.
 * Anything else that does not add up (more posts than known, a term too big to list) throws NeedsFullList.
 */
async function quickListing(
  client: WordPressClient,
  previous: Map<number, PostStamp>,
  state: PullState,
  counts: Record<string, number>,
  gmtOffset: number | undefined,
  count: (requests: number) => void,
): Promise<Listing> {
  const since = new Date(new Date(state.at).getTime() - OVERLAP_MS)
  const found = new Map<number, PostStamp>()
  const [modified, newest] = await Promise.all([
    client.all(
      'wp/v2/posts',
      {
        _fields: STAMP_FIELDS,
        modified_after: siteTime(since, gmtOffset),
        orderby: 'modified',
        order: 'desc',
      },
      PostStampSchema,
    ),
    client.get(
      'wp/v2/posts',
      { _fields: STAMP_FIELDS, orderby: 'date', order: 'desc', per_page: client.perPage },
      v.array(PostStampSchema),
    ),
  ])
  count(Math.max(1, Math.ceil(modified.length / client.perPage)) + 1)
  for (const stamp of [...modified, ...newest.body]) found.set(stamp.id, stamp)
  if (newest.total === null) throw new NeedsFullList('WordPress did not say how many posts it has')

  const known = [...new Set([...previous.keys(), ...found.keys()])].sort((a, b) => a - b)
  if (newest.total > known.length)
    throw new NeedsFullList('WordPress has published posts this pull did not see come')
  const removed =
    newest.total < known.length ? await findGone(client, known, newest.total, count) : []

  // Terms whose posts changed without a new `modified`.
  const gone = new Set(removed)
  const held = new Map<string, number>()
  const members = new Map<string, number[]>()
  const current = new Map(previous)
  for (const stamp of found.values()) current.set(stamp.id, stamp)
  for (const stamp of current.values()) {
    if (gone.has(stamp.id)) continue
    const keys = [...stamp.categories.map((id) => `c${id}`), ...stamp.tags.map((id) => `t${id}`)]
    for (const key of keys) {
      held.set(key, (held.get(key) ?? 0) + 1)
      if (!members.has(key)) members.set(key, [])
      members.get(key)!.push(stamp.id)
    }
  }
  const moved = Object.entries(counts).filter(
    ([key, n]) => n !== (held.get(key) ?? 0) && n !== state.counts[key],
  )
  const pages = moved.reduce((sum, [, n]) => sum + Math.max(1, Math.ceil(n / client.perPage)), 0)
  if (pages > 20)
    throw new NeedsFullList(`${moved.length} sections or tags changed more posts than it can list`)
  const lists = await Promise.all(
    moved.map(([key]) =>
      client.all(
        'wp/v2/posts',
        { _fields: STAMP_FIELDS, [key[0] === 'c' ? 'categories' : 'tags']: key.slice(1) },
        PostStampSchema,
      ),
    ),
  )
  count(pages)
  const listed = new Set<number>()
  for (const stamp of lists.flat()) {
    found.set(stamp.id, stamp)
    listed.add(stamp.id)
  }
  // A post the copy has in such a term that WordPress no longer lists there left it: its stamp again.
  const left = moved
    .flatMap(([key]) => members.get(key) ?? [])
    .filter((id) => !listed.has(id) && !found.has(id))
  for (const ids of chunk([...new Set(left)], client.perPage)) {
    count(1)
    const { body } = await client.get(
      'wp/v2/posts',
      { _fields: STAMP_FIELDS, include: ids.join(','), per_page: ids.length },
      v.array(PostStampSchema),
    )
    for (const stamp of body) found.set(stamp.id, stamp)
  }
  return { stamps: [...found.values()], local: new Set(previous.keys()), removed }
}

/**
 * The ids of `known` (sorted) that WordPress no longer publishes, when it publishes `total` of them:
 * the list of published ids, in order, matches `known` with the gone ones taken out, so the id at
 * position p tells how many of `known` went before it. Bisecting on that finds each gone post in a few
 * one-id requests, then one page around it.
 */
async function findGone(
  client: WordPressClient,
  known: number[],
  total: number,
  count: (requests: number) => void,
): Promise<number[]> {
  const index = new Map(known.map((id, i) => [id, i]))
  const ids = async (offset: number, n: number) => {
    count(1)
    const { body } = await client.get(
      'wp/v2/posts',
      { _fields: 'id', orderby: 'id', order: 'asc', per_page: n, offset },
      v.array(v.object({ id: v.number() })),
    )
    return body.map(({ id }) => id)
  }
  /** How many of `known` went before the post at position p. */
  const before = async (p: number) => {
    const [id] = await ids(p, 1)
    const i = id === undefined ? undefined : index.get(id)
    if (i === undefined || i < p)
      throw new NeedsFullList('the list of posts changed during the pull')
    return i - p
  }
  // Between positions lo and hi (exclusive), whose counts are dLo and dHi.
  const search = async (lo: number, dLo: number, hi: number, dHi: number): Promise<number[]> => {
    if (dLo === dHi) return []
    const between = known.slice(lo + dLo + 1, hi + dHi)
    if (hi - lo - 1 <= client.perPage) {
      const page = hi - lo - 1 > 0 ? await ids(lo + 1, hi - lo - 1) : []
      const present = new Set(page)
      if (page.some((id) => !between.includes(id)))
        throw new NeedsFullList('the list of posts changed during the pull')
      return between.filter((id) => !present.has(id))
    }
    const mid = Math.floor((lo + hi) / 2)
    const dMid = await before(mid)
    const [left, right] = await Promise.all([
      search(lo, dLo, mid, dMid),
      search(mid, dMid, hi, dHi),
    ])
    return [...left, ...right]
  }
  const gone = await search(-1, 0, total, known.length - total)
  if (gone.length !== known.length - total)
    throw new NeedsFullList('the list of posts changed during the pull')
  return gone
}

/** `date` as the site's own clock shows it, without a zone: how WordPress reads `modified_after`. */
function siteTime(date: Date, gmtOffset: number | undefined): string {
  // Without the site's offset, a day earlier covers every zone there is.
  const shifted =
    gmtOffset === undefined || !Number.isFinite(gmtOffset)
      ? new Date(date.getTime() - 26 * 3_600_000)
      : new Date(date.getTime() + gmtOffset * 3_600_000)
  return shifted.toISOString().slice(0, 19)
}

async function pullMedia(
  client: WordPressClient,
  dir: string,
  {
    stamps,
    fetchedPosts,
    gmtOffset,
  }: { stamps: PostStamp[]; fetchedPosts: readonly number[]; gmtOffset: number | undefined },
  count: (requests: number) => void,
): Promise<number[]> {
  const needed = new Set<number>()
  for (const stamp of stamps) if (stamp.featured_media) needed.add(stamp.featured_media)
  // A body's images: read from the posts this pull fetched; the others' were fetched when they were,
  // and are held (media/<id>.json), so a change WordPress reports for them (below) is fetched again.
  for (const id of fetchedPosts) {
    const post = await readPost(dir, id).catch(() => null)
    if (post) for (const media of mediaInContent(post.content.rendered)) needed.add(media)
  }
  const previous = await readJson(dir, 'media-pull.json', v.object({ at: v.string() })).catch(
    () => null,
  )
  const startedAt = new Date()
  const stale = new Set<number>()
  if (previous) {
    const since = new Date(new Date(previous.at).getTime() - OVERLAP_MS)
    const changed = await client.all(
      'wp/v2/media',
      { modified_after: siteTime(since, gmtOffset), _fields: 'id' },
      v.object({ id: v.number() }),
    )
    count(1)
    for (const { id } of changed) stale.add(id)
  }
  for (const id of stale) if (existsSync(path.join(dir, `media/${id}.json`))) needed.add(id)
  const fetch = [...needed].filter(
    (id) => stale.has(id) || !existsSync(path.join(dir, `media/${id}.json`)),
  )
  const fetched: number[] = []
  await allSettled(
    chunk(fetch, client.perPage).map(async (ids) => {
      count(1)
      const { body } = await client.get(
        'wp/v2/media',
        { include: ids.join(','), per_page: ids.length },
        v.array(MediaSchema),
      )
      for (const media of body) {
        const held = await readMedia(dir, media.id).catch(() => null)
        const file = mediaFile(dir, media)
        let changed = JSON.stringify(held) !== JSON.stringify(media)
        if (!held || held.source_url !== media.source_url || !existsSync(file)) {
          count(1)
          await writeAtomic(file, await client.download(media.source_url))
          changed = true
        }
        if (!changed) continue
        await writeJson(dir, `media/${media.id}.json`, media)
        fetched.push(media.id)
      }
    }),
  )
  await writeJson(dir, 'media-pull.json', { at: startedAt.toISOString() })
  return fetched
}

/** Where an image's file is kept: media/<id> with the extension of its URL. */
export function mediaFile(dir: string, media: Pick<Media, 'id' | 'source_url'>): string {
  const ext = /\.(jpe?g|png|webp|gif|svg|avif)$/i.exec(new URL(media.source_url).pathname)?.[1]
  return path.join(dir, 'media', `${media.id}.${(ext ?? 'bin').toLowerCase()}`)
}

function sameStamp(post: PostStamp, stamp: PostStamp): boolean {
  return (
    post.modified_gmt === stamp.modified_gmt &&
    post.slug === stamp.slug &&
    post.featured_media === stamp.featured_media &&
    post.sticky === stamp.sticky &&
    sameIds(post.categories, stamp.categories) &&
    sameIds(post.tags, stamp.tags)
  )
}

function sameIds(a: readonly number[], b: readonly number[]) {
  return a.length === b.length && a.every((id, i) => id === b[i])
}

async function localPostIds(dir: string): Promise<Set<number>> {
  const names = await readdir(path.join(dir, 'posts')).catch(() => [] as string[])
  return new Set(
    names.filter((name) => /^\d+\.json$/.test(name)).map((name) => Number(name.slice(0, -5))),
  )
}

export function readPost(dir: string, id: number): Promise<Post> {
  return readJson(dir, `posts/${id}.json`, PostSchema)
}

export function readMedia(dir: string, id: number): Promise<Media> {
  return readJson(dir, `media/${id}.json`, MediaSchema)
}

const RenamesSchema = v.array(v.object({ id: v.number(), slug: v.string() }))

/** Every slug a post had before its present one, with the post's id: the addresses to redirect. */
export function readRenames(dir: string): Promise<{ id: number; slug: string }[]> {
  return readJson(dir, 'renames.json', RenamesSchema).catch(() => [])
}

/**
 * The copy's list of stamps: the pull's own file, written whole, so only its shape is checked (the whole
 * schema over 100,000 stamps costs more than the rest of a quiet pull's own work).
 */
export async function readStamps(dir: string): Promise<PostStamp[]> {
  const list = JSON.parse(await readFile(path.join(dir, 'stamps.json'), 'utf8')) as unknown
  if (!Array.isArray(list)) throw new Error('stamps.json is not a list')
  if (list.length) v.parse(PostStampSchema, list[0])
  return list as PostStamp[]
}

export async function readJson<T extends v.GenericSchema>(
  dir: string,
  name: string,
  schema: T,
): Promise<v.InferOutput<T>> {
  return v.parse(schema, JSON.parse(await readFile(path.join(dir, name), 'utf8')))
}

async function writeJson(dir: string, name: string, value: unknown) {
  await writeAtomic(path.join(dir, name), JSON.stringify(value))
}

/** Writes a file whole or not at all: a temp name beside it, then a rename. */
async function writeAtomic(file: string, data: string | Uint8Array) {
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, data)
  await rename(temp, file)
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Waits for every one, then throws the first failure: a pull never returns while writes it started are
 * still going on (the next pull, or the build, would race them).
 */
async function allSettled(promises: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(promises)
  const failed = results.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
}

/**
 * What the copy holds that a page shows, beyond the posts the pull reports: the site's name, the names
 * of sections, tags and authors, the list of posts and the images' details.
 */
export async function fingerprintOf(dir: string): Promise<string> {
  const hash = createHash('sha1')
  for (const name of ['site.json', 'categories.json', 'tags.json', 'users.json', 'stamps.json'])
    hash.update(await readFile(path.join(dir, name)).catch(() => Buffer.alloc(0)))
  return hash.digest('hex')
}

/** What was last built from the copy into a folder readers are served, and its fingerprint then. */
export interface Published {
  fingerprint: string
  live: string
}

export function readPublished(dir: string): Promise<Published | null> {
  return readJson(
    dir,
    'published.json',
    v.object({ fingerprint: v.string(), live: v.string() }),
  ).catch(() => null)
}

export async function writePublished(dir: string, published: Published): Promise<void> {
  await writeJson(dir, 'published.json', published)
}
