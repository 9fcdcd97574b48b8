import { lowerBound } from './lower-bound.ts'

/**
 * "Related stories": for every story, the few others that share most of its tags and its section, found at
 * API build time so that the reader's browser needs no request and no index of its own for them.
 *
 * A candidate's score is the sum, over the tags it shares with the story, of each tag's rarity (its inverse
 * document frequency, ln(1 + stories / stories carrying the tag)), plus SECTION_BONUS when it is in the same
 * section. Sharing "Azerbaijan" says much more than sharing "Politics", so rare tags count for more. Equal
 * scores go to the more recent story. A story is never related to itself.
 *
 * Scale: candidates come from the posting list (the stories, in publication order) of each of the story's
 * tags and of its section. A list longer than `postingsCut` is read only around the story itself: the
 * `postingsCut` stories nearest to it in time. Rare tags, which decide the best matches, have short lists and
 * are always read whole; only common tags and big sections are cut, where a story from the same weeks is the
 * better suggestion anyway. The work is O(stories × terms × postingsCut), whatever the size of the archive.
 */

/** How many related stories each story gets. */
export const RELATED_LIMIT = 4
/** What sharing the section adds to a score: as much as a tag carried by three stories in five. */
export const SECTION_BONUS = 1
/** At most this many candidates are read from any one posting list for one story. */
export const POSTINGS_CUT = 200

/** What the scoring needs of a story; stories are given in publication order, oldest first (their ids). */
export interface RelatedInput {
  section: string
  tags: readonly string[]
}

export interface RelatedOptions {
  limit?: number
  postingsCut?: number
  /**
   * Work out only these stories' lists (the others are left empty): a sync needs the lists of the few
   * stories it rewrites, scored against the whole archive exactly as a build scores them.
   */
  only?: ReadonlySet<number>
}

/**
 * The related stories of every story, as ids (indexes into `stories`), best match first. Stories must be in
 * publication order: a higher index is a more recent story.
 */
export function findRelated(
  stories: readonly RelatedInput[],
  { limit = RELATED_LIMIT, postingsCut = POSTINGS_CUT, only }: RelatedOptions = {},
): number[][] {
  const n = stories.length
  const tagPostings = new Map<string, number[]>()
  const sectionPostings = new Map<string, number[]>()
  const post = (map: Map<string, number[]>, key: string, id: number) => {
    const list = map.get(key)
    if (list) list.push(id)
    else map.set(key, [id])
  }
  stories.forEach(({ section, tags }, id) => {
    post(sectionPostings, section, id)
    for (const tag of new Set(tags)) post(tagPostings, tag, id)
  })
  const weight = new Map<string, number>()
  for (const [tag, list] of tagPostings) weight.set(tag, Math.log(1 + n / list.length))

  // One score per story, reset after each use: no allocation per story, and no hashing.
  const scores = new Float64Array(n)
  const touched: number[] = []
  const related: number[][] = new Array<number[]>(n)
  const better = (a: number, b: number) =>
    scores[a]! > scores[b]! || (scores[a] === scores[b] && a > b)

  const add = (list: readonly number[], id: number, w: number) => {
    let from = 0
    let to = list.length
    if (list.length > postingsCut) {
      from = Math.min(
        Math.max(0, lowerBound(list, id) - (postingsCut >> 1)),
        list.length - postingsCut,
      )
      to = from + postingsCut
    }
    for (let i = from; i < to; i++) {
      const other = list[i]!
      if (other === id) continue
      if (scores[other] === 0) touched.push(other)
      scores[other] = scores[other]! + w
    }
  }

  for (let id = 0; id < n; id++) {
    if (only && !only.has(id)) {
      related[id] = []
      continue
    }
    const { section, tags } = stories[id]!
    for (const tag of new Set(tags)) add(tagPostings.get(tag)!, id, weight.get(tag)!)
    add(sectionPostings.get(section)!, id, SECTION_BONUS)
    // The best `limit`, kept sorted: a candidate that beats the last takes its place and moves up.
    const best: number[] = []
    for (const other of touched) {
      if (best.length === limit && !better(other, best[limit - 1]!)) continue
      let at = Math.min(best.length, limit - 1)
      best[at] = other
      while (at > 0 && better(other, best[at - 1]!)) {
        best[at] = best[at - 1]!
        best[--at] = other
      }
    }
    related[id] = best
    for (const other of touched) scores[other] = 0
    touched.length = 0
  }
  return related
}
