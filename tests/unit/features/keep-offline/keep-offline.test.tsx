import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, test, vi } from 'vitest'
import { getBudget, getKeptTopics, keepTopic, MB } from '@/features/keep-offline/api/kept-topics'
import { KEPT_CACHE } from '@/features/pwa/cache-names'
import { renderApp } from '../../../utils/render-app'
import { FakeCacheStorage } from '../saved/fake-cache-storage'
import { withNothingKept } from './with-nothing-kept'

withNothingKept()

/** Cache Storage, which jsdom lacks, in memory. */
function withCacheStorage() {
  const storage = new FakeCacheStorage()
  vi.stubGlobal('caches', storage)
  return storage
}

const world = { kind: 'sections', slug: 'world' } as const

describe('Keep offline on a topic’s page', () => {
  test('is a toggle with one plain name: pressed keeps the topic, with its copies; pressed again, not', async () => {
    const storage = withCacheStorage()
    const { user } = renderApp('/sections/world')
    await screen.findByRole('heading', { level: 1, name: 'World' })
    const keep = await screen.findByRole('button', { name: 'Keep offline' })
    expect(keep).toHaveAttribute('aria-pressed', 'false')

    await user.click(keep)
    expect(keep).toHaveAttribute('aria-pressed', 'true')
    expect(keep).toHaveAccessibleName('Keep offline')
    expect(getKeptTopics()).toEqual([expect.objectContaining({ ...world, name: 'World' })])
    const held = () => storage.caches.get(KEPT_CACHE)?.paths() ?? []
    await waitFor(() => expect(held()).toContain('/api/lists/sections/world/1.json'))
    await waitFor(() => expect(held().some((p) => p.startsWith('/api/articles/'))).toBe(true))

    await user.click(keep)
    expect(keep).toHaveAttribute('aria-pressed', 'false')
    expect(getKeptTopics()).toEqual([])
    await waitFor(() => expect(held()).toEqual([]))
  })

  test('is not on the latest stories, which are not a topic', async () => {
    renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Latest stories' })
    // The frame's extras have loaded (the Theme control is one of them), the button with them.
    await screen.findByRole('combobox', { name: 'Theme' })
    expect(screen.queryByRole('button', { name: 'Keep offline' })).toBeNull()
  })
})

describe('the Offline reading panel', () => {
  const panel = () => screen.getByRole('region', { name: 'Offline reading' })

  test('shows what each kept topic uses, and stops keeping one', async () => {
    withCacheStorage()
    keepTopic(world, 'World')
    keepTopic({ kind: 'tags', slug: 'alpha' }, 'Alpha')
    const { user } = renderApp('/saved')
    await screen.findByRole('region', { name: 'Offline reading' })

    const item = (name: string) =>
      within(panel()).getByRole('link', { name }).closest('li') as HTMLElement
    // Measured once the copies are made: a size, not "Measuring…".
    await waitFor(() => expect(item('World')).toHaveTextContent(/\d+ (kB|MB)/))
    expect(within(panel()).getByRole('status')).toHaveTextContent(/^Using .+ of 50 MB\.$/)
    expect(within(panel()).getByRole('link', { name: 'World' })).toHaveAttribute(
      'href',
      '/sections/world',
    )

    const stop = within(item('World')).getByRole('button', { name: 'Stop keeping' })
    expect(stop).toHaveAccessibleDescription('World')
    await user.click(stop)
    expect(getKeptTopics().map((t) => t.slug)).toEqual(['alpha'])
    expect(within(panel()).queryByRole('link', { name: 'World' })).toBeNull()
  })

  test('sets the storage budget, 50 MB unless chosen', async () => {
    withCacheStorage()
    const { user } = renderApp('/saved')
    await screen.findByRole('region', { name: 'Offline reading' })
    const budget = within(panel()).getByRole('combobox', { name: 'Storage budget' })
    expect(budget).toHaveDisplayValue('50 MB')
    expect(
      within(budget)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['25 MB', '50 MB', '100 MB', '250 MB'])

    await user.selectOptions(budget, '100 MB')
    expect(getBudget()).toBe(100 * MB)
    await waitFor(() =>
      expect(within(panel()).getByRole('status')).toHaveTextContent(/of 100 MB\.$/),
    )
  })

  test('Clear stops keeping every topic and empties the copies', async () => {
    const storage = withCacheStorage()
    keepTopic(world, 'World')
    const { user } = renderApp('/saved')
    await screen.findByRole('region', { name: 'Offline reading' })
    const held = () => storage.caches.get(KEPT_CACHE)?.paths() ?? []
    await waitFor(() => expect(held()).toContain('/api/lists/sections/world/1.json'))

    await user.click(within(panel()).getByRole('button', { name: 'Clear' }))
    await waitFor(() => expect(held()).toEqual([]))
    expect(getKeptTopics()).toEqual([])
    expect(
      within(panel()).getByText(
        'No topics are kept offline. Choose Keep offline on a section, tag or author page.',
      ),
    ).toBeVisible()
    expect(within(panel()).getByRole('status')).toHaveTextContent('Using 0 kB of 50 MB.')
  })
})
