/**
 * How a listing is laid out in files (docs/api.md, "Listings"; docs/decisions/019-listing-chunks.md): a
 * head (`1.json`: page 1, the next few stories and a map of the rest) and sealed chunks numbered from the
 * oldest story, so a new story changes the head and seldom anything else. Pure arithmetic, shared by the
 * API build, the coming sync (scripts/api/listing-update.ts) and the reader's fetchers.
 */

/** A chunk whose stories or file differ from the build's: `[chunk, stories, version]`. */
export type ChangedChunk = readonly [chunk: number, count: number, version: number]

/** What a head says about the sealed chunks below its own stories. */
export interface ChunkMap {
  /** Stories in a chunk as the build writes it. */
  chunkSize: number
  /** Sealed chunks, numbered 0 (the oldest stories) to `chunkCount - 1`. */
  chunkCount: number
  /** Changes since the build: 0 after a build, one more for each change a sync makes. */
  version: number
  /** Chunks not as the build wrote them, by chunk number ascending. */
  changed: readonly ChangedChunk[]
}

/** One sealed chunk as the reader meets it going back in time: where it starts, counted from the newest. */
export interface ChunkSpan {
  chunk: number
  count: number
  version: number
  /** The position (0 = the newest story of the listing) of the chunk's first (newest) story. */
  start: number
}

/**
 * The file of a chunk, relative to its listing's folder. A build's chunks keep their number as name; a
 * chunk a sync writes carries the version that wrote it, so no file name is ever reused for new content
 * between builds (docs/api.md, caching).
 */
export function chunkFile(chunk: number, version: number): string {
  return version === 0 ? `chunks/${chunk}.json` : `chunks/${chunk}-${version}.json`
}

/**
 * How many chunks a build seals for a listing of `total` stories: as many as leave the head at least a page
 * (and fewer than a page and a chunk), so page 1 is always the head alone.
 */
export function sealedChunks(total: number, pageSize: number, chunkSize: number): number {
  return total > pageSize ? Math.floor((total - pageSize) / chunkSize) : 0
}

/** Every sealed chunk, newest first, with where it starts; `headCount` is the number of stories in the head. */
export function chunkSpans(map: ChunkMap, headCount: number): ChunkSpan[] {
  const changed = new Map(map.changed.map(([chunk, count, version]) => [chunk, { count, version }]))
  const spans: ChunkSpan[] = []
  let start = headCount
  for (let chunk = map.chunkCount - 1; chunk >= 0; chunk--) {
    const { count, version } = changed.get(chunk) ?? { count: map.chunkSize, version: 0 }
    spans.push({ chunk, count, version, start })
    start += count
  }
  return spans
}

/** Stories in the sealed chunks: with the head's own, the listing's total. */
export function sealedStories(map: ChunkMap): number {
  let total = (map.chunkCount - map.changed.length) * map.chunkSize
  for (const [, count] of map.changed) total += count
  return total
}

/** Where the story at `position` (0 = the newest) lives: in the head (`span` undefined) or in a chunk. */
export interface Place {
  span?: ChunkSpan
  /** The story's index in the head's stories (page 1's, then `rest`) or in the chunk's items. */
  index: number
}

/**
 * Finds the file that holds each position (0 = the newest), for a page of the listing or for the matches
 * of a filter. `spans` is chunkSpans' answer; positions past the listing's end are not asked for.
 */
export function locate(spans: readonly ChunkSpan[], headCount: number, position: number): Place {
  if (position < headCount) return { index: position }
  // Spans are in order of start; the last one starting at or before the position holds it (an empty
  // chunk starts where the next one does, so it is never the last).
  let low = 0
  let high = spans.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (spans[mid]!.start <= position) low = mid
    else high = mid - 1
  }
  const span = spans[low]!
  return { span, index: position - span.start }
}
