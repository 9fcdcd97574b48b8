import { act, screen, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import {
  getReadStories,
  recordOpened,
  recordPlace,
  STORAGE_KEY,
} from '@/features/reading-history/api/reading-history'
import { saveStory } from '@/features/saved/api/saved-stories'
import { renderApp } from '../../../utils/render-app'
import { savableStory, withNothingSaved } from '../../../utils/saved-stories'
import { withNoHistory } from './with-no-history'

withNoHistory()
withNothingSaved()

/** The card (article) of a listed story, by its headline. */
const card = (headline: string) =>
  screen.getByRole('heading', { level: 2, name: headline }).closest('article')!

/** The card's read mark, once the page's extras (and with them the marks) have loaded. */
const findMark = (headline: string, text: string | RegExp) =>
  within(card(headline)).findByText(text)

describe('read marks on story cards', () => {
  test('a story opened on this device says "Read" on its card; the others do not', async () => {
    recordOpened('third-story')
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    const mark = await findMark('The third story', 'Read')
    // The mark lets the card quieten its headline (story-card.tsx).
    expect(mark).toHaveAttribute('data-read')
    expect(within(card('The second story')).queryByText('Read')).not.toBeInTheDocument()
  })

  test('opening a story records it, and its card says "Read" when the reader comes back', async () => {
    const { user, router } = renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    await user.click(screen.getByRole('link', { name: 'The third story' }))
    await screen.findByRole('heading', { level: 1, name: 'The third story' })
    // Recorded once the story page's extras have loaded.
    await expect.poll(() => getReadStories().map((s) => s.slug)).toEqual(['third-story'])

    await act(() => router.navigate(-1))
    expect(await findMark('The third story', 'Read')).toBeVisible()
    expect(within(card('The second story')).queryByText('Read')).not.toBeInTheDocument()
  })

  test('a long read left partway says how far along it is', async () => {
    recordOpened('second-story')
    recordPlace('second-story', { block: 8, progress: 0.42 })
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })

    expect(await findMark('The second story', 'Continue reading: 42 % read')).toBeVisible()
  })

  test('follows the history another tab writes', async () => {
    recordOpened('second-story')
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    await findMark('The second story', 'Read')

    act(() => {
      localStorage.setItem(
        STORAGE_KEY,
        JSON.stringify({ version: 1, stories: [{ slug: 'third-story', openedAt: 1 }] }),
      )
      window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY }))
    })

    expect(await findMark('The third story', 'Read')).toBeVisible()
    expect(within(card('The second story')).queryByText('Read')).not.toBeInTheDocument()
  })
})

describe('read marks beyond the listings', () => {
  test('on the Saved page, a saved story already opened says "Read"; the others do not', async () => {
    saveStory(savableStory('first-story', 'The first story'), 1_000)
    saveStory(savableStory('third-story', 'The third story'), 2_000)
    recordOpened('third-story')
    renderApp('/saved')
    await screen.findByRole('heading', { level: 1, name: 'Saved stories' })

    expect(await findMark('The third story', 'Read')).toHaveAttribute('data-read')
    expect(within(card('The first story')).queryByText('Read')).not.toBeInTheDocument()
  })

  test('in search results, a story already opened says how far along it is', async () => {
    recordOpened('third-story')
    recordPlace('third-story', { block: 3, progress: 0.3 })
    renderApp('/search?q=story')
    await screen.findByRole('heading', { level: 2, name: 'The third story' }, { timeout: 8_000 })

    expect(await findMark('The third story', 'Continue reading: 30 % read')).toBeVisible()
    expect(within(card('The first story')).queryByText(/Read|read/)).not.toBeInTheDocument()
  })
})
