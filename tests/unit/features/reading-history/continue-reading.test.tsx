import { act, render, screen } from '@testing-library/react'
import { createRef } from 'react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, test, vi } from 'vitest'
import {
  getReadStory,
  recordOpened,
  recordPlace,
} from '@/features/reading-history/api/reading-history'
import {
  ContinueReading,
  type OpenedStory,
} from '@/features/reading-history/components/continue-reading'
import { withNoHistory } from './with-no-history'

withNoHistory()

const longRead: OpenedStory = { slug: 'long-read', kind: 'longread', readingMinutes: 12 }
const BLOCKS = 40
/** jsdom lays nothing out: a page where the body starts 500px down and each block is 100px tall. */
const BODY_TOP = 500
const BLOCK_HEIGHT = 100
/** Marks the body for the layout stand-in below only. */
const BODY = 'data-test-body'
let scrolled = 0
const scrollIntoView = vi.fn()

beforeEach(() => {
  scrolled = 0
  scrollIntoView.mockReset()
  Element.prototype.scrollIntoView = scrollIntoView
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const body = this.hasAttribute(BODY)
    const index = this.parentElement?.hasAttribute(BODY)
      ? [...this.parentElement.children].indexOf(this)
      : -1
    const top = BODY_TOP - scrolled + (index >= 0 ? index * BLOCK_HEIGHT : 0)
    const height = body ? BLOCKS * BLOCK_HEIGHT : index >= 0 ? BLOCK_HEIGHT : 0
    return DOMRect.fromRect({ x: 0, y: top, width: 600, height })
  })
  return () => {
    // @ts-expect-error -- jsdom has none: take the stand-in away again
    delete Element.prototype.scrollIntoView
  }
})

/**
 * A story page, as far as the reading history sees it: the controls, then the body's blocks, in the
 * element the page hands over. No class or other mark the history could find by itself: it must use that.
 */
function renderStory(story: OpenedStory = longRead, bodyShown = true) {
  const body = createRef<HTMLDivElement>()
  return render(
    <main>
      <article>
        <ContinueReading story={story} body={body} bodyShown={bodyShown} />
        <div ref={body} {...{ [BODY]: '' }}>
          {Array.from({ length: BLOCKS }, (_, i) => (
            <p key={i}>Block {i}</p>
          ))}
        </div>
      </article>
    </main>,
  )
}

/** The reader scrolls the page to `y`; the history measures on the next frame. */
async function scrollTo(y: number) {
  scrolled = y
  await act(async () => {
    window.dispatchEvent(new Event('scroll'))
    await new Promise((resolve) => requestAnimationFrame(resolve))
  })
}

const continueButton = () => screen.queryByRole('button', { name: 'Continue reading' })

describe('Continue reading', () => {
  test('opening a story records it', () => {
    renderStory({ slug: 'short', kind: 'news', readingMinutes: 2 })
    expect(getReadStory('short')).toBeDefined()
    expect(continueButton()).not.toBeInTheDocument()
  })

  test('a long read left halfway offers it; pressing it brings that block back and focuses it', async () => {
    recordOpened(longRead.slug, 1)
    recordPlace(longRead.slug, { block: 20, progress: 0.5 })
    const user = userEvent.setup()
    renderStory()

    expect(screen.getByText('You left off 50 % of the way through.')).toBeVisible()
    await user.click(continueButton()!)

    const block = screen.getByText('Block 20')
    expect(scrollIntoView).toHaveBeenCalledTimes(1)
    expect(scrollIntoView.mock.contexts[0]).toBe(block)
    expect(block).toHaveFocus()
    expect(block).toHaveAttribute('tabindex', '-1')
    // Done its job: the offer goes, and focus is already past it.
    expect(continueButton()).not.toBeInTheDocument()
  })

  test('never scrolls by itself', () => {
    recordOpened(longRead.slug, 1)
    recordPlace(longRead.slug, { block: 20, progress: 0.5 })
    renderStory()
    expect(continueButton()).toBeVisible()
    expect(scrollIntoView).not.toHaveBeenCalled()
  })

  test.each([
    ['near the start', 0.05],
    ['near the end', 0.95],
  ])('is not offered %s', (_, progress) => {
    recordOpened(longRead.slug, 1)
    recordPlace(longRead.slug, { block: 2, progress })
    renderStory()
    expect(continueButton()).not.toBeInTheDocument()
  })

  test('is not offered on a short story, nor before its body is on the page', () => {
    const short = { slug: 'short', kind: 'news', readingMinutes: 3 }
    recordOpened(short.slug, 1)
    recordPlace(short.slug, { block: 2, progress: 0.5 })
    const { unmount } = renderStory(short)
    expect(continueButton()).not.toBeInTheDocument()
    unmount()

    recordOpened(longRead.slug, 1)
    recordPlace(longRead.slug, { block: 20, progress: 0.5 })
    renderStory(longRead, false)
    expect(continueButton()).not.toBeInTheDocument()
  })

  test('keeps the block at the top of the screen as the reader scrolls, past the first 10 %', async () => {
    renderStory()
    // Block 12 (from 1,700px) reaches over the top of the screen.
    await scrollTo(BODY_TOP + 12 * BLOCK_HEIGHT + 40)
    expect(getReadStory(longRead.slug)?.place).toEqual({
      block: 12,
      progress: (12 * BLOCK_HEIGHT + 40) / (BLOCKS * BLOCK_HEIGHT),
    })

    // Further down the same block: nothing to write.
    const written = vi.spyOn(Storage.prototype, 'setItem')
    await scrollTo(BODY_TOP + 12 * BLOCK_HEIGHT + 80)
    expect(written).not.toHaveBeenCalled()

    // Back near the top: the place left before is kept.
    await scrollTo(BODY_TOP + 100)
    expect(getReadStory(longRead.slug)?.place?.block).toBe(12)
  })

  test('reaching the end clears the place, and the offer with it', async () => {
    recordOpened(longRead.slug, 1)
    recordPlace(longRead.slug, { block: 20, progress: 0.5 })
    renderStory()
    expect(continueButton()).toBeVisible()

    // The body's end comes up on the screen.
    await scrollTo(BODY_TOP + BLOCKS * BLOCK_HEIGHT - window.innerHeight)
    expect(getReadStory(longRead.slug)).toBeDefined()
    expect(getReadStory(longRead.slug)?.place).toBeUndefined()
    expect(continueButton()).not.toBeInTheDocument()
  })
})
