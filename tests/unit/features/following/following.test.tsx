import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import {
  followedTopics,
  followTopics,
  getFollowedTopics,
  type FollowedTopic,
} from '@/features/following/api/followed-topics'
import { outage, serverErrorOnce } from '../../../mocks/handlers'
import { server } from '../../../mocks/server'
import { currentUrl, renderApp } from '../../../utils/render-app'
import { withNothingFollowed } from './with-nothing-followed'

withNothingFollowed()

/*
 * The fixture newsroom: World holds the first (1 Jan 2025) and third (1 Mar) stories; the tag Beta all
 * three (the second, 1 Feb, is in Science).
 */
const published = (month: number) => Date.parse(`2025-0${month}-01T08:00:00Z`)

const followed = (kind: FollowedTopic['kind'], slug: string, name: string, seenUpTo: number) => ({
  kind,
  slug,
  name,
  followedAt: 0,
  visitedAt: null,
  seenUpTo,
})

const topicList = () => screen.getByRole('list', { name: 'Topics you follow' })
const topicRow = (name: string) => within(topicList()).getByRole('link', { name }).closest('li')!
const findTopicRow = async (name: string) => {
  await screen.findByRole('list', { name: 'Topics you follow' })
  return topicRow(name)
}
const storyHeadlines = () =>
  within(screen.getByRole('region', { name: 'Newest stories from your topics' }))
    .getAllByRole('heading', { level: 2 })
    .map((h) => h.textContent)

describe('the Follow toggle', () => {
  test('on a tag page: "Follow" becomes "Following" (pressed), and back', async () => {
    const { user } = renderApp('/tags/beta')
    const follow = await screen.findByRole('button', { name: 'Follow' })
    expect(follow).toHaveAttribute('aria-pressed', 'false')

    await user.click(follow)
    expect(follow).toHaveAccessibleName('Following')
    expect(follow).toHaveAttribute('aria-pressed', 'true')
    expect(getFollowedTopics()).toMatchObject([{ kind: 'tags', slug: 'beta', name: 'Beta' }])

    await user.click(follow)
    expect(follow).toHaveAccessibleName('Follow')
    expect(getFollowedTopics()).toEqual([])
  })

  test("beside a story's section and tags, each described by its topic", async () => {
    const { user } = renderApp('/articles/second-story')
    const heading = await screen.findByRole('heading', { name: 'Topics' })
    const topics = heading.nextElementSibling as HTMLElement
    await waitFor(() => expect(within(topics).getAllByRole('button')).toHaveLength(2))
    const [section, tag] = within(topics).getAllByRole('button', { name: 'Follow' })
    expect(section).toHaveAccessibleDescription('Science')
    expect(tag).toHaveAccessibleDescription('Beta')

    await user.click(tag!)
    expect(tag).toHaveAttribute('aria-pressed', 'true')
    expect(getFollowedTopics()).toMatchObject([{ kind: 'tags', slug: 'beta' }])
  })

  test('the header links to Following, which shows the topic and unfollows it', async () => {
    const { user, router } = renderApp('/tags/beta')
    await user.click(await screen.findByRole('button', { name: 'Follow' }))
    await user.click(screen.getByRole('link', { name: 'Following' }))
    await screen.findByRole('heading', { level: 1, name: 'Following' })
    expect(currentUrl(router)).toBe('/following')
    const row = await findTopicRow('Beta')

    await user.click(within(row).getByRole('button', { name: 'Unfollow' }))
    expect(getFollowedTopics()).toEqual([])
    expect(screen.getByText('You do not follow any topics yet.')).toBeInTheDocument()
  })
})

