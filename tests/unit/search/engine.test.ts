import { describe, expect, test } from 'vitest'
import { SearchIndexBuilder, SHARD_LIMIT } from '../../../scripts/api/search-index'
import type { Article } from '@/features/articles/api/schemas'
import { cachedFiles, search, type SearchFiles } from '@/features/search/lib/engine'
import {
  decodePostings,
  MAX_POSTINGS,
  shardFor,
  type DocChunk,
  type RecentSegment,
  type SearchManifest,
  type TermShard,
} from '@/features/search/lib/index-format'

const named = (slug: string) => ({ slug, name: slug[0]!.toUpperCase() + slug.slice(1) })

function article(
  id: number,
  fields: Partial<Record<'headline' | 'summary' | 'body', string>> & {
    section?: string
    tags?: string[]
    author?: string
  },
): Article {
  return {
    id,
    slug: `story-${id}`,
    headline: fields.headline ?? `Story ${id}`,
    summary: fields.summary ?? 'Nothing to see.',
    kind: 'story',
    section: named(fields.section ?? 'world'),
    tags: (fields.tags ?? []).map(named),
    author: named(fields.author ?? 'ada'),
    published: new Date(Date.UTC(2025, 0, 1 + id)).toISOString(),
    updated: null,
    readingMinutes: 1,
    image: null,
    hero: null,
    body: [{ type: 'paragraph', content: [{ type: 'text', text: fields.body ?? '' }] }],
  } as unknown as Article
}

/** Builds an index in memory and serves it as the engine reads it, counting what it reads. */
function indexOf(articles: Article[], ids: Record<string, number[]> = {}) {
  const builder = new SearchIndexBuilder()
  for (const a of articles) builder.add(a)
  const files = new Map<string, string>()
  for (const { file, text } of builder.files()) files.set(file, text)
  const reads: string[] = []
  const read = <T>(file: string): Promise<T> => {
    reads.push(file)
    const text = files.get(file)
    return text === undefined
      ? Promise.reject(new Error(`no ${file}`))
      : Promise.resolve(JSON.parse(text) as T)
  }
  const api: SearchFiles = {
    manifest: () => read<SearchManifest>('search/manifest.json'),
    shard: (key) => read<TermShard>(`search/terms/${key}.json`),
    docs: (chunk) => read<DocChunk>(`search/docs/${chunk}.json`),
    recent: () => read<RecentSegment>('search/recent.json'),
    ids: (kind, slug) => {
      reads.push(`ids/${kind}/${slug}`)
      return Promise.resolve(ids[`${kind}/${slug}`] ?? [])
    },
  }
  return { files, reads, api }
}

const corpus = [
  article(0, { headline: 'Parliament votes on housing', body: 'The housing bill passed.' }),
  article(1, { headline: 'Rain again', summary: 'Parliamentary recess ends', tags: ['weather'] }),
  article(2, { headline: 'Council budget', body: 'Housing housing housing.', section: 'politics' }),
  article(3, { headline: 'Chess final', author: 'zoë', tags: ['games'] }),
]

describe('the search index', () => {
  test('finds a term in headlines, summaries, bodies, tags and authors', async () => {
    const { api } = indexOf(corpus)
    const slugs = async (q: string) =>
      (await search(api, { q, limit: 10 })).hits.map((h) => h.doc.slug)
    expect(await slugs('housing ')).toEqual(['story-0', 'story-2']) // headline beats body
    expect(await slugs('recess ')).toEqual(['story-1'])
    expect(await slugs('weather ')).toEqual(['story-1'])
    expect(await slugs('zoe ')).toEqual(['story-3'])
    expect(await slugs('nothingatall ')).toEqual([])
  })

  test('the word being typed matches as a prefix; every word must match', async () => {
    const { api } = indexOf(corpus)
    const result = await search(api, { q: 'parl', limit: 10 })
    expect(result.hits.map((h) => h.doc.slug).sort()).toEqual(['story-0', 'story-1'])
    expect(result.prefix).toBe('parl')
    const both = await search(api, { q: 'housing parl', limit: 10 })
    expect(both.hits.map((h) => h.doc.slug)).toEqual(['story-0'])
  })

  test('narrows by section and tags through the id indexes, and counts beyond the limit', async () => {
    const { api, reads } = indexOf(corpus, { 'sections/politics': [2] })
    const result = await search(api, { q: 'housing', section: 'politics', limit: 10 })
    expect(result.hits.map((h) => h.doc.slug)).toEqual(['story-2'])
    expect(reads).toContain('ids/sections/politics')
    const limited = await search(api, { q: 'housing', limit: 1 })
    expect(limited).toMatchObject({ total: 2, hits: [{ doc: { slug: 'story-0' } }] })
  })

  test('reads only the manifest, the shards of its terms and the chunks it shows', async () => {
    const many = Array.from({ length: 120 }, (_, id) =>
      article(id, { headline: id === 117 ? 'Zebra crossing' : `Item ${id}` }),
    )
    const { api, reads } = indexOf(many)
    await search(api, { q: 'zebra ', limit: 10 })
    expect(reads).toEqual(['search/manifest.json', 'search/terms/ze.json', 'search/docs/2.json'])
  })

  test('caps long postings at the best-scoring stories, and splits crowded prefixes', async () => {
    const many = Array.from({ length: MAX_POSTINGS + 50 }, (_, id) =>
      article(id, {
        headline: id === 5 ? 'Common ground' : `Filler ${id}`,
        body: `common ${Array.from({ length: 40 }, (_, i) => `co${id}x${i}`).join(' ')}`,
      }),
    )
    const { files } = indexOf(many)
    const manifest = JSON.parse(files.get('search/manifest.json')!) as SearchManifest
    const keys = new Set(manifest.shards)
    const shard = JSON.parse(
      files.get(`search/terms/${shardFor('common', keys)}.json`)!,
    ) as TermShard
    const { df, ids } = decodePostings(shard.common!)
    expect(df).toBe(MAX_POSTINGS + 50)
    expect(ids).toHaveLength(MAX_POSTINGS)
    expect(ids).toContain(5) // the headline match is kept
    expect(manifest.shards.some((k) => k.length > 2 && k.startsWith('co'))).toBe(true)
    // The count is then a floor, and says so; a rare word's is exact.
    const { api } = indexOf(many)
    expect(await search(api, { q: 'common ', limit: 1 })).toMatchObject({
      total: MAX_POSTINGS,
      complete: false,
    })
    expect(await search(api, { q: 'ground ', limit: 1 })).toMatchObject({
      total: 1,
      complete: true,
    })
    for (const [file, text] of files)
      if (file.startsWith('search/terms/')) expect(text.length).toBeLessThan(SHARD_LIMIT * 1.5)
  })

  test('cachedFiles reads a file once, and again after a failure', async () => {
    let calls = 0
    const flaky: SearchFiles = {
      manifest: () =>
        ++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve({} as SearchManifest),
      shard: () => Promise.resolve({}),
      docs: () => Promise.resolve([]),
      recent: () => Promise.resolve({}),
      ids: () => Promise.resolve([]),
    }
    const files = cachedFiles(flaky)
    await expect(files.manifest()).rejects.toThrow('down')
    await files.manifest()
    await files.manifest()
    expect(calls).toBe(2)
  })
})
