import { screen, within } from '@testing-library/react'
import type { ComponentProps } from 'react'
import { expect, test, vi } from 'vitest'
import type * as ArticleBodyModule from '@/features/articles/components/article-body'
import { expectConsoleError } from '../../utils/console'
import { findErrorPanel } from '../../utils/queries'
import { renderApp } from '../../utils/render-app'

const crash = vi.hoisted(() => ({ on: true }))

// A bug in a component, not a failed request: the body throws while rendering until told not to.
vi.mock('@/features/articles/components/article-body', async (importOriginal) => {
  const actual = await importOriginal<typeof ArticleBodyModule>()
  return {
    ArticleBody: (props: ComponentProps<typeof actual.ArticleBody>) => {
      if (crash.on) throw new Error('The body exploded')
      return <actual.ArticleBody {...props} />
    },
  }
})

test('a component that crashes shows the route error, not "not found", and Retry renders again', async () => {
  // React and React Router both report an error caught by a boundary.
  expectConsoleError(/The body exploded/)
  crash.on = true
  const { user } = renderApp('/articles/first-story')

  expect(
    await screen.findByRole('heading', { level: 1, name: 'This page could not be loaded' }),
  ).toBeVisible()
  const { alert, retry } = await findErrorPanel()
  expect(alert).toHaveTextContent('Something went wrong while showing this page.')
  expect(screen.queryByRole('heading', { name: 'Page not found' })).not.toBeInTheDocument()
  // The page frame survives: the error stays inside the route.
  const nav = screen.getByRole('navigation', { name: 'Sections' })
  expect(within(nav).getByRole('link', { name: 'Latest' })).toBeVisible()
  expect(document.title).toBe('Something went wrong – Newsroom')

  crash.on = false
  await user.click(retry)
  expect(await screen.findByRole('heading', { level: 1, name: 'The first story' })).toBeVisible()
  expect(screen.getByRole('heading', { level: 2, name: 'A subheading' })).toBeVisible()
})
