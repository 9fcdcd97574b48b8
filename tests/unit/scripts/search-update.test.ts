import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import type { Article } from '@/features/articles/api/schemas'
import { search, type SearchFiles } from '@/features/search/lib/engine'
import {
  decodePostings,
  MAX_POSTINGS,
  shardFor,
  type SearchManifest,
  type TermShard,
} from '@/features/search/lib/index-format'
import { tokenize } from '@/features/search/lib/tokenize'
import { buildApi } from '../../../scripts/api/build-api.ts'
import { SearchIndexBuilder, SHARD_LIMIT } from '../../../scripts/api/search-index.ts'
import {
  indexedStory,
  RECENT_FILE,
  SEARCH_UPDATE_FILES,
  updateSearchIndex,
  type SearchChange,
} from '../../../scripts/api/search-update.ts'
import { generateCorpus } from '../../../scripts/bench/corpus.ts'
import { tempDir } from '../../utils/content-dir'

/** The demo newsroom (content/): 63 stories in every kind, section and language it has. */
const DEMO_CONTENT = path.resolve(import.meta.dirname, '../../../content')

/**
 * The sync's search update (scripts/api/search-update.ts, docs/decisions/020-search-updates.md): on a
 * built index, each add, edit and withdrawal writes a bounded number of files, and the app's engine then
 * answers every query exactly as it does on a full rebuild with the same stories (same ids, order and
 * scores), for queries that find the changed story and queries that do not.
 */

/** A published index in memory: its files, and the stories it was built from, by id. */
class Newsroom {
  constructor(
    readonly files: Map<string, string>,
    readonly stories: Map<number, Article>,
  ) {}

  static async built(apiDir: string): Promise<Newsroom> {
    const files = new Map<string, string>()
    const walk = async (dir: string) => {
      for (const entry of await readdir(path.join(apiDir, dir), { withFileTypes: true })) {
        const file = `${dir}/${entry.name}`
        if (entry.isDirectory()) await walk(file)
        else files.set(file, await readFile(path.join(apiDir, file), 'utf8'))
      }
    }
    await walk('search')
    const stories = new Map<number, Article>()
    for (const name of await readdir(path.join(apiDir, 'articles'))) {
      const article = JSON.parse(
        await readFile(path.join(apiDir, 'articles', name), 'utf8'),
      ) as Article
      stories.set(article.id, article)
    }
    return new Newsroom(files, stories)
  }

  /** A newsroom of `count` stories generated from `seed` (scripts/bench/corpus.ts), built in one process. */
  static async generated(count: number, seed: number): Promise<Newsroom> {
    const contentDir = await tempDir('search-update-corpus')
    await generateCorpus({ count, seed, outDir: contentDir })
    const outDir = await tempDir('search-update-api')
    await buildApi({ contentDir, outDir, parallel: false })
    return Newsroom.built(outDir)
  }

  /** The ids of its stories, oldest first. */
  ids(): number[] {
    return [...this.stories.keys()].sort((a, b) => a - b)
  }

  copy(): Newsroom {
    return new Newsroom(new Map(this.files), new Map(this.stories))
  }

  get manifest(): SearchManifest {
    return JSON.parse(this.files.get('search/manifest.json')!) as SearchManifest
  }

  /** Applies a change as the sync would; returns how many files it wrote and deleted. */
  async apply(change: SearchChange, maxFiles?: number): Promise<number> {
    const update = await updateSearchIndex(
      (file) => Promise.resolve(this.files.get(file) ?? null),
      change,
      { maxFiles },
    )
    for (const { path: file, text } of update.files) this.files.set(file, text)
    for (const file of update.deletes) {
      expect(this.files.has(file), `${file} deleted but not there`).toBe(true)
      this.files.delete(file)
    }
    return update.files.length + update.deletes.length
  }

  async add(article: Article, maxFiles?: number) {
    this.stories.set(article.id, article)
    return this.apply({ type: 'add', story: indexedStory(article) }, maxFiles)
  }

  async edit(article: Article, maxFiles?: number) {
    const previous = indexedStory(this.stories.get(article.id)!).terms
    this.stories.set(article.id, article)
    return this.apply({ type: 'update', story: indexedStory(article), previous }, maxFiles)
  }

