import { screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, test, vi } from 'vitest'
import type * as RelatedStoriesModule from '@/features/articles/components/related-stories'
import { expectConsoleError } from '../../utils/console'
import { renderApp } from '../../utils/render-app'

/**
 * The box below a story is a part of its own (src/components/ui/part-boundary.tsx): whatever fails in it
 * fails the box alone, and the story stays. Its request failing is the "More from" box's own panel
 * (article-view.test.tsx); here, its code failing to load, and a crash while it renders.
 */
const related = vi.hoisted(() => ({ chunk: 'loads', render: 'works' }))
const WORKING = { chunk: 'loads', render: 'works' }
beforeEach(() => {
  Object.assign(related, WORKING)
})

// The box's lazily loaded module: its import rejects, as a chunk that cannot be fetched does, until told
// otherwise; and, loaded, its component can crash while rendering.
vi.mock('@/features/articles/components/related-stories', async (importOriginal) => {
  if (related.chunk === 'fails') throw new Error('Failed to fetch dynamically imported module')
  const actual = await importOriginal<typeof RelatedStoriesModule>()
  return {
    RelatedStories: (props: Parameters<typeof actual.RelatedStories>[0]) => {
      if (related.render === 'crashes') throw new Error('The related box exploded')
      return <actual.RelatedStories {...props} />
    },
  }
})

async function expectStoryStanding() {
  expect(await screen.findByRole('heading', { level: 1, name: 'The first story' })).toBeVisible()
  expect(screen.getByRole('heading', { level: 2, name: 'A subheading' })).toBeVisible()
  expect(screen.getByRole('button', { name: 'Save' })).toBeVisible()
}

/** The box's error panel, in the box's place below the story. */
async function findRelatedFailure() {
  const alert = await screen.findByRole('alert')
  expect(alert).toHaveTextContent('Related stories could not be loaded')
  expect(screen.getByRole('article')).not.toContainElement(alert)
  return { alert, retry: within(alert).getByRole('button', { name: 'Retry' }) }
}

/** The related box is back with its story, and no error is left on the page. */
async function expectRelatedBoxBack() {
  const box = await screen.findByRole('complementary', { name: 'Related stories' })
  expect(await within(box).findByRole('link', { name: 'The third story' })).toBeVisible()
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
}

describe('the box below a story fails on its own', () => {
  test.each([
    {
      failure: 'its code failing to load',
      broken: { chunk: 'fails' },
      // vitest words a mock factory's throw as its own.
      reported: /error when mocking a module/,
    },
    {
      failure: 'a crash while it renders',
      broken: { render: 'crashes' },
      reported: /The related box exploded/,
    },
  ])(
    '$failure: the story stays, and Retry brings the box back once it works',
    async ({ broken, reported }) => {
      // React reports the error its boundary caught.
      expectConsoleError(reported)
      Object.assign(related, broken)
      const { user } = renderApp('/articles/first-story')

      const { alert, retry } = await findRelatedFailure()
      await expectStoryStanding()
      expect(screen.getAllByRole('alert')).toEqual([alert])

      Object.assign(related, WORKING)
      await user.click(retry)
      await expectRelatedBoxBack()
    },
  )

  test('after a failure, the next story opened on the same page shows its box again without a Retry', async () => {
    expectConsoleError(/The related box exploded/)
    related.render = 'crashes'
    const { user } = renderApp('/articles/second-story')
    await findRelatedFailure()

    related.render = 'works'
    // The second story's body links to the first: the same route, another story.
    await user.click(screen.getByRole('link', { name: 'the first' }))
    await expectStoryStanding()
    await expectRelatedBoxBack()
  })
})
