import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { http, HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import type { ListingRef } from '@/config/paths'
import { getFilteredPage, getListingPage } from '@/features/articles/api/fetch-listing'
import type { Article, ListingHead, Summary } from '@/features/articles/api/schemas'
import { search, type SearchFiles } from '@/features/search/lib/engine'
import type { Site } from '@/features/site/api/schemas'
import { buildApi } from '../../../scripts/api/build-api.ts'
import { loadContentFolder, type LoadedSource } from '../../../scripts/api/content.ts'
import { ledgerFromBuild, storyKey } from '../../../scripts/api/ledger.ts'
import { updateApi, type ApiUpdate } from '../../../scripts/api/update-api.ts'
import { apiRoute } from '../../mocks/handlers'
import { server } from '../../mocks/server'
import { articleSource, tempDir } from '../../utils/content-dir'

/** The demo newsroom (content/): 63 stories; laid out 3 a page, so listings have heads and many chunks. */
const DEMO_CONTENT = path.resolve(import.meta.dirname, '../../../content')
const PAGE_SIZE = 3

/**
 * The incremental sync's API update (scripts/api/update-api.ts) against a full build: one sync adds a
 * story, edits one, withdraws one, renames one and re-categorises one; the updated site then reads as a
 * site built from scratch from the same content does: every article (ids aside: a withdrawal leaves a
 * gap the next full build closes), every page of every listing through the app's fetchers, search
 * results, site.json and redirects; and the related lists it writes are the build's.
 */

const omitId = <T extends { id: number }>({ id: _id, ...rest }: T) => rest

const readJson = async <T>(dir: string, file: string) =>
  JSON.parse(await readFile(path.join(dir, file), 'utf8')) as T

/** Serves the API folder `dir` to the app's fetchers. */
function serve(dir: string) {
  server.use(
    http.get(apiRoute('*'), async ({ request }) => {
      const file = new URL(request.url).pathname.replace(/^.*?\/api\//, '')
      const text = await readFile(path.join(dir, file), 'utf8').catch(() => null)
      return text === null
        ? HttpResponse.json({ error: 'not_found' }, { status: 404 })
        : HttpResponse.json(JSON.parse(text) as object)
    }),
  )
}

/** Every page of every listing, and its first page through the filter, as a reader gets them. */
async function listings(dir: string): Promise<Record<string, Omit<Summary, 'id'>[][]>> {
  serve(dir)
  const site = await readJson<Site>(dir, 'site.json')
  const refs: ListingRef[] = [
    { kind: 'latest' },
    ...(['sections', 'tags', 'authors'] as const).flatMap((kind) =>
      site[kind].map(({ slug }) => ({ kind, slug })),
    ),
  ]
  const pages: Record<string, Omit<Summary, 'id'>[][]> = {}
  for (const ref of refs) {
    const name = ref.kind === 'latest' ? 'latest' : `${ref.kind}/${ref.slug}`
    const first = await getListingPage(ref, 1)
    const all = [first]
    for (let n = 2; n <= first.pageCount; n++) all.push(await getListingPage(ref, n))
    pages[name] = all.map((page) => page.items.map(omitId))
    if (ref.kind === 'tags')
      pages[`${name} filtered`] = [(await getFilteredPage(ref, [ref.slug], 1)).items.map(omitId)]
  }
  return pages
}

/** The app's search engine over an API folder. */
function engineOver(dir: string): SearchFiles {
  return {
    manifest: () => readJson(dir, 'search/manifest.json'),
    shard: (key) => readJson(dir, `search/terms/${key}.json`),
    docs: (chunk) => readJson(dir, `search/docs/${chunk}.json`),
    recent: () => readJson(dir, 'search/recent.json'),
    ids: () => Promise.resolve([]),
  }
}

async function searchSlugs(dir: string, q: string) {
  const found = await search(engineOver(dir), { q, limit: 1000 })
  return { total: found.total, slugs: found.hits.map((hit) => hit.doc.slug) }
}

/** Applies an update to a copy of the site, as publishing it would. */
async function applyTo(dir: string, update: ApiUpdate, imagesDir: string) {
  await cp(imagesDir, dir, { recursive: true })
  for (const [file, text] of update.files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
    await writeFile(path.join(dir, file), text)
  }
  for (const file of update.deletes) await rm(path.join(dir, file))
}

/** Slugs no story's body links to: withdrawing or renaming them breaks no link. */
async function unlinked(contentDir: string, source: LoadedSource): Promise<string[]> {
  const bodies = await Promise.all(source.articles.map((a) => readFile(a.file, 'utf8')))
  return source.articles
    .map((a) => a.slug)
    .filter((slug) => !bodies.some((body) => body.includes(`/articles/${slug}`)))
}

type Change = 'add' | 'edit' | 'withdraw' | 'rename' | 'move'

/**
 * Builds the demo newsroom, makes `changes` to its content, applies them with updateApi to a copy of the
 * built API and builds the changed content from scratch; checks the two read the same, and returns the
 * update.
 */
async function syncAgainstRebuild(changes: ReadonlySet<Change>): Promise<ApiUpdate> {
  const content = await tempDir('update-content')
  await cp(DEMO_CONTENT, content, { recursive: true })
  const base = await loadContentFolder(content)
  base.site.pageSize = PAGE_SIZE
  const live = await tempDir('update-live')
  await buildApi({ source: base, outDir: live, validate: true })
  const ledger = await ledgerFromBuild(live, base.articles)

  // The stories the sync changes, from those nothing links to.
  const free = await unlinked(content, base)
  const [edited, moved, renamed, withdrawn] = [10, 20, 30, 40].map((n) =>
    base.articles.find((a, id) => id >= n && free.includes(a.slug))!,
  )
  const { sections, tags, authors } = base.taxonomy
  const changedKeys = new Set<string>()
  if (changes.has('edit')) {
    const text = await readFile(edited!.file, 'utf8')
    await writeFile(
      edited!.file,
      text.replace(/^title: .*$/m, 'title: Corrected headline about quokkas') +
        '\nA correction mentions zebraquartz twice: zebraquartz.\n',
    )
    changedKeys.add(storyKey(edited!))
  }
  if (changes.has('add')) {
    await writeFile(
      path.join(content, 'articles/zz-new-story.md'),
      articleSource(
        {
          title: 'A new story about quokkas',
          summary: 'Quokkas, newly.',
          section: sections[1]!.slug,
          author: authors[0]!.slug,
          tags: `[${tags[0]!.slug}, ${tags[2]!.slug}]`,
          published: '2031-01-01T08:00:00Z',
        },
        'Quokkas everywhere. The zebraquartz is not one.',
      ),
    )
    changedKeys.add('zz-new-story.md')
  }
  const next = await loadContentFolder(content)
  next.site.pageSize = PAGE_SIZE
  const find = (slug: string) => next.articles.find((a) => a.slug === slug)!
  if (changes.has('move')) {
    const now = find(moved!.slug)
    now.section = sections.find((s) => s.slug !== moved!.section)!.slug
    now.tags = [tags.find((t) => !moved!.tags.includes(t.slug))!.slug]
    changedKeys.add(storyKey(moved!))
  }
  if (changes.has('rename')) {
    find(renamed!.slug).slug = `${renamed!.slug}-renamed`
    next.redirects = [{ from: renamed!.slug, to: `${renamed!.slug}-renamed` }]
    changedKeys.add(storyKey(renamed!))
  }
  if (changes.has('withdraw'))
    next.articles = next.articles.filter((a) => a !== find(withdrawn!.slug))

  const imagesDir = await tempDir('update-images')
  const update = await updateApi({
    ledger,
    apiDir: live,
    source: { ...next, articles: next.articles.filter((a) => changedKeys.has(storyKey(a))) },
    removed: changes.has('withdraw') ? [storyKey(withdrawn!)] : [],
    imagesDir,
  })
  if (!update.incremental) throw new Error(`fell back: ${update.reason}`)
  const synced = await tempDir('update-synced')
  await cp(live, synced, { recursive: true })
  await applyTo(synced, update, imagesDir)
  const rebuilt = await tempDir('update-rebuilt')
  await buildApi({ source: next, outDir: rebuilt, validate: true })

  const changedSlugs = next.articles.filter((a) => changedKeys.has(storyKey(a))).map((a) => a.slug)
  expect(update.added).toEqual(changes.has('add') ? ['zz-new-story'] : [])
  expect(update.removed).toEqual(changes.has('withdraw') ? [withdrawn!.slug] : [])
  // Articles: the same files, the same stories; the changed ones with the build's related lists, and
  // every related entry anywhere showing its story as it is now.
  const names = async (dir: string) => (await readdir(path.join(dir, 'articles'))).sort()
  expect(await names(synced)).toEqual(await names(rebuilt))
  const rebuiltArticles = new Map<string, Article>()
  for (const name of await names(rebuilt))
    rebuiltArticles.set(name, await readJson<Article>(rebuilt, `articles/${name}`))
  for (const name of await names(synced)) {
    const mine = await readJson<Article>(synced, `articles/${name}`)
    const theirs = rebuiltArticles.get(name)!
    const { related: mineRelated, ...mineRest } = omitId(mine)
    const { related: theirRelated, ...theirRest } = omitId(theirs)
    expect(mineRest, name).toEqual(theirRest)
    if (changedSlugs.includes(mine.slug)) expect(mineRelated, name).toEqual(theirRelated)
    for (const entry of mineRelated ?? []) {
      const story = rebuiltArticles.get(`${entry.slug}.json`)!
      expect(entry, `${name} names ${entry.slug}`).toEqual({
        slug: story.slug,
        headline: story.headline,
        section: story.section,
        published: story.published,
        readingMinutes: story.readingMinutes,
        ...(story.lang ? { lang: story.lang, dir: story.dir } : {}),
      })
    }
  }

  expect(await readJson(synced, 'site.json')).toEqual(await readJson(rebuilt, 'site.json'))
  // The front page's section rows (scripts/api/front.ts), from the heads as the change left them.
  expect(await readJson(synced, 'front.json')).toEqual(await readJson(rebuilt, 'front.json'))
  if (changes.has('rename'))
    expect(await readJson(synced, 'redirects.json')).toEqual(
      await readJson(rebuilt, 'redirects.json'),
    )
  expect(await listings(synced)).toEqual(await listings(rebuilt))

  const queries = [
    'quokkas',
    'zebraquartz',
    'corrected headline',
    ...(changes.has('withdraw') ? [withdrawn!.title] : []),
    ...(changes.has('rename') ? [renamed!.title] : []),
    ...(changes.has('move') ? [moved!.title] : []),
    tags[0]!.name,
  ]
  for (const q of queries)
    expect(await searchSlugs(synced, q), q).toEqual(await searchSlugs(rebuilt, q))

  // Pages: the changed stories', the home page and the first pages of their listings.
  expect(update.pages.render).toEqual(
    expect.arrayContaining(['/', ...changedSlugs.map((slug) => `/articles/${slug}`)]),
  )
  if (changes.has('move'))
    expect(update.pages.render).toContain(`/sections/${find(moved!.slug).section}`)
  expect(update.pages.remove).toEqual(
    changes.has('withdraw') ? [`/articles/${withdrawn!.slug}`] : [],
  )

  // The ledger afterwards is the ledger a build of the same content would make, ids aside.
  const fresh = await ledgerFromBuild(rebuilt, next.articles)
  const bySlug = (l: typeof ledger) =>
    l.stories
      .filter((s) => s !== null)
      .map(({ id: _id, related: _related, ...s }) => s)
      .sort((a, b) => a.slug.localeCompare(b.slug))
  expect(bySlug(update.ledger)).toEqual(bySlug(fresh))
  return update
}

type LeadChange =
  | 'mark'
  | 'unmark'
  | 'edit'
  | 'withdraw'
  | 'mark newer'
  | 'mark newest'
  | 'add'
  | 'add above the mark'

/**
 * The front page's marked lead (docs/api.md, the latest head's `lead`) through a sync, against a full build.
 * The demo's own mark is taken off; then two old stories are marked (the 6th and the 11th, far below page
 * 1 at 3 a page), but for 'mark', which starts with none and marks the 11th. The change: the 11th unmarked,
 * edited while marked, withdrawn while marked; a newer old story marked (the 31st), the newest marked (on
 * page 1: no `lead` then); a new story added; a new story added above a marked story last on page 1, which
 * then leaves page 1 and leads from the head. Returns which of them the synced head's lead is.
 */
async function leadAgainstRebuild(change: LeadChange): Promise<string | undefined> {
  const content = await tempDir('lead-content')
  await cp(DEMO_CONTENT, content, { recursive: true })
  const base = await loadContentFolder(content)
  base.site.pageSize = PAGE_SIZE
  // In id order, as the build numbers them.
  base.articles.sort(
    (a, b) => a.published.getTime() - b.published.getTime() || a.slug.localeCompare(b.slug),
  )
  const free = await unlinked(content, base)
  const [older, old, newer] = [5, 10, 30].map(
    (n) => base.articles.find((a, id) => id >= n && free.includes(a.slug))!.slug,
  )
  const newest = base.articles.at(-1)!.slug
  const lastOnPage1 = base.articles.at(-PAGE_SIZE)!.slug
  const marked = new Set(
    change === 'mark' ? [] : change === 'add above the mark' ? [lastOnPage1] : [older!, old!],
  )
  for (const article of base.articles) article.featured = marked.has(article.slug)
  const live = await tempDir('lead-live')
  await buildApi({ source: base, outDir: live, validate: true })
  const ledger = await ledgerFromBuild(live, base.articles)

  const changed = new Set<string>()
  if (change === 'add' || change === 'add above the mark') {
    await writeFile(
      path.join(content, 'articles/zz-new-story.md'),
      articleSource({
        title: 'A new story',
        section: base.taxonomy.sections[0]!.slug,
        author: base.taxonomy.authors[0]!.slug,
        tags: `[${base.taxonomy.tags[0]!.slug}]`,
        published: '2031-01-01T08:00:00Z',
      }),
    )
    changed.add('zz-new-story')
  }
  const next = await loadContentFolder(content)
  next.site.pageSize = PAGE_SIZE
  const marks = new Set(marked)
  if (change === 'mark') marks.add(old!)
  if (change === 'unmark') marks.delete(old!)
  if (change === 'mark newer') marks.add(newer!)
  if (change === 'mark newest') marks.add(newest)
  for (const article of next.articles) article.featured = marks.has(article.slug)
  if (change === 'edit') next.articles.find((a) => a.slug === old)!.title = 'The lead, corrected'
  const touched = { mark: old, unmark: old, edit: old, 'mark newer': newer, 'mark newest': newest }
  if (change in touched) changed.add(touched[change as keyof typeof touched]!)
  if (change === 'withdraw') next.articles = next.articles.filter((a) => a.slug !== old)

  const imagesDir = await tempDir('lead-images')
  const update = await updateApi({
    ledger,
    apiDir: live,
    source: { ...next, articles: next.articles.filter((a) => changed.has(a.slug)) },
    removed: change === 'withdraw' ? [`${old}.md`] : [],
    imagesDir,
  })
  if (!update.incremental) throw new Error(`fell back: ${update.reason}`)
  const synced = await tempDir('lead-synced')
  await cp(live, synced, { recursive: true })
  await applyTo(synced, update, imagesDir)
  const rebuilt = await tempDir('lead-rebuilt')
  await buildApi({ source: next, outDir: rebuilt, validate: true })

  // The head's lead, as text: the same bytes (ids aside: a withdrawal leaves a gap a build closes).
  const leadOf = async (dir: string) => {
    const { lead } = await readJson<ListingHead>(dir, 'lists/latest/1.json')
    return lead && JSON.stringify(omitId(lead))
  }
  expect(await leadOf(synced)).toBe(await leadOf(rebuilt))
  expect(await readJson(synced, 'front.json')).toEqual(await readJson(rebuilt, 'front.json'))
  expect(await listings(synced)).toEqual(await listings(rebuilt))
  const bySlug = (l: typeof ledger) =>
    l.stories
      .filter((s) => s !== null)
      .map(({ id: _id, related: _related, ...s }) => s)
      .sort((a, b) => a.slug.localeCompare(b.slug))
  expect(bySlug(update.ledger)).toEqual(bySlug(await ledgerFromBuild(rebuilt, next.articles)))
  const lead = (await readJson<ListingHead>(synced, 'lists/latest/1.json')).lead
  const roles = new Map([
    [older, 'older'],
    [old, 'old'],
    [newer, 'newer'],
    [lastOnPage1, 'last on page 1'],
  ])
  return lead && (roles.get(lead.slug) ?? lead.slug)
}

// Each test builds the demo's API twice and applies an update: seconds on a quiet machine, but well over
// vitest's 5 s default (and 15 s) on a busy one. A limit, not a measure.
describe('the incremental API update', { timeout: 90_000 }, () => {
  test('reads as a full build of the same content after an add, edit, withdrawal, rename and re-categorisation at once', async () => {
    const update = await syncAgainstRebuild(new Set(['add', 'edit', 'withdraw', 'rename', 'move']))
    // At most 100 files a change (the search index takes up to 50 of them).
    expect(update.files.size + update.deletes.length).toBeLessThanOrEqual(5 * 100)
  })

  test.each<Change>(['add', 'edit', 'withdraw', 'rename', 'move'])(
    'one %s alone: as a full build, in at most 100 files',
    async (change) => {
      const update = await syncAgainstRebuild(new Set([change]))
      expect(update.files.size + update.deletes.length).toBeLessThanOrEqual(100)
    },
  )

  // Which story leads after each change: the marked story however old, the newest marked when two are.
  test.each<[LeadChange, string]>([
    ['mark', 'old'],
    ['unmark', 'older'],
    ['edit', 'old'],
    ['withdraw', 'older'],
    ['mark newer', 'newer'],
    ['mark newest', 'none'],
    ['add', 'old'],
    ['add above the mark', 'last on page 1'],
  ])("the marked lead, after '%s': as a full build; the head's lead: %s", async (change, leads) => {
    expect((await leadAgainstRebuild(change)) ?? 'none').toBe(leads)
  })

  test('falls back to a full build for what it cannot apply, and says why', async () => {
    const content = await tempDir('update-content')
    await cp(DEMO_CONTENT, content, { recursive: true })
    const base = await loadContentFolder(content)
    const live = await tempDir('update-live')
    await buildApi({ source: base, outDir: live, validate: true })
    const ledger = await ledgerFromBuild(live, base.articles)
    const attempt = (source: LoadedSource, removed: string[] = []) =>
      updateApi({ ledger, apiDir: live, source, removed, imagesDir: live })
    const story = (fields: Record<string, string>) => ({
      ...base.articles.at(-1)!,
      file: path.join(content, 'articles/zz-late.md'),
      slug: 'zz-late',
      ...fields,
    })

    const backdated = await attempt({
      ...base,
      articles: [{ ...story({}), published: new Date('2001-01-01T00:00:00Z') }],
    })
    expect(backdated).toEqual({
      incremental: false,
      reason: 'zz-late is dated before the newest story',
    })
    const newTag = await attempt({
      ...base,
      taxonomy: { ...base.taxonomy, tags: [...base.taxonomy.tags, { slug: 'new', name: 'New' }] },
    })
    expect(newTag).toEqual({ incremental: false, reason: 'the sections, tags or authors changed' })
    const renamedSite = await attempt({ ...base, site: { ...base.site, name: 'Another' } })
    expect(renamedSite.incremental).toBe(false)
    const taken = await attempt({
      ...base,
      articles: [{ ...story({ slug: base.articles[0]!.slug }), published: new Date('2031-01-01') }],
    })
    expect(taken.incremental).toBe(false)
  })
})