  async remove(id: number, maxFiles?: number) {
    const previous = indexedStory(this.stories.get(id)!).terms
    this.stories.delete(id)
    return this.apply({ type: 'remove', id, previous }, maxFiles)
  }

  /** The index a full build of the same stories writes. */
  rebuilt(): Map<string, string> {
    const builder = new SearchIndexBuilder()
    for (const id of [...this.stories.keys()].sort((a, b) => a - b))
      builder.add(this.stories.get(id)!)
    return new Map([...builder.files()].map(({ file, text }) => [file, text]))
  }
}

/** The app's engine over files in memory. */
function engineOver(files: ReadonlyMap<string, string>): SearchFiles {
  const json = <T>(file: string): Promise<T> => {
    const text = files.get(file)
    return text === undefined
      ? Promise.reject(new Error(`no ${file}`))
      : Promise.resolve(JSON.parse(text) as T)
  }
  return {
    manifest: () => json('search/manifest.json'),
    shard: (key) => json(`search/terms/${key}.json`),
    docs: (chunk) => json(`search/docs/${chunk}.json`),
    recent: () => json('search/recent.json'),
    ids: () => Promise.resolve([]),
  }
}

/** Every result of a query, as the reader would rank them. */
async function results(files: ReadonlyMap<string, string>, q: string) {
  const found = await search(engineOver(files), { q, limit: 1_000_000 })
  return {
    total: found.total,
    complete: found.complete,
    hits: found.hits.map((h) => ({ id: h.id, score: h.score, slug: h.doc.slug })),
  }
}

/** Queries around a story: its words whole, two together, being typed, its tag and author. */
function queriesAbout(article: Article): string[] {
  const words = [...new Set(tokenize(`${article.headline} ${article.summary}`))]
  const longest = [...words].sort((a, b) => b.length - a.length)[0]!
  return [
    ...words.slice(0, 4).map((w) => `${w} `),
    `${words[0]} ${words[1] ?? ''} `,
    longest.slice(0, 3),
    `${words[0]} ${longest.slice(0, 4)}`,
    ...article.tags.slice(0, 2).map((t) => `${t.name} `),
    `${article.author.name} `,
  ]
}

/** Checks the engine answers each query on the updated index as on a full rebuild. */
async function expectSameAsRebuild(newsroom: Newsroom, queries: string[]) {
  const rebuilt = newsroom.rebuilt()
  expect(newsroom.manifest.count).toBe(
    (JSON.parse(rebuilt.get('search/manifest.json')!) as SearchManifest).count,
  )
  for (const q of new Set(queries)) {
    expect(await results(newsroom.files, q), `"${q}"`).toEqual(await results(rebuilt, q))
  }
}

/** Every rule of the format (docs/api.md, "Search index") holds in the files. */
function expectWellFormed(files: ReadonlyMap<string, string>) {
  const manifest = JSON.parse(files.get('search/manifest.json')!) as SearchManifest
  expect(manifest.shards).toEqual([...manifest.shards].sort())
  const keys = new Set(manifest.shards)
  const shards = [...files.keys()].filter((f) => f.startsWith('search/terms/'))
  expect(shards.sort()).toEqual(manifest.shards.map((k) => `search/terms/${k}.json`).sort())
  for (const key of manifest.shards) {
    const text = files.get(`search/terms/${key}.json`)!
    const shard = JSON.parse(text) as TermShard
    const terms = Object.keys(shard)
    expect(terms.length, key).toBeGreaterThan(0)
    if (text.length > SHARD_LIMIT) expect(terms.every((t) => t.length === key.length)).toBe(true)
    for (const term of terms) {
      expect(shardFor(term, keys), term).toBe(key)
      const { df, ids, scores } = decodePostings(shard[term]!)
      expect(ids.length).toBeLessThanOrEqual(MAX_POSTINGS)
      expect(df).toBeGreaterThanOrEqual(ids.length)
      expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true)
      expect(scores.every((s) => s >= 1 && s <= 63)).toBe(true)
    }
  }
  expect(files.has(RECENT_FILE)).toBe(manifest.recent === true)
  const chunks = [...files.keys()].filter((f) => f.startsWith('search/docs/'))
  expect(chunks.length).toBe(Math.ceil(manifest.count / manifest.docChunk))
}

