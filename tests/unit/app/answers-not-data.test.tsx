import { HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import { respondWith, respondWithJson } from '../../mocks/handlers'
import { server } from '../../mocks/server'
import { findErrorPanel } from '../../utils/queries'
import { renderApp } from '../../utils/render-app'

/**
 * A route whose API file is not what the app can show (an HTML page where JSON should be, JSON of
 * another shape) says so in its error panel instead of crashing: the story page and a listing alike.
 */
const routes = [
  {
    page: 'a story',
    url: '/articles/first-story',
    file: 'articles/first-story.json',
    otherShape: { slug: 'first-story', headline: '' },
    shapeMessage: /The newsroom sent data in an unexpected shape \(id: /,
  },
  {
    page: 'a listing',
    url: '/',
    file: 'lists/latest/1.json',
    otherShape: {
      page: 1,
      pageCount: 1,
      pageSize: 2,
      total: 1,
      items: [{ id: 'seven', slug: 'x' }],
    },
    shapeMessage: /The newsroom sent data in an unexpected shape \(items\.0\.id: /,
  },
]

describe.each(routes)('$page ($url)', ({ url, file, otherShape, shapeMessage }) => {
  test('an HTML page where JSON should be is an error, not a crash', async () => {
    server.use(
      respondWith(file, () =>
        HttpResponse.html('<!doctype html><title>Newsroom</title><div id="root"></div>'),
      ),
    )
    renderApp(url)

    const { alert } = await findErrorPanel()
    expect(alert).toHaveTextContent('The newsroom sent something that is not valid data.')
  })

  test('JSON in an unexpected shape says so, naming the field', async () => {
    server.use(respondWithJson(file, otherShape))
    renderApp(url)

    const { alert } = await findErrorPanel()
    expect(alert).toHaveTextContent(shapeMessage)
  })
})
