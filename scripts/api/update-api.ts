import { access, readFile } from 'node:fs/promises'
import path from 'node:path'
import type {
  Article,
  ListingChunk,
  ListingHead,
  RelatedStory,
  Summary,
} from '../../src/features/articles/api/schemas.ts'
import type { Site } from '../../src/features/site/api/schemas.ts'
import { textDirection, type LoadedSource, type SourceArticle } from './content.ts'
import { renderImage } from './images.ts'
import { shareCards } from './share-card.ts'
import type { Ledger, LedgerStory } from './ledger.ts'
import { storyKey } from './ledger.ts'
import { applyListingChange, chunksToRead, withLead, type ListingChange } from './listing-update.ts'
import { findRelated } from './related.ts'
import { frontText } from './front.ts'
import { SearchIndexBuilder } from './search-index.ts'
import { indexedStory, updateSearchIndex, type SearchChange } from './search-update.ts'
import { storyContext, writeStory } from './stories.ts'
import { updateSitemaps } from '../sitemaps/site-sitemaps.ts'
import { listingFeeds, listingRef, type FeedOptions } from '../feeds-out/listing-feeds.ts'
import type { Writer } from './writer.ts'

/**
 * A sync's changes applied to a built API without rebuilding it (issue 11): given the ledger
 * (scripts/api/ledger.ts), the live API (read for the few files a change needs) and the stories that
 * changed, the files to write and delete, the pages to prerender again, and the ledger afterwards.
 *
 * What it writes: each changed story's article file (with its related stories, scored against the ledger
 * as a build scores them), the article files of other stories whose related list names a story that went,
 * was renamed or shows something else now; every listing the story is or was in and their id indexes
 * (scripts/api/listing-update.ts), with the latest head's marked `lead` chosen again from the ledger's
 * marks; the search index (scripts/api/search-update.ts); site.json; the redirects. What it leaves as a
 * full build would not: other stories' related lists (a new story is not offered to the stories already
 * published), listing heads' versions and superseded chunk files, the search index's recent segment, and
 * after a withdrawal a gap in the ids (the next full build renumbers).
 *
 * A change it cannot apply (see `Fallback`) is not applied at all: the caller rebuilds the whole site.
 */

export interface UpdateInput {
  ledger: Ledger
  /** The live API folder (dist/api), read only. */
  apiDir: string
  /**
   * The source as it is now. Its `articles` need hold only the stories that changed or came new; its
   * taxonomy, site settings and redirects are the whole site's.
   */
  source: LoadedSource
  /** Keys (storyKey) of stories gone: withdrawn, trashed, unpublished, deleted. */
  removed: readonly string[]
  /** Where changed stories' images are rendered: a staging API folder, published with the files. */
  imagesDir: string
  imageCacheDir?: string
  /**
   * Also rewrite the feeds of every listing the change touches (scripts/feeds-out), for this site address:
   * they are files at the site's root, so their paths in `files` start with `../` (`../tags/x/feed.xml`).
   */
  feeds?: FeedOptions
}

export interface ApiUpdate {
  incremental: true
  /** Files to write, by path under the API root (the feeds', `../feed.xml`, at the site's root). */
  files: Map<string, string>
  /** Files to delete, paths under the API root. */
  deletes: string[]
  /** Pages to prerender again, and pages to remove (their paths: `/`, `/articles/x`). */
  pages: { render: string[]; remove: string[] }
  ledger: Ledger
  added: string[]
  updated: string[]
  removed: string[]
}

/** Why the change must be applied by a full build instead. */
export interface Fallback {
  incremental: false
  reason: string
}

type Facet = 'sections' | 'tags' | 'authors'

const listingsOf = (story: LedgerStory): string[] => [
  'lists/latest',
  `lists/sections/${story.section}`,
  ...story.tags.map((tag) => `lists/tags/${tag}`),
  `lists/authors/${story.author}`,
]

/** Whether `dir` (`lists/latest`, `lists/tags/x`…) lists the story: listingsOf without allocating. */
function inListing(story: LedgerStory, dir: string): boolean {
  if (dir === 'lists/latest') return true
  const [, facet, slug] = dir.split('/') as [string, Facet, string]
  if (facet === 'tags') return story.tags.includes(slug)
  return (facet === 'sections' ? story.section : story.author) === slug
}

/** Whether a story's entry in another story's related list would show something else. */
const relatedEntryChanged = (a: LedgerStory, b: LedgerStory) =>
  a.slug !== b.slug ||
  a.headline !== b.headline ||
  a.section !== b.section ||
  a.published !== b.published ||
  a.readingMinutes !== b.readingMinutes ||
  a.lang !== b.lang

