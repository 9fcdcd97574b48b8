import {
  chunkFile,
  chunkSpans,
  locate,
  type ChunkSpan,
} from '../../src/features/articles/api/listing-layout.ts'
import type { ListingChunk, ListingHead, Summary } from '../../src/features/articles/api/schemas.ts'
import { encodeIdIndex, listingLayout } from './listings.ts'

/**
 * One listing's files changed by one story, without rewriting the listing (docs/decisions/019-listing-chunks.md):
 * what the sync (issue 11) calls for each listing a new, edited or withdrawn story is in. Pure: the caller
 * reads the head, the ids and the chunks chunksToRead names, and writes what applyListingChange returns.
 */

/** A listing as the sync holds it: its head, its ids, and where its files are. */
export interface ListingState {
  /** The listing's folder under the API: `lists/latest`, `lists/tags/climate`. */
  dir: string
  /** Its id index (`ids/tags/climate.json`); the latest stories have none. */
  idsFile?: string
  head: ListingHead
  /** The ids of its stories, newest first (descending): its id index, or every story for the latest. */
  ids: readonly number[]
}

/** A story joining the listing, changing in it (same id, new summary), or leaving it. */
export type ListingChange =
  | { type: 'add'; summary: Summary }
  | { type: 'edit'; summary: Summary }
  | { type: 'remove'; id: number }

/** A file to write, relative to the API's root. */
export interface ListingFile {
  path: string
  text: string
}

/** Where a change lands: in the head's own stories, or at `index` of a chunk. */
interface Plan {
  span?: ChunkSpan
  index: number
  /** Newest chunks a removal from the head takes back into it, to keep page 1 whole. */
  unseal: ChunkSpan[]
}

/**
 * The files of a listing as a build writes them, in memory: for a sync that lays one listing out afresh,
 * and for tests that check the build and the updates agree.
 */
export function layOutListing(
  dir: string,
  ids: readonly number[],
  summaryOf: (id: number) => Summary,
  pageSize: number,
): { head: ListingHead; chunks: Map<string, ListingChunk> } {
  const { total, headCount, chunkCount, chunkSize } = listingLayout(ids.length, pageSize)
  const own = ids.slice(0, headCount).map(summaryOf)
  const head: ListingHead = {
    page: 1,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    pageSize,
    total,
    items: own.slice(0, pageSize),
    rest: own.slice(pageSize),
    chunkSize,
    chunkCount,
    version: 0,
    changed: [],
  }
  const chunks = new Map<string, ListingChunk>()
  for (let chunk = 0; chunk < chunkCount; chunk++) {
    const to = total - chunk * chunkSize
    const items = ids.slice(to - chunkSize, to).map(summaryOf)
    chunks.set(`${dir}/${chunkFile(chunk, 0)}`, { chunk, items })
  }
  return { head, chunks }
}

/**
 * A head with its `lead` (docs/api.md: the latest listing's newest marked story, when its first page does
 * not hold it) set, or removed when undefined; in the place a build writes it, after `items`.
 */
export function withLead(head: ListingHead, lead: Summary | undefined): ListingHead {
  const { page, pageCount, pageSize, total, items, rest, chunkSize, chunkCount, version, changed } =
    head
  return {
    page,
    pageCount,
    pageSize,
    total,
    items,
    ...(lead ? { lead } : {}),
    rest,
    chunkSize,
    chunkCount,
    version,
    changed,
  }
}

/** Index of `id` in ids sorted descending, or where it would go (the number of larger ids). */
function search(ids: readonly number[], id: number): { index: number; found: boolean } {
  let low = 0
  let high = ids.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (ids[mid]! > id) low = mid + 1
    else high = mid
  }
  return { index: low, found: ids[low] === id }
}

const idOf = (change: ListingChange) => (change.type === 'remove' ? change.id : change.summary.id)

function plan(state: ListingState, change: ListingChange): Plan {
  const { head, ids } = state
  const headCount = head.items.length + head.rest.length
  const spans = chunkSpans(head, headCount)
  const { index: position, found } = search(ids, idOf(change))
  if (found !== (change.type !== 'add')) {
    throw new Error(
      `${state.dir}: story ${idOf(change)} is ${found ? 'already' : 'not'} in the listing (${change.type})`,
    )
  }
  if (change.type === 'add') {
    // Into the head when it is at least as new as the head's oldest story; else into the chunk holding
    // the story it goes before, or the oldest non-empty chunk when it is the oldest of all.
    if (position <= headCount) return { index: position, unseal: [] }
    if (position < ids.length) return { ...locate(spans, headCount, position), unseal: [] }
    const oldest = spans.findLast((span) => span.count > 0)!
    return { span: oldest, index: oldest.count, unseal: [] }
  }
  const place = locate(spans, headCount, position)
  const unseal: ChunkSpan[] = []
  if (change.type === 'remove' && !place.span) {
    // Page 1 stays whole: the head takes back the newest chunks while it has less than a page.
    let count = headCount - 1
    for (const span of spans) {
      if (count >= head.pageSize) break
      unseal.push(span)
      count += span.count
    }
  }
  return { ...place, unseal }
}

