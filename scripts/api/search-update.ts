import type { Article } from '../../src/features/articles/api/schemas.ts'
import {
  decodePostings,
  encodeEntries,
  mergePostings,
  SEARCH_INDEX_VERSION,
  shardFor,
  type DocChunk,
  type Postings,
  type RecentSegment,
  type SearchDoc,
  type SearchManifest,
  type TermShard,
} from '../../src/features/search/lib/index-format.ts'
import {
  DOC_CHUNK,
  docsFile,
  layOutShard,
  MANIFEST_FILE,
  searchDoc,
  shardFile,
  shardText,
  weightedTerms,
} from './search-index.ts'
import { lowerBound } from './lower-bound.ts'

/**
 * One story's change applied to a published search index without rebuilding it (issue 11's sync;
 * docs/decisions/020-search-updates.md). A story's terms live in up to ~100 shards, more than a sync may
 * write for the whole site, so a change goes into a small recent segment (`search/recent.json`) that the
 * reader merges into every term it reads, and each change also folds as many of the segment's shards as
 * its budget of files allows: the shards with the most changes waiting. The segment stays small, every
 * change writes at most `maxFiles` files, and the next full build starts from nothing again.
 */

/** The file holding changes not yet folded into the shards. */
export const RECENT_FILE = 'search/recent.json'

/**
 * The most files (written or deleted) one change may cost the search index, by default: the sync's budget
 * is 100 files a change, and the story, its listings, id indexes, site.json and pages take 15–25 of them.
 */
export const SEARCH_UPDATE_FILES = 50

/** A story as the index holds it: its document, and its terms with what each is worth (1–63). */
export interface IndexedStory {
  id: number
  doc: SearchDoc
  terms: ReadonlyMap<string, number>
}

/**
 * A story as the index holds it, worked out by the build's own code (weightedTerms, searchDoc), so a
 * synced story scores exactly as a rebuilt one. The sync makes one for the story as it is now, and one for
 * the story as it was (its `terms` are a change's `previous`).
 */
export function indexedStory(article: Article): IndexedStory {
  return { id: article.id, doc: searchDoc(article), terms: weightedTerms(article) }
}

/**
 * A change to the index. An update or removal names the story's terms as they were (`previous`): the
 * index keeps postings by term, not terms by story, so only they say which terms lose the story.
 */
export type SearchChange =
  | { type: 'add'; story: IndexedStory }
  | { type: 'update'; story: IndexedStory; previous: ReadonlyMap<string, number> }
  | { type: 'remove'; id: number; previous: ReadonlyMap<string, number> }

export interface SearchUpdate {
  /** Files to write, paths under the API's root, in the order to publish them (the manifest last). */
  files: { path: string; text: string }[]
  /** Files to delete, after the writes. */
  deletes: string[]
}

/** Reads a file of the published API (a path under its root); null when there is none. */
export type ReadFile = (path: string) => Promise<string | null>

/** What a term's postings wait for: how its df moves, and the stories' new scores (0: gone). */
interface Pending {
  df: number
  scores: Map<number, number>
}

/**
 * The files one change writes and deletes in the index at `read`: its document's chunk, the recent
 * segment, the shards folded this time (each within SHARD_LIMIT, split like the build's when it grows
 * past it), and the manifest. Never more than `maxFiles` in all. Searching the result gives what a full
 * rebuild with the change gives, except after a story leaves a term capped at MAX_POSTINGS (see the
 * decision record): the story that a rebuild would take in its place is not known until the next build.
 */
