// @vitest-environment node
// The prerenderer knows a story page by what its route declares (`handle.kind`), not by its path.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { RouteObject } from 'react-router'
import { expect, inject, test, vi } from 'vitest'
import type * as AppRoutes from '@/app/routes'
import { createPrerenderer } from '@/entry-server'
import { parseHtml } from '../../utils/parse-html'

/** The app's routes, with the story route moved from /articles/:slug to /stories/:slug. */
vi.mock('@/app/routes', async (importOriginal) => {
  const original = await importOriginal<typeof AppRoutes>()
  const moved = (routes: RouteObject[]): RouteObject[] =>
    routes.map((route) => ({
      ...route,
      ...(route.path === 'articles/:slug' ? { path: 'stories/:slug' } : {}),
      ...(route.children ? { children: moved(route.children) } : {}),
    })) as RouteObject[]
  return {
    ...original,
    createRoutes: (...args: Parameters<typeof original.createRoutes>) =>
      moved(original.createRoutes(...args)),
  }
})

test('a story route under another path still prerenders as a story', async () => {
  const template = await readFile(path.resolve(import.meta.dirname, '../../../index.html'), 'utf8')
  const prerenderer = createPrerenderer({ template, apiDir: inject('fixtureApiDir') })

  const document = parseHtml(await prerenderer.render('/stories/first-story'))

  expect(document.title).toBe('The first story – Newsroom')
  expect(document.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe(
    'article',
  )
  expect(document.querySelector('#root main article h1')?.textContent).toBe('The first story')
})