/**
 * The chunk files (paths under the API's root) applyListingChange needs the current content of: the one
 * holding the story, and for a withdrawal from the head the chunks the head takes back. Usually none or one.
 */
export function chunksToRead(state: ListingState, change: ListingChange): string[] {
  const { span, unseal } = plan(state, change)
  return [...(span ? [span] : []), ...unseal]
    .filter((s) => s.count > 0)
    .map((s) => `${state.dir}/${chunkFile(s.chunk, s.version)}`)
}

/**
 * Applies one change to one listing: the files to write (new chunk files first, then the id index, then
 * the head, the order to publish them in when not all at once: a head never names a chunk not yet
 * written) and the listing afterwards. A new story rewrites the head and, once in a page of new stories,
 * writes one new chunk; an edit rewrites the file holding the story (and the head, which names the chunk's
 * new file); a withdrawal rewrites the chunk and the head. `chunks` holds what chunksToRead named.
 */
export function applyListingChange(
  state: ListingState,
  change: ListingChange,
  chunks: ReadonlyMap<string, ListingChunk>,
): { files: ListingFile[]; state: ListingState } {
  const { head, dir } = state
  const { span, index, unseal } = plan(state, change)
  const version = head.version + 1
  const changed = new Map<number, [number, number, number]>(
    head.changed.map((entry) => [entry[0], entry]),
  )
  const files: ListingFile[] = []
  const read = (s: ChunkSpan) => {
    if (s.count === 0) return []
    const path = `${dir}/${chunkFile(s.chunk, s.version)}`
    const chunk = chunks.get(path)
    if (!chunk || chunk.items.length !== s.count)
      throw new Error(`${path}: not read, or not as the head says`)
    return [...chunk.items]
  }
  const write = (chunk: number, items: Summary[]) => {
    changed.set(chunk, [chunk, items.length, version])
    // An emptied chunk needs no file: the head says it holds nothing, and no reader asks for it.
    if (items.length) {
      files.push({
        path: `${dir}/${chunkFile(chunk, version)}`,
        text: JSON.stringify({ chunk, items }),
      })
    }
  }

  let own = [...head.items, ...head.rest]
  let chunkCount = head.chunkCount
  const ids = [...state.ids]
  const { index: position } = search(ids, idOf(change))
  if (change.type === 'add') ids.splice(position, 0, change.summary.id)
  if (change.type === 'remove') ids.splice(position, 1)

  const edit = (items: Summary[]) => {
    if (change.type === 'add') items.splice(index, 0, change.summary)
    else if (change.type === 'edit') items[index] = change.summary
    else items.splice(index, 1)
    return items
  }
  if (span) write(span.chunk, edit(read(span)))
  else own = edit(own)

  for (const taken of unseal) {
    own.push(...read(taken))
    changed.delete(taken.chunk)
    chunkCount--
  }
  if (own.length >= head.pageSize + head.chunkSize) {
    // A page and a chunk of new stories: the oldest chunk's worth is sealed under a new name.
    write(chunkCount++, own.splice(own.length - head.chunkSize))
  }

  const total = ids.length
  // The lead stays as it was: only the sync knows every story's mark (update-api.ts sets it after all).
  const next: ListingHead = withLead(
    {
      page: 1,
      pageCount: Math.max(1, Math.ceil(total / head.pageSize)),
      pageSize: head.pageSize,
      total,
      items: own.slice(0, head.pageSize),
      rest: own.slice(head.pageSize),
      chunkSize: head.chunkSize,
      chunkCount,
      version,
      changed: [...changed.values()].sort((a, b) => a[0] - b[0]),
    },
    head.lead,
  )
  if (state.idsFile && change.type !== 'edit') {
    files.push({ path: state.idsFile, text: JSON.stringify(encodeIdIndex(ids, head.pageSize)) })
  }
  files.push({ path: `${dir}/1.json`, text: JSON.stringify(next) })
  return { files, state: { ...state, head: next, ids } }
}