export async function updateSearchIndex(
  read: ReadFile,
  change: SearchChange,
  { maxFiles = SEARCH_UPDATE_FILES }: { maxFiles?: number } = {},
): Promise<SearchUpdate> {
  const manifest = parse<SearchManifest>(await read(MANIFEST_FILE), MANIFEST_FILE)
  const pending = new Map<string, Pending>()
  if (manifest.recent) {
    const recent = parse<RecentSegment>(await read(RECENT_FILE), RECENT_FILE)
    for (const [term, postings] of Object.entries(recent)) {
      const { df, ids, scores } = decodePostings(postings)
      pending.set(term, { df, scores: new Map(ids.map((id, i) => [id, scores[i]!])) })
    }
  }
  recordChange(pending, change)

  const docs = await updateDocs(read, manifest.count, change)
  const files: SearchUpdate['files'] = [...docs.files]
  const deletes = [...docs.deletes]

  // The manifest and the recent segment are always counted, whether they change or not.
  let budget = maxFiles - files.length - deletes.length - 2
  const keys = new Set(manifest.shards)
  for (const group of byShard(pending, manifest.shards)) {
    if (budget <= 0) break
    const fold = await foldShard(read, group, keys, pending)
    if (fold.cost > budget) continue
    budget -= fold.cost
    files.push(...fold.files)
    deletes.push(...fold.deletes)
    for (const key of fold.removed) keys.delete(key)
    for (const key of fold.added) keys.add(key)
    for (const term of group.terms) pending.delete(term)
  }

  if (pending.size) files.push({ path: RECENT_FILE, text: recentText(pending) })
  else if (manifest.recent) deletes.push(RECENT_FILE)
  const next: SearchManifest = {
    version: SEARCH_INDEX_VERSION,
    count: docs.count,
    docChunk: manifest.docChunk,
    shards: [...keys].sort(compare),
    ...(pending.size ? { recent: true as const } : {}),
  }
  files.push({ path: MANIFEST_FILE, text: JSON.stringify(next) })
  return { files, deletes }
}

/** Adds a change to what the terms wait for. */
function recordChange(pending: Map<string, Pending>, change: SearchChange) {
  const set = (term: string, id: number, score: number, df: number) => {
    let entry = pending.get(term)
    if (!entry) pending.set(term, (entry = { df: 0, scores: new Map() }))
    entry.scores.set(id, score)
    entry.df += df
  }
  const id = change.type === 'remove' ? change.id : change.story.id
  const previous = change.type === 'add' ? new Map<string, number>() : change.previous
  const now = change.type === 'remove' ? new Map<string, number>() : change.story.terms
  for (const term of previous.keys()) if (!now.has(term)) set(term, id, 0, -1)
  for (const [term, score] of now) {
    const was = previous.get(term)
    if (was !== score) set(term, id, score, was === undefined ? 1 : 0)
  }
}

/** The document chunks a change rewrites or deletes, and the index's count after it. */
async function updateDocs(
  read: ReadFile,
  count: number,
  change: SearchChange,
): Promise<{ files: SearchUpdate['files']; deletes: string[]; count: number }> {
  const chunks = new Map<number, DocChunk>()
  const load = async (n: number): Promise<DocChunk> => {
    let chunk = chunks.get(n)
    if (!chunk) {
      const text = n * DOC_CHUNK < count ? await read(docsFile(n)) : null
      chunks.set(n, (chunk = text === null ? [] : parse<DocChunk>(text, docsFile(n))))
    }
    return chunk
  }
  const id = change.type === 'remove' ? change.id : change.story.id
  const at = (n: number) => n * DOC_CHUNK
  const chunkOf = (i: number) => Math.floor(i / DOC_CHUNK)
  const slot = async () => ((await load(chunkOf(id)))[id % DOC_CHUNK] ?? null) as SearchDoc | null
  const present = id < count && (await slot()) !== null
  if (present !== (change.type !== 'add'))
    throw new Error(
      `search: story ${id} is ${present ? 'already' : 'not'} indexed (${change.type})`,
    )

  let next = count
  if (change.type !== 'remove') {
    // Ids up to a new one exist, as null, in every chunk below it: a build writes them so.
    if (id >= count) {
      next = id + 1
      for (let n = count ? chunkOf(count - 1) : 0; n <= chunkOf(id); n++) {
        const chunk = await load(n)
        while (chunk.length < Math.min(DOC_CHUNK, next - at(n))) chunk.push(null)
      }
    }
    ;(await load(chunkOf(id)))[id % DOC_CHUNK] = change.story.doc
  } else {
    ;(await load(chunkOf(id)))[id % DOC_CHUNK] = null
    // Withdrawing the newest story: the index ends at the newest left, as a build of the rest would.
    // The scan reads every chunk it passes, so each chunk past the new end is deleted below.
    while (next > 0 && (await load(chunkOf(next - 1)))[(next - 1) % DOC_CHUNK] === null) next--
    if (next < count) {
      for (const [n, chunk] of chunks)
        if (at(n) < next) chunk.length = Math.min(chunk.length, next - at(n))
    }
  }
  const files: SearchUpdate['files'] = []
  const deletes: string[] = []
  for (const [n, chunk] of [...chunks].sort((a, b) => a[0] - b[0])) {
    if (at(n) < next) files.push({ path: docsFile(n), text: JSON.stringify(chunk) })
    else if (at(n) < count) deletes.push(docsFile(n))
  }
  return { files, deletes, count: next }
}

