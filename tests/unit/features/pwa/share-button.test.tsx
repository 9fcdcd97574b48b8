import { act, screen } from '@testing-library/react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { COPIED_NOTICE_MS } from '@/features/pwa/components/share-button'
import { renderApp } from '../../../utils/render-app'

const STORY_URL = `${window.location.origin}/articles/first-story`

/** Gives the page a Web Share API (jsdom has none) for one test. */
function withWebShare(share: (data: ShareData) => Promise<void>) {
  const spy = vi.fn(share)
  Object.defineProperty(navigator, 'share', { value: spy, configurable: true })
  return spy
}

afterEach(() => {
  delete (navigator as { share?: unknown }).share
})

async function openStory() {
  const app = renderApp('/articles/first-story')
  await screen.findByRole('heading', { level: 1, name: 'The first story' })
  return app
}

describe('the Share button on a story', () => {
  test('hands the story to the Web Share API where there is one', async () => {
    const share = withWebShare(() => Promise.resolve())
    const { user } = await openStory()

    await user.click(screen.getByRole('button', { name: 'Share' }))

    expect(share).toHaveBeenCalledWith({
      title: 'The first story',
      text: 'Where it all begins.',
      url: STORY_URL,
    })
    expect(screen.queryByText('Link copied')).not.toBeInTheDocument()
  })

  test('says nothing when the reader closes the share sheet', async () => {
    withWebShare(() => Promise.reject(new DOMException('Share canceled', 'AbortError')))
    const { user } = await openStory()
    const copy = vi.spyOn(navigator.clipboard, 'writeText')

    await user.click(screen.getByRole('button', { name: 'Share' }))

    expect(copy).not.toHaveBeenCalled()
    expect(screen.queryByText('Link copied')).not.toBeInTheDocument()
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument()
  })

  test('without the Web Share API, copies the canonical link and says so', async () => {
    const { user } = await openStory()
    expect('share' in navigator).toBe(false)

    await user.click(screen.getByRole('button', { name: 'Share' }))

    expect(await screen.findByText('Link copied')).toBeVisible()
    expect(screen.getByText('Link copied')).toHaveAttribute('role', 'status')
    expect(await navigator.clipboard.readText()).toBe(STORY_URL)
  })

  test('copies the link when sharing is refused for another reason', async () => {
    withWebShare(() => Promise.reject(new DOMException('Not allowed', 'NotAllowedError')))
    const { user } = await openStory()

    await user.click(screen.getByRole('button', { name: 'Share' }))

    expect(await screen.findByText('Link copied')).toBeVisible()
    expect(await navigator.clipboard.readText()).toBe(STORY_URL)
  })

  test('"Link copied" goes away after a few seconds', async () => {
    await openStory()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      await act(async () => screen.getByRole('button', { name: 'Share' }).click())
      expect(screen.getByText('Link copied')).toBeVisible()

      act(() => vi.advanceTimersByTime(COPIED_NOTICE_MS - 100))
      expect(screen.getByText('Link copied')).toBeVisible()
      act(() => vi.advanceTimersByTime(100))
      expect(screen.queryByText('Link copied')).not.toBeInTheDocument()
    } finally {
      vi.useRealTimers()
    }
  })

  test('when copying fails too, shows the link selected in a field to copy by hand', async () => {
    const { user } = await openStory()
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(
      new DOMException('Write permission denied.', 'NotAllowedError'),
    )

    await user.click(screen.getByRole('button', { name: 'Share' }))

    const field = await screen.findByRole('textbox', { name: 'Link to this story' })
    expect(field).toHaveValue(STORY_URL)
    expect(field).toHaveFocus()
    const input = field as HTMLInputElement
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, STORY_URL.length])
    expect(screen.getByText(/The link could not be copied/)).toHaveAttribute('role', 'status')
    expect(screen.queryByText('Link copied')).not.toBeInTheDocument()
  })

  test('with no clipboard at all, offers the field as well', async () => {
    const { user } = await openStory()
    const clipboard = Object.getOwnPropertyDescriptor(navigator, 'clipboard')
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })
    try {
      await user.click(screen.getByRole('button', { name: 'Share' }))
      expect(await screen.findByRole('textbox', { name: 'Link to this story' })).toHaveValue(
        STORY_URL,
      )
    } finally {
      if (clipboard) Object.defineProperty(navigator, 'clipboard', clipboard)
    }
  })
})