describe('Following', () => {
  test('merges the topics newest first, each story once, with each topic’s new count', async () => {
    // Seen up to mid-January: World has one story since (the third), Beta two (the second, the third).
    const midJanuary = Date.parse('2025-01-15T00:00:00Z')
    followedTopics.write([
      followed('sections', 'world', 'World', midJanuary),
      followed('tags', 'beta', 'Beta', midJanuary),
    ])
    renderApp('/following')

    await waitFor(() =>
      expect(storyHeadlines()).toEqual(['The third story', 'The second story', 'The first story']),
    )
    expect(topicRow('World')).toHaveTextContent('1 new since your last visit')
    expect(topicRow('Beta')).toHaveTextContent('2 new since your last visit')
    // The visit is recorded: next time, only what is published after the third story is new.
    await waitFor(() =>
      expect(getFollowedTopics().map((t) => t.seenUpTo)).toEqual([published(3), published(3)]),
    )
    expect(getFollowedTopics().every((t) => t.visitedAt !== null)).toBe(true)
    // ...while this visit's counts stay on screen.
    expect(topicRow('Beta')).toHaveTextContent('2 new since your last visit')
  })

  test('the next visit counts nothing new', async () => {
    followedTopics.write([followed('tags', 'beta', 'Beta', published(3))])
    renderApp('/following')
    await waitFor(() =>
      expect(topicRow('Beta')).toHaveTextContent('Nothing new since your last visit'),
    )
  })

  test('a topic that fails shows its own error with Retry; the others stand', async () => {
    server.use(serverErrorOnce('lists/tags/beta/1.json'))
    followedTopics.write([
      followed('sections', 'world', 'World', 0),
      followed('tags', 'beta', 'Beta', 0),
    ])
    const { user } = renderApp('/following')

    const alert = await within(await findTopicRow('Beta')).findByRole('alert')
    expect(alert).toHaveTextContent('The stories of Beta could not be loaded')
    await waitFor(() => expect(storyHeadlines()).toEqual(['The third story', 'The first story']))
    expect(topicRow('World')).toHaveTextContent('2 new since your last visit')

    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    await waitFor(() =>
      expect(storyHeadlines()).toEqual(['The third story', 'The second story', 'The first story']),
    )
    expect(within(topicRow('Beta')).queryByRole('alert')).toBeNull()
  })

  test('a topic the API answers 404 for says it no longer exists, with Unfollow and no Retry', async () => {
    server.use(serverErrorOnce('lists/tags/beta/1.json', 404))
    followedTopics.write([
      followed('sections', 'world', 'World', 0),
      followed('tags', 'beta', 'Beta', 0),
    ])
    const { user } = renderApp('/following')

    const row = await findTopicRow('Beta')
    await within(row).findByText('This topic no longer exists.')
    expect(within(row).queryByRole('button', { name: 'Retry' })).toBeNull()
    expect(within(row).queryByRole('alert')).toBeNull()
    await waitFor(() => expect(storyHeadlines()).toEqual(['The third story', 'The first story']))

    await user.click(within(row).getByRole('button', { name: 'Unfollow' }))
    expect(getFollowedTopics().map((t) => t.slug)).toEqual(['world'])
  })

  test('says how to follow when nothing is followed', async () => {
    renderApp('/following')
    expect(await screen.findByText('You do not follow any topics yet.')).toBeInTheDocument()
    expect(screen.getByText(/Press Follow on a section, tag or author page/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Share follows' })).toBeNull()
  })
})

describe('Share follows', () => {
  test('gives a link that, opened with a fresh store, offers the same topics and follows them on confirm', async () => {
    followTopics([
      { kind: 'sections', slug: 'world', name: 'World' },
      { kind: 'tags', slug: 'beta', name: 'Beta' },
    ])
    const first = renderApp('/following')
    // No Web Share API in jsdom: the link is copied (to user-event's stand-in for the clipboard).
    await first.user.click(await screen.findByRole('button', { name: 'Share follows' }))
    await screen.findByText('Link copied')
    const url = new URL(await navigator.clipboard.readText())
    expect(url.pathname + url.search).toBe('/following?follow=sections:world,tags:beta')
    first.unmount()

    // Another device: nothing followed.
    followedTopics.write([])
    localStorage.clear()
    const { user, router } = renderApp(url.pathname + url.search)
    const offer = await screen.findByRole('region', { name: 'Follow topics from a shared link' })
    const confirm = await within(offer).findByRole('button', { name: 'Follow 2 topics' })
    expect(
      within(offer)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['World', 'Beta'])
    // Never silently: nothing is followed before the reader confirms.
    expect(getFollowedTopics()).toEqual([])

    await user.click(confirm)
    expect(getFollowedTopics().map((t) => `${t.kind}:${t.slug}`)).toEqual([
      'sections:world',
      'tags:beta',
    ])
    await waitFor(() => expect(currentUrl(router)).toBe('/following'))
    expect(screen.queryByRole('region', { name: 'Follow topics from a shared link' })).toBeNull()
    await waitFor(() => expect(storyHeadlines()).toHaveLength(3))
  })

  test('leaves out topics already followed and slugs the newsroom does not have', async () => {
    followTopics([{ kind: 'tags', slug: 'beta', name: 'Beta' }])
    renderApp('/following?follow=tags:beta,tags:no-such-tag,sections:world')
    const offer = await screen.findByRole('region', { name: 'Follow topics from a shared link' })
    await within(offer).findByRole('button', { name: 'Follow 1 topic' })
    expect(offer).toHaveTextContent(
      'Left out: 1 topic this newsroom does not have; 1 you already follow.',
    )
  })

  test('a malformed link offers nothing, follows nothing, and can be closed', async () => {
    const { user, router } = renderApp('/following?follow=nonsense,tags:,tags:Beta!')
    const offer = await screen.findByRole('region', { name: 'Follow topics from a shared link' })
    expect(offer).toHaveTextContent('This link does not name any topics to follow.')
    expect(within(offer).queryByRole('button', { name: /^Follow/ })).toBeNull()

    await user.click(within(offer).getByRole('button', { name: 'Close' }))
    await waitFor(() => expect(currentUrl(router)).toBe('/following'))
    expect(getFollowedTopics()).toEqual([])
    expect(screen.getByText('You do not follow any topics yet.')).toBeInTheDocument()
  })

  test('when site.json fails, the offer says so with Retry; once it loads, the offer shows', async () => {
    const siteDown = outage('site.json')
    server.use(siteDown.handler)
    const { user } = renderApp('/following?follow=tags:beta')
    const offer = await screen.findByRole('region', { name: 'Follow topics from a shared link' })
    const alert = await within(offer).findByRole('alert')
    expect(alert).toHaveTextContent('The topics in the link could not be checked')
    expect(within(offer).queryByText('Checking the topics in the link…')).toBeNull()

    siteDown.end()
    await user.click(within(alert).getByRole('button', { name: 'Retry' }))
    await within(offer).findByRole('button', { name: 'Follow 1 topic' })
    expect(within(offer).queryByRole('alert')).toBeNull()
  })
})
