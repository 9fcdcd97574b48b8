/**
 * The position of the first entry ≥ `value` in an ascending list (the list's length when there is none),
 * by binary search: how related stories find a story in a tag's posting list, and how the search index's
 * update finds a shard's first key, in one place.
 */
export function lowerBound<T extends number | string>(sorted: readonly T[], value: T): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (sorted[mid]! < value) low = mid + 1
    else high = mid
  }
  return low
}