interface Group {
  key: string
  terms: string[]
  /** Entries waiting: the more, the more folding this shard shrinks the recent segment. */
  weight: number
}

/**
 * The waiting terms grouped by the shard they belong in (an existing key, or the key a new prefix gets),
 * those with the most waiting first.
 */
function byShard(pending: ReadonlyMap<string, Pending>, sortedKeys: readonly string[]): Group[] {
  const keys = new Set(sortedKeys)
  const groups = new Map<string, Group>()
  for (const [term, entry] of pending) {
    const key = shardFor(term, keys) ?? newKey(term, sortedKeys)
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { key, terms: [], weight: 0 }))
    group.terms.push(term)
    group.weight += entry.scores.size
  }
  return [...groups.values()].sort((a, b) => b.weight - a.weight || compare(a.key, b.key))
}

/**
 * The key of a new shard for a term no key starts: one character longer than the longest start it
 * shares with any key (at least two, at most the term), so it never takes a term from another shard.
 */
export function newKey(term: string, sortedKeys: readonly string[]): string {
  let shared = 0
  for (let length = term.length; length >= 1 && !shared; length--) {
    const start = term.slice(0, length)
    const i = lowerBound(sortedKeys, start)
    if (i < sortedKeys.length && sortedKeys[i]!.startsWith(start)) shared = length
  }
  return term.slice(0, Math.min(term.length, Math.max(2, shared + 1)))
}

interface Fold {
  files: SearchUpdate['files']
  deletes: string[]
  cost: number
  added: string[]
  removed: string[]
}

/** One shard with its waiting terms merged in: the files that writes, split as a build would split it. */
async function foldShard(
  read: ReadFile,
  group: Group,
  keys: ReadonlySet<string>,
  pending: ReadonlyMap<string, Pending>,
): Promise<Fold> {
  const { key } = group
  const exists = keys.has(key)
  const shard: TermShard = exists
    ? parse<TermShard>(await read(shardFile(key)), shardFile(key))
    : {}
  const postings = new Map<string, string>(
    Object.entries(shard).map(([term, list]) => [term, JSON.stringify(list)]),
  )
  for (const term of group.terms) {
    const entry = pending.get(term)!
    const was = Object.hasOwn(shard, term) ? shard[term] : undefined
    const merged = mergePostings(was, encodeEntries(entry.df, [...entry.scores]))
    if (merged) postings.set(term, JSON.stringify(merged))
    else postings.delete(term)
  }
  const terms = [...postings.keys()]
  let layout = terms.length ? layOutShard(key, terms, (t) => postings.get(t)!.length) : []
  // A split deeper than one character could meet a key that exists: leave the shard whole until the
  // next build (it is a little over the limit) rather than have two shards with one key.
  if (layout.some((s) => s.key !== key && keys.has(s.key))) layout = [{ key, terms }]
  const files = layout.map((s) => ({
    path: shardFile(s.key),
    text: shardText(s.terms.sort(compare).map((t) => [t, postings.get(t)!] as const)),
  }))
  const kept = layout.some((s) => s.key === key)
  const deletes = exists && !kept ? [shardFile(key)] : []
  return {
    files,
    deletes,
    cost: files.length + deletes.length,
    added: layout.map((s) => s.key).filter((k) => !keys.has(k)),
    removed: exists && !kept ? [key] : [],
  }
}

/** The recent segment's text: terms sorted, each `[df change, gap, score, …]`. */
function recentText(pending: ReadonlyMap<string, Pending>): string {
  const segment: Record<string, Postings> = {}
  for (const term of [...pending.keys()].sort(compare)) {
    const { df, scores } = pending.get(term)!
    segment[term] = encodeEntries(df, [...scores])
  }
  return JSON.stringify(segment)
}

function parse<T>(text: string | null, file: string): T {
  if (text === null) throw new Error(`search: ${file} is missing`)
  return JSON.parse(text) as T
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
