import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { screen, within } from '@testing-library/react'
import { describe, expect, inject, test } from 'vitest'
import type { Article } from '@/features/articles/api/schemas'
import { held, outage, respondWithJson } from '../../mocks/handlers'
import { requestCount, server } from '../../mocks/server'
import { renderApp } from '../../utils/render-app'
import { hrefOf } from '../../utils/queries'

/** The headlines listed in a box, in order (each item's first link). */
const headlinesIn = (box: HTMLElement) =>
  within(box)
    .getAllByRole('listitem')
    .map((li) => within(li).getAllByRole('link')[0]!.textContent)

const fixtureArticle = async (slug: string) =>
  JSON.parse(
    await readFile(path.join(inject('fixtureApiDir'), 'articles', `${slug}.json`), 'utf8'),
  ) as Article

describe('the "Related stories" box', () => {
  test('lists the related stories the story came with, best match first, with no request of its own', async () => {
    const { user, router } = renderApp('/articles/first-story')
    await screen.findByRole('heading', { level: 1, name: 'The first story' })

    const box = await screen.findByRole('complementary', { name: 'Related stories' })
    // The third story shares both tags and the section; the second one tag, in another section.
    expect(headlinesIn(box)).toEqual(['The third story', 'The second story'])
    const [third, second] = within(box).getAllByRole('listitem')
    expect(within(third!).getByRole('link')).toHaveAttribute('href', '/articles/third-story')
    expect(third).toHaveTextContent('World')
    expect(third).toHaveTextContent('1 min read')
    expect(within(third!).getByRole('time')).toHaveAttribute('datetime', '2025-03-01T08:00:00.000Z')
    expect(second).toHaveTextContent('Science')
    expect(requestCount('lists/sections/world/1.json')).toBe(0)

    await user.click(within(second!).getByRole('link'))
    expect(await screen.findByRole('heading', { level: 1, name: 'The second story' })).toBeVisible()
    expect(router.state.location.pathname).toBe('/articles/second-story')
    await within(box).findByRole('link', { name: 'The first story' })
    expect(headlinesIn(box)).toEqual(['The third story', 'The first story'])
  })

  test('waits for the story: a skeleton until its data, and its related stories, arrive', async () => {
    const { user } = renderApp('/')
    const link = await screen.findByRole('link', { name: 'The third story' })
    const request = held('articles/third-story.json')
    server.use(request.handler)

    await user.click(link)
    await screen.findByRole('heading', { level: 1, name: 'The third story' })
    const box = await screen.findByRole('complementary', { name: 'Related stories' })
    expect(within(box).getByRole('status', { name: 'Loading related stories' })).toBeInTheDocument()
    expect(requestCount('lists/sections/world/1.json')).toBe(0)

    request.release()
    await within(box).findByRole('link', { name: 'The first story' })
    expect(headlinesIn(box)).toEqual(['The first story', 'The second story'])
    expect(within(box).queryByRole('status')).not.toBeInTheDocument()
  })

  test('gives a headline in another language its language and direction', async () => {
    const article = await fixtureArticle('first-story')
    const [third, second] = article.related!
    const arabic = { ...third!, headline: 'طيور البحر تعود', lang: 'ar', dir: 'rtl' as const }
    server.use(
      respondWithJson('articles/first-story.json', { ...article, related: [arabic, second] }),
    )
    renderApp('/articles/first-story')
    const box = await screen.findByRole('complementary', { name: 'Related stories' })
    const link = await within(box).findByRole('link', { name: arabic.headline })
    expect(link).toHaveAttribute('lang', 'ar')
    expect(link).toHaveAttribute('dir', 'rtl')
    const english = within(box).getByRole('link', { name: 'The second story' })
    expect(english).not.toHaveAttribute('lang')
    expect(english).not.toHaveAttribute('dir')
  })

  test('says so when no story is related, and still leads to the section', async () => {
    const article = await fixtureArticle('first-story')
    server.use(respondWithJson('articles/first-story.json', { ...article, related: [] }))
    renderApp('/articles/first-story')

    const box = await screen.findByRole('complementary', { name: 'Related stories' })
    expect(await within(box).findByText('No related stories yet.')).toBeVisible()
    expect(hrefOf('All World stories', box)).toBe('/sections/world')
  })

  test('related stories that fail the schema cost only the box: the story stays, and the section is offered', async () => {
    const article = await fixtureArticle('first-story')
    const bad = [{ ...article.related![0]!, slug: '../../admin', headline: '   ' }]
    server.use(respondWithJson('articles/first-story.json', { ...article, related: bad }))
    renderApp('/articles/first-story')

    expect(await screen.findByRole('heading', { level: 2, name: 'A subheading' })).toBeVisible()
    const more = await screen.findByRole('complementary', { name: 'More from World' })
    expect(await within(more).findByRole('link', { name: 'The third story' })).toHaveAttribute(
      'href',
      '/articles/third-story',
    )
    expect(screen.queryByRole('link', { name: /admin/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  test("when the story fails to load, offers the section's stories below what the reader saw", async () => {
    const articleDown = outage('articles/third-story.json')
    server.use(articleDown.handler)
    const { user } = renderApp('/')
    await user.click(await screen.findByRole('link', { name: 'The third story' }))

    const more = await screen.findByRole('complementary', { name: 'More from World' })
    expect(await within(more).findByRole('link', { name: 'The first story' })).toBeVisible()
    expect(screen.getByRole('heading', { level: 1, name: 'The third story' })).toBeVisible()
    articleDown.end()
  })
})
