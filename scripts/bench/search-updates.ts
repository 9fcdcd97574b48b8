import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Article } from '../../src/features/articles/api/schemas.ts'
import {
  docChunkPath,
  manifestPath,
  type SearchManifest,
} from '../../src/features/search/lib/index-format.ts'
import {
  indexedStory,
  RECENT_FILE,
  updateSearchIndex,
  type SearchChange,
} from '../api/search-update.ts'
import { timed } from './timing.ts'

export interface SearchUpdateRun {
  change: SearchChange['type']
  ms: number
  files: number
  /** The recent segment after the change, raw and gzip level 6 (0 when there is none). */
  recent: number
  recentGz: number
}

/**
 * A sync's update of the index (scripts/api/search-update.ts) on a built API, read from disk: one new story,
 * one edit and one withdrawal, each applied after the one before, then 30 more edits in a row to show
 * where the recent segment settles: the time to work out the files, how many, and the segment's size.
 * Nothing is written to the API folder; the files each change would write are kept in memory.
 */
export async function measureSearchUpdates(apiDir: string): Promise<SearchUpdateRun[]> {
  const written = new Map<string, string | null>()
  const read = async (file: string) => {
    if (written.has(file)) return written.get(file)!
    return readFile(path.join(apiDir, file), 'utf8').catch(() => null)
  }
  const manifest = JSON.parse((await read(manifestPath()))!) as SearchManifest
  /** The story with this id, or the next one up when it was withdrawn. */
  const article = async (id: number): Promise<Article> => {
    const chunk = Math.floor(id / manifest.docChunk)
    const docs = JSON.parse((await read(docChunkPath(chunk)))!) as ({ slug: string } | null)[]
    const doc = docs[id % manifest.docChunk]
    if (!doc) return article(id + 1)
    const file = path.join(apiDir, 'articles', `${doc.slug}.json`)
    return JSON.parse(await readFile(file, 'utf8')) as Article
  }
  const runs: SearchUpdateRun[] = []
  const apply = async (change: SearchChange) => {
    const { value: update, ms } = await timed(() => updateSearchIndex(read, change))
    for (const { path: file, text } of update.files) written.set(file, text)
    for (const file of update.deletes) written.set(file, null)
    const recent = (await read(RECENT_FILE)) ?? ''
    runs.push({
      change: change.type,
      ms: Math.round(ms),
      files: update.files.length + update.deletes.length,
      recent: recent.length,
      recentGz: recent ? gzipSync(recent, { level: 6 }).length : 0,
    })
  }
  const newest = await article(manifest.count - 1)
  const added = {
    ...newest,
    id: manifest.count,
    slug: `${newest.slug}-again`,
    headline: `Update: ${newest.headline}`,
  }
  await apply({ type: 'add', story: indexedStory(added) })
  const middle = await article(Math.floor(manifest.count / 2))
  const donor = await article(Math.floor(manifest.count / 3))
  await apply({
    type: 'update',
    story: indexedStory({ ...middle, headline: donor.headline, body: donor.body }),
    previous: indexedStory(middle).terms,
  })
  const old = await article(Math.floor(manifest.count / 4))
  await apply({ type: 'remove', id: old.id, previous: indexedStory(old).terms })
  for (let i = 0; i < 30; i++) {
    const story = await article(Math.floor((manifest.count * (i + 5)) / 40))
    const other = await article(Math.floor((manifest.count * (i + 6)) / 41))
    await apply({
      type: 'update',
      story: indexedStory({ ...story, headline: other.headline, body: other.body }),
      previous: indexedStory(story).terms,
    })
  }
  return runs
}