/**
 * Works out the update, or says why only a full build can apply it. Reads only the files the change needs
 * (site.json, the changed stories' articles, the listings' heads and one or two chunks each, the search
 * files it folds, the related stories' articles); writes nothing to the live API.
 */
export async function updateApi(input: UpdateInput): Promise<ApiUpdate | Fallback> {
  const { ledger, apiDir, source } = input
  const overlay = new Map<string, string | null>()
  const read = async (file: string): Promise<string | null> => {
    if (overlay.has(file)) return overlay.get(file)!
    return readFile(path.join(apiDir, file), 'utf8').catch(() => null)
  }
  const readJson = async <T>(file: string): Promise<T> => {
    const text = await read(file)
    if (text === null) throw new Error(`${file}: not in the live API`)
    return JSON.parse(text) as T
  }
  const fallback = (reason: string): Fallback => ({ incremental: false, reason })

  // What a build would show differently everywhere: a full build.
  const site = await readJson<Site>('site.json')
  const taxonomy = source.taxonomy
  const sameTaxonomy =
    JSON.stringify(
      site.sections.map(({ slug, name, description }) => [slug, name, description]),
    ) ===
      JSON.stringify(
        taxonomy.sections.map(({ slug, name, description }) => [slug, name, description]),
      ) &&
    JSON.stringify(site.tags.map(({ slug, name }) => [slug, name])) ===
      JSON.stringify(taxonomy.tags.map(({ slug, name }) => [slug, name])) &&
    JSON.stringify(site.authors.map(({ slug, name, role, bio }) => [slug, name, role, bio])) ===
      JSON.stringify(taxonomy.authors.map(({ slug, name, role, bio }) => [slug, name, role, bio]))
  if (!sameTaxonomy) return fallback('the sections, tags or authors changed')
  if (
    site.name !== source.site.name ||
    site.description !== source.site.description ||
    site.pageSize !== source.site.pageSize ||
    ledger.pageSize !== source.site.pageSize
  )
    return fallback("the site's name, description or page size changed")

  const stories = ledger.stories.map((story) => (story ? { ...story } : null))
  const byKey = new Map<string, LedgerStory>()
  for (const story of stories) if (story) byKey.set(story.key, story)
  const before = new Map<number, LedgerStory>()
  for (const story of stories) if (story) before.set(story.id, { ...story })

  const removedIds = new Set<number>()
  for (const key of input.removed) {
    const story = byKey.get(key)
    if (!story) continue
    removedIds.add(story.id)
    stories[story.id] = null
    byKey.delete(key)
  }
  const updates: [LedgerStory, SourceArticle][] = []
  const additions: SourceArticle[] = []
  for (const article of source.articles) {
    const held = byKey.get(storyKey(article))
    if (held) updates.push([held, article])
    else additions.push(article)
  }
  // Ids follow publication order (then slug): an edit keeps its place only when its date keeps it there.
  const order = (a: { published: string; slug: string }, b: { published: string; slug: string }) =>
    a.published.localeCompare(b.published) || a.slug.localeCompare(b.slug)
  for (const [held, article] of updates) {
    const next = { published: article.published.toISOString(), slug: article.slug }
    const neighbour = (step: number) => {
      for (let id = held.id + step; id >= 0 && id < stories.length; id += step)
        if (stories[id]) return stories[id]!
      return null
    }
    const older = neighbour(-1)
    const newer = neighbour(1)
    if ((older && order(older, next) >= 0) || (newer && order(next, newer) >= 0))
      return fallback(`${article.slug} moved in publication order`)
  }
  additions.sort((a, b) => order(toOrder(a), toOrder(b)))
  let newest = stories.findLast((story) => story !== null) ?? null
  for (const article of additions) {
    if (newest && order(newest, toOrder(article)) >= 0)
      return fallback(`${article.slug} is dated before the newest story`)
    newest = { published: article.published.toISOString(), slug: article.slug } as LedgerStory
  }
  const slugs = new Set<string>()
  for (const story of stories) if (story) slugs.add(story.slug)
  for (const [held] of updates) slugs.delete(held.slug)
  for (const article of source.articles) {
    if (slugs.has(article.slug)) return fallback(`two stories would have the slug ${article.slug}`)
    slugs.add(article.slug)
  }
  const known = (facet: Facet, slug: string) => taxonomy[facet].some((entry) => entry.slug === slug)
  for (const article of source.articles) {
    if (
      !known('sections', article.section) ||
      !known('authors', article.author) ||
      !article.tags.every((tag) => known('tags', tag))
    )
      return fallback(`${article.slug} names a section, tag or author the site does not list`)
  }

  // The changed stories, converted and written as a build writes them (their related lists come below).
  const partial = new Map<string, string>()
  const writer = {
    json: (file: string, text: string) => void partial.set(file, text),
    append: () => undefined,
  } as unknown as Writer
  const ctx = storyContext(taxonomy, {
    slugs,
    image: (id) =>
      renderImage({ id, file: source.imageFile(id) }, input.imagesDir, {
        cacheDir: input.imageCacheDir,
      }),
    card: shareCards({
      outDir: input.imagesDir,
      siteName: source.site.name,
      cacheDir: input.imageCacheDir,
    }),
    validate: true,
    writer,
    searchIndex: new SearchIndexBuilder(),
    wordpress: source.bodies,
  })
  const articles = new Map<number, Article>()
  let nextId = stories.length
  const convert = async (article: SourceArticle, id: number) => {
    const written = await writeStory(ctx, article, id)
    const text = partial.get(`articles/${article.slug}.json`)!
    const converted = JSON.parse(`${text}}`) as Article
    articles.set(id, converted)
    const story: LedgerStory = {
      id,
      key: storyKey(article),
      slug: article.slug,
      wpId: before.get(id)?.wpId ?? wpIdOf(article),
      wpSlug:
        source.bodies?.slugs.find(([, wpId]) => wpId === wpIdOf(article))?.[0] ??
        before.get(id)?.wpSlug ??
        null,
      section: article.section,
      tags: [...article.tags],
      author: article.author,
      published: converted.published,
      updated: converted.updated,
      headline: converted.headline,
      readingMinutes: written.readingMinutes,
      lang: article.lang,
      featured: converted.featured === true,
      related: [],
    }
    stories[id] = story
  }
  for (const [held, article] of updates) await convert(article, held.id)
  for (const article of additions) await convert(article, nextId++)

  // Related lists: the changed stories', and those of stories whose list names one that went or changed.
  const present = stories.filter((story): story is LedgerStory => story !== null)
  const dense = new Map(present.map((story, index) => [story.id, index]))
  const relists = new Set<number>(articles.keys())
  for (const story of present) {
    if (relists.has(story.id)) continue
    const stale = story.related.some((other) => {
      if (removedIds.has(other)) return true
      const was = before.get(other)
      const now = stories[other]
      return (
        was !== undefined && now !== null && articles.has(other) && relatedEntryChanged(was, now!)
      )
    })
    if (stale) relists.add(story.id)
  }
  const lists = findRelated(present, { only: new Set([...relists].map((id) => dense.get(id)!)) })
  const sectionName = new Map(taxonomy.sections.map((s) => [s.slug, s.name]))
  const entry = (id: number): RelatedStory => {
    const story = stories[id]!
    return {
      slug: story.slug,
      headline: story.headline,
      section: { slug: story.section, name: sectionName.get(story.section)! },
      published: story.published,
      readingMinutes: story.readingMinutes,
      ...(story.lang ? { lang: story.lang, dir: textDirection(story.lang) } : {}),
    }
  }
  const files = new Map<string, string>()
  const deletes = new Set<string>()
  const put = (file: string, text: string) => {
    files.set(file, text)
    overlay.set(file, text)
    deletes.delete(file)
  }
  const drop = async (file: string) => {
    files.delete(file)
    overlay.set(file, null)
    // A file this update made and then gave up (a search segment folded away) was never published.
    if (
      await access(path.join(apiDir, file)).then(
        () => true,
        () => false,
      )
    )
      deletes.add(file)
  }
  const articleTexts = new Map<string, string>()
  for (const id of relists) {
    const story = stories[id]!
    story.related = lists[dense.get(id)!]!.map((index) => present[index]!.id)
    const related = JSON.stringify(story.related.map(entry))
    const text = articles.has(id)
      ? `${partial.get(`articles/${story.slug}.json`)!},"related":${related}}`
      : JSON.stringify({
          ...(await readJson<Article>(`articles/${story.slug}.json`)),
          related: JSON.parse(related) as RelatedStory[],
        })
    articleTexts.set(story.slug, text)
  }

  // The search index first reads the stories as they were: their terms say which postings to drop.
  const oldArticle = (id: number) => readJson<Article>(`articles/${before.get(id)!.slug}.json`)
  const searchChanges: SearchChange[] = []
  for (const id of removedIds)
    searchChanges.push({ type: 'remove', id, previous: indexedStory(await oldArticle(id)).terms })
  for (const [id, article] of articles) {
    searchChanges.push(
      before.has(id)
        ? {
            type: 'update',
            story: indexedStory(article),
            previous: indexedStory(await oldArticle(id)).terms,
          }
        : { type: 'add', story: indexedStory(article) },
    )
  }
  for (const change of searchChanges) {
    const update = await updateSearchIndex(read, change)
    for (const { path: file, text } of update.files) put(`${file}`, text)
    for (const file of update.deletes) await drop(file)
  }

  // Articles: the new texts, then the files of stories gone or renamed.
  for (const [slug, text] of articleTexts) put(`articles/${slug}.json`, text)
  for (const id of removedIds) await drop(`articles/${before.get(id)!.slug}.json`)
  for (const [id] of articles) {
    const was = before.get(id)
    if (was && was.slug !== stories[id]!.slug) await drop(`articles/${was.slug}.json`)
  }

  // Listings, one change at a time, each against the listing as the last change left it.
  const summaryOf = (id: number): Summary => toSummary(articles.get(id)!)
  const heads = { ...ledger.heads }
  const idsIn = (dir: string, list: readonly (LedgerStory | null)[]) => {
    const ids: number[] = []
    for (let id = list.length - 1; id >= 0; id--) {
      const story = list[id]
      if (story && inListing(story, dir)) ids.push(id)
    }
    return ids
  }
  // The ledger as each listing change leaves it: stories join, change and leave one at a time.
  const current: (LedgerStory | null)[] = ledger.stories.map((story) => story && { ...story })
  const applyTo = async (dir: string, change: ListingChange) => {
    const head = await readJson<ListingHead>(`${dir}/1.json`)
    if (head.version !== (heads[dir] ?? 0))
      throw new Error(
        `${dir}: the live head is version ${head.version}, the ledger says ${heads[dir] ?? 0}`,
      )
    const facet = dir.split('/')[1] as Facet | 'latest'
    const state = {
      dir,
      idsFile: facet === 'latest' ? undefined : `ids/${dir.slice('lists/'.length)}.json`,
      head,
      ids: idsIn(dir, current),
    }
    const chunks = new Map<string, ListingChunk>()
    for (const file of chunksToRead(state, change))
      chunks.set(file, await readJson<ListingChunk>(file))
    const applied = applyListingChange(state, change, chunks)
    for (const file of applied.files) put(file.path, file.text)
    heads[dir] = applied.state.head.version
  }
  // While a story's listings change, the ledger holds it as it was (listed where it was, not yet where
  // it goes); once they have all changed, as it is now.
  const touchedListings = new Set<string>()
  for (const id of removedIds) {
    for (const dir of listingsOf(before.get(id)!)) {
      await applyTo(dir, { type: 'remove', id })
      touchedListings.add(dir)
    }
    current[id] = null
  }
  for (const id of articles.keys()) {
    const was = before.get(id)
    const old = was ? listingsOf(was) : []
    const fresh = listingsOf(stories[id]!)
    current[id] = was ?? null
    for (const dir of old.filter((d) => !fresh.includes(d))) {
      await applyTo(dir, { type: 'remove', id })
      touchedListings.add(dir)
    }
    for (const dir of fresh) {
      const summary = summaryOf(id)
      await applyTo(dir, old.includes(dir) ? { type: 'edit', summary } : { type: 'add', summary })
      touchedListings.add(dir)
    }
    current[id] = stories[id]!
  }

  // The latest head's lead (docs/api.md): the newest marked story when its first page does not hold it.
  // Its summary is the one this sync made, the one the head carries already, or its article file's.
  const latestHead = await readJson<ListingHead>('lists/latest/1.json')
  const leadId = stories.findLastIndex((story) => story?.featured === true)
  let lead: Summary | undefined
  if (leadId >= 0 && !latestHead.items.some((story) => story.id === leadId)) {
    lead = articles.has(leadId)
      ? summaryOf(leadId)
      : latestHead.lead?.id === leadId
        ? latestHead.lead
        : toSummary(await readJson<Article>(`articles/${stories[leadId]!.slug}.json`))
  }
  const ledHead = JSON.stringify(withLead(latestHead, lead))
  if (ledHead !== (await read('lists/latest/1.json'))) put('lists/latest/1.json', ledHead)

  // site.json: counts and the newest change.
  // One pass over the stories, not one per section, tag and author.
  const counts = new Map<string, number>()
  const tally = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)
  for (const story of present) {
    tally(`sections/${story.section}`)
    tally(`authors/${story.author}`)
    for (const tag of story.tags) tally(`tags/${tag}`)
  }
  const count = (facet: Facet, slug: string) => counts.get(`${facet}/${slug}`) ?? 0
  let newestChange = 0
  for (const story of present)
    newestChange = Math.max(newestChange, Date.parse(story.updated ?? story.published))
  const nextSite: Site = {
    name: site.name,
    description: site.description,
    pageSize: site.pageSize,
    totalArticles: present.length,
    generatedAt: new Date(newestChange).toISOString(),
    sections: taxonomy.sections.map((s) => ({ ...s, count: count('sections', s.slug) })),
    tags: taxonomy.tags.map((t) => ({ ...t, count: count('tags', t.slug) })),
    authors: taxonomy.authors.map((a) => ({ ...a, count: count('authors', a.slug) })),
  }
  put('site.json', JSON.stringify(nextSite))

  // front.json: each section's newest stories that home does not show above them, from the heads as the
  // change left them.
  const firstPages = new Map<string, Summary[]>()
  for (const { slug } of taxonomy.sections)
    firstPages.set(slug, (await readJson<ListingHead>(`lists/sections/${slug}/1.json`)).items)
  const front = frontText(
    taxonomy.sections,
    (slug) => firstPages.get(slug)!,
    latestHead.items,
    lead,
  )
  if (front !== (await read('front.json'))) put('front.json', front)

  // The feeds of the listings the change touched, before and after it, from the API as it now reads.
  if (input.feeds) {
    const refs = [...touchedListings].map(listingRef)
    for (const [file, text] of await listingFeeds(read, refs, input.feeds)) put(`../${file}`, text)
  }

  // Redirects: each old slug answers with its story's file, as the build copies it.
  const oldRedirects = JSON.parse((await read('redirects.json')) ?? '{}') as Record<string, string>
  const newRedirects = Object.fromEntries(source.redirects.map(({ from, to }) => [from, to]))
  for (const [from, to] of Object.entries(newRedirects)) {
    const text = files.get(`articles/${to}.json`)
    if (oldRedirects[from] !== to || text !== undefined)
      put(`articles/${from}.json`, text ?? (await read(`articles/${to}.json`))!)
  }
  for (const from of Object.keys(oldRedirects))
    if (!(from in newRedirects) && !slugs.has(from)) await drop(`articles/${from}.json`)
  if (JSON.stringify(oldRedirects) !== JSON.stringify(newRedirects)) {
    if (source.redirects.length) put('redirects.json', JSON.stringify(newRedirects))
    else await drop('redirects.json')
  }

  const render = new Set<string>(['/'])
  // The changed stories, and the stories whose related list changed: their pages show it.
  for (const id of relists) render.add(`/articles/${stories[id]!.slug}`)
  for (const dir of touchedListings)
    if (dir !== 'lists/latest') render.add(`/${dir.slice('lists/'.length)}`)
  const removedPages = [...removedIds].map((id) => `/articles/${before.get(id)!.slug}`)
  for (const id of articles.keys()) {
    const was = before.get(id)
    if (was && was.slug !== stories[id]!.slug) render.add(`/articles/${was.slug}`)
  }
  for (const from of Object.keys(newRedirects))
    if (!(from in oldRedirects)) render.add(`/articles/${from}`)

  // The sitemaps the change touches (scripts/sitemaps/): at the site's root, so `../…` in `files`.
  const sitemaps = await updateSitemaps({
    liveDir: path.dirname(apiDir),
    before: ledger.stories,
    after: stories,
    site: nextSite,
  })
  for (const [file, text] of sitemaps.files) put(`../${file}`, text)
  for (const file of sitemaps.deletes) await drop(`../${file}`)

  return {
    incremental: true,
    files,
    deletes: [...deletes],
    pages: { render: [...render], remove: removedPages },
    ledger: { ...ledger, stories, heads },
    added: additions.map((a) => a.slug),
    updated: updates.map(([, a]) => a.slug),
    removed: [...removedIds].map((id) => before.get(id)!.slug),
  }
}

function toOrder(article: SourceArticle) {
  return { published: article.published.toISOString(), slug: article.slug }
}

function wpIdOf(source: SourceArticle): number | null {
  return source.format === 'wordpress' ? Number(path.basename(source.file, '.json')) : null
}

/** A story's entry in its listings: the article without its body, hero and related stories. */
function toSummary({
  hero: _hero,
  previews: _previews,
  body: _body,
  related: _related,
  ...summary
}: Article & { related?: unknown }): Summary {
  return summary
}