/** A new story made from an old one, with words no other story has and words many have. */
function newStory(from: Article, id: number, word: string): Article {
  return {
    ...from,
    id,
    slug: `${word}-${id}`,
    headline: `${word} ${from.headline}`,
    summary: `A ${word} story: ${from.summary}`,
    published: new Date(Date.parse(from.published) + 60_000).toISOString(),
  }
}

/** An edit of a story: a new headline, one tag fewer, and another story's body. */
function edited(story: Article, body: Article, word: string): Article {
  return {
    ...story,
    headline: `${word} ${body.headline}`,
    tags: story.tags.slice(1),
    body: body.body,
  }
}

describe('a search index that takes one story at a time', () => {
  test('the demo newsroom: add, edit and withdraw search as a rebuild does', async () => {
    const outDir = await tempDir('search-update')
    await buildApi({ contentDir: DEMO_CONTENT, outDir })
    const built = await Newsroom.built(outDir)
    const ids = built.ids()
    const newest = ids.at(-1)!
    const middle = ids[Math.floor(ids.length / 2)]!
    const other = built.stories.get(ids[3]!)!

    const added = built.copy()
    const story = newStory(built.stories.get(middle)!, newest + 1, 'zanzibarite')
    await added.add(story)
    await expectSameAsRebuild(added, [
      ...queriesAbout(story),
      ...queriesAbout(other),
      'zanzibarite ',
      'zanz',
    ])
    expectWellFormed(added.files)

    const changed = built.copy()
    const before = built.stories.get(middle)!
    const after = edited(before, built.stories.get(ids[1]!)!, 'quorumless')
    await changed.edit(after)
    await expectSameAsRebuild(changed, [
      ...queriesAbout(before),
      ...queriesAbout(after),
      ...queriesAbout(other),
    ])
    expectWellFormed(changed.files)

    for (const id of [middle, newest]) {
      const removed = built.copy()
      const gone = built.stories.get(id)!
      await removed.remove(id)
      await expectSameAsRebuild(removed, [...queriesAbout(gone), ...queriesAbout(other)])
      expectWellFormed(removed.files)
      const found = await results(removed.files, queriesAbout(gone)[0]!)
      expect(found.hits.map((h) => h.id)).not.toContain(id)
    }
  }, 60_000)

  test('a generated newsroom: changes one after another, most left in the recent segment, then folded', async () => {
    const newsroom = await Newsroom.generated(2000, 7)
    const ids = newsroom.ids()
    let next = ids.at(-1)! + 1
    const queries = new Set<string>()
    const random = seeded(3)
    const pick = () => {
      const live = [...newsroom.stories.keys()]
      return newsroom.stories.get(live[Math.floor(random() * live.length)]!)!
    }
    // A tight budget, so most of each change waits in the recent segment and folding is exercised.
    const budget = 8
    for (let step = 0; step < 40; step++) {
      const kind = step % 3
      let written: number
      if (kind === 0) {
        const story = newStory(pick(), next++, `word${step}x`)
        written = await newsroom.add(story, budget)
        for (const q of queriesAbout(story)) queries.add(q)
      } else if (kind === 1) {
        const before = pick()
        const after = edited(before, pick(), `edit${step}x`)
        for (const q of [...queriesAbout(before), ...queriesAbout(after)]) queries.add(q)
        written = await newsroom.edit(after, budget)
      } else {
        const gone = pick()
        for (const q of queriesAbout(gone)) queries.add(q)
        written = await newsroom.remove(gone.id, budget)
      }
      expect(written).toBeLessThanOrEqual(budget)
      if (step % 10 === 9) {
        expect(newsroom.manifest.recent).toBe(true)
        await expectSameAsRebuild(newsroom, [...queries, ...queriesAbout(pick())])
        expectWellFormed(newsroom.files)
      }
    }
    // Then changes with the sync's own budget fold what was waiting, and the segment goes.
    const waiting = newsroom.files.get(RECENT_FILE)!.length
    for (let step = 0; step < 20 && newsroom.manifest.recent; step++) {
      const before = pick()
      const after = { ...before, summary: `${before.summary} Updated.` }
      expect(await newsroom.edit(after)).toBeLessThanOrEqual(SEARCH_UPDATE_FILES)
    }
    expect(newsroom.manifest.recent, `${waiting} characters waiting`).toBeUndefined()
    await expectSameAsRebuild(newsroom, [...queries])
    expectWellFormed(newsroom.files)
  }, 300_000)

  test('a term capped at MAX_POSTINGS: adds are exact; a withdrawal of a kept story leaves one fewer kept until the next build', async () => {
    const stories = new Map<number, Article>()
    const base = (id: number): Article =>
      ({
        id,
        slug: `story-${id}`,
        headline: id % 500 === 0 ? `Common ground ${id}` : `Filler ${id}`,
        summary: 'Nothing to see.',
        kind: 'news',
        section: { slug: 'world', name: 'World' },
        tags: [],
        author: { slug: 'ada', name: 'Ada' },
        published: new Date(Date.UTC(2025, 0, 1, 0, id)).toISOString(),
        updated: null,
        readingMinutes: 1,
        image: null,
        hero: null,
        body: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: `common ${'common '.repeat(id % 3)} item${id}` }],
          },
        ],
      }) as unknown as Article
    for (let id = 0; id < MAX_POSTINGS + 40; id++) stories.set(id, base(id))
    const newsroom = new Newsroom(new Newsroom(new Map(), stories).rebuilt(), stories)
    const capped = async (files: ReadonlyMap<string, string>) => results(files, 'common ')
    expect((await capped(newsroom.files)).complete).toBe(false)

    // A new story that scores high, and one that scores too low to be kept: both exact.
    await newsroom.add({ ...base(MAX_POSTINGS + 40), headline: 'Common knowledge' })
    await newsroom.add(base(MAX_POSTINGS + 41))
    await expectSameAsRebuild(newsroom, ['common ', 'knowledge ', 'comm', 'common ground '])
    // Withdrawing a story the term did not keep: exact too (df falls by one).
    const unkept = [...stories.keys()].find((id) => id % 3 === 0 && id % 500 !== 0)!
    await newsroom.remove(unkept)
    await expectSameAsRebuild(newsroom, ['common ', 'common ground '])

    // Withdrawing a kept one: the rebuild keeps the next best in its place; the update cannot know it.
    await newsroom.remove(500)
    const now = await capped(newsroom.files)
    const rebuilt = await capped(newsroom.rebuilt())
    expect(now.total).toBe(MAX_POSTINGS - 1)
    expect(rebuilt.total).toBe(MAX_POSTINGS)
    const missing = rebuilt.hits.filter((h) => !now.hits.some((n) => n.id === h.id))
    expect(missing).toHaveLength(1)
    expect(missing[0]).toEqual(rebuilt.hits.at(-1)) // the least of the rebuild's, nothing better
    expect(now.hits).toEqual(rebuilt.hits.slice(0, -1))
    // Every other word is still exact.
    await expectSameAsRebuild(newsroom, ['ground ', 'knowledge '])
  }, 60_000)

  test('counts the files one add, edit and withdrawal write on a generated 10,000-story index', async () => {
    // 100,000 stories take a minute and a half to build, too long for a unit test: the bench measures
    // them (npx tsx scripts/bench/search.ts --updates --counts 100000).
    const newsroom = await Newsroom.generated(10_000, 1)
    const ids = newsroom.ids()
    const counts = {
      add: await newsroom.add(
        newStory(newsroom.stories.get(ids[5000]!)!, ids.at(-1)! + 1, 'novel'),
      ),
      edit: await newsroom.edit(
        edited(newsroom.stories.get(ids[100]!)!, newsroom.stories.get(ids[200]!)!, 'revised'),
      ),
      remove: await newsroom.remove(ids[300]!),
    }
    console.info(`search files written at 10,000 stories: ${JSON.stringify(counts)}`)
    for (const count of Object.values(counts))
      expect(count).toBeLessThanOrEqual(SEARCH_UPDATE_FILES)
    await expectSameAsRebuild(newsroom, [
      'novel ',
      'revised ',
      ...queriesAbout(newsroom.stories.get(ids[100]!)!),
    ])
  }, 300_000)
})

/** mulberry32: a repeatable sequence of changes. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
