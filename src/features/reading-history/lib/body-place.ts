import type { ReadingPlace } from '../api/reading-history'

/**
 * Places in a story's body, by block: each child of the body element is one block of the API's body
 * (a paragraph, heading, quote, list, figure or HTML block). A block, unlike a scroll offset, is the same
 * place at any text size and screen width.
 */

export interface PlaceOnScreen extends ReadingPlace {
  /** The end of the body is on screen: the story is read to its end. */
  finished: boolean
}

/** Where the reader is: the first block that reaches below the top of the screen. Reads layout only. */
export function placeOnScreen(body: HTMLElement): PlaceOnScreen {
  const blocks = body.children
  // Blocks stack down the page: a binary search finds the first whose bottom is below the top.
  let low = 0
  let high = blocks.length - 1
  while (low < high) {
    const middle = (low + high) >> 1
    if (blocks[middle]!.getBoundingClientRect().bottom > 0) high = middle
    else low = middle + 1
  }
  const box = body.getBoundingClientRect()
  const progress = box.height > 0 ? Math.min(1, Math.max(0, -box.top / box.height)) : 0
  // Within a pixel: layout in fractions of a pixel may leave the end a hair below the screen's edge.
  return { block: low, progress, finished: box.bottom <= window.innerHeight + 1 }
}

/**
 * Brings a block to the top of the screen and moves focus to it, so that reading (and a screen reader)
 * carries on from there. Returns false when the body has no such block (the story changed since).
 */
export function goToBlock(body: HTMLElement, index: number): boolean {
  const block = body.children[index]
  if (!(block instanceof HTMLElement)) return false
  // Focusable from script only: it is not a stop on the Tab key's way through the page.
  if (!block.hasAttribute('tabindex')) block.tabIndex = -1
  block.focus({ preventScroll: true })
  block.scrollIntoView({ block: 'start' })
  return true
}
