import { describe, expect, inject, it } from 'vitest'
import type { Article } from '@/features/articles/api/schemas'
import { parseHtml } from '../utils/parse-html'
import { browserSession } from './support/browser'
import { untilNetworkQuiet } from './support/network'
import { h1, settled } from '../../scripts/app-page'
import { data, SEED } from './support/site-data'

/**
 * "Related stories" below a story (scripts/api/related.ts): computed by the API build, written into the
 * story's JSON, prerendered into its page, and listed best match first with no request of its own.
 */
const baseURL = inject('baseURL')
const browser = browserSession()
const path = `/articles/${SEED.slug}`

/**
 * The best matches for a story, worked out here from the whole built archive with no posting-list cut
 * (the demo is far smaller than the cut): shared tags weighted by rarity, the section as a bonus of 1,
 * ties to the more recent story.
 */
function bestMatches(story: Article, limit = 4): Article[] {
  const site = data.site()
  const stories = [...data.articlesById().values()]
  const count = new Map(site.tags.map((t) => [t.slug, t.count]))
  // Summed in the story's own tag order, as the build does, so that equal scores are equal to the bit.
  const score = (other: Article) =>
    story.tags
      .filter((t) => other.tags.some((o) => o.slug === t.slug))
      .reduce((sum, t) => sum + Math.log(1 + site.totalArticles / count.get(t.slug)!), 0) +
    (other.section.slug === story.section.slug ? 1 : 0)
  return stories
    .filter((other) => other.id !== story.id && score(other) > 0)
    .sort((a, b) => score(b) - score(a) || b.id - a.id)
    .slice(0, limit)
}

describe('related stories', () => {
  const seed = data.article(SEED.slug)
  const expected = bestMatches(seed)

  it('are in the API: the best matches, best first', () => {
    expect(expected).toHaveLength(4)
    expect(seed.related?.map((s) => s.slug)).toEqual(expected.map((s) => s.slug))
    expect(seed.related?.map((s) => s.readingMinutes)).toEqual(
      expected.map((s) => s.readingMinutes),
    )
  })

  it('are in the prerendered HTML, before any script runs', async () => {
    const response = await fetch(baseURL + path, { headers: { Accept: 'text/html' } })
    const document = parseHtml(await response.text())
    const box = [...document.querySelectorAll('aside')].find(
      (aside) => aside.querySelector('h2')?.textContent === 'Related stories',
    )
    expect(box, 'a "Related stories" box').toBeDefined()
    const links = [...box!.querySelectorAll('li a')]
    expect(links.map((a) => a.textContent)).toEqual(expected.map((s) => s.headline))
    expect(links.map((a) => a.getAttribute('href'))).toEqual(
      expected.map((s) => `/articles/${s.slug}`),
    )
    expect(box!.querySelector('[role="status"]')).toBeNull()
  })

  it('are listed best match first with no request of their own, and open with the keyboard', async () => {
    const watched = await browser.open(path)
    const { page } = watched
    await h1(page).filter({ hasText: SEED.headline }).waitFor()
    await settled(page)
    const box = page.getByRole('complementary', { name: 'Related stories' })
    const links = box.locator('li > a')
    expect(await links.allTextContents()).toEqual(expected.map((s) => s.headline))
    // Each says where it is from and how long it takes to read.
    const first = expected[0]!
    const item = box.getByRole('listitem').first()
    expect(await item.textContent()).toContain(first.section.name)
    expect(await item.textContent()).toContain(`${first.readingMinutes} min read`)
    // Counted once the page is done with the network, idle-time work included.
    await untilNetworkQuiet(watched)
    expect(watched.apiRequests.filter((p) => p.startsWith('/api/lists/'))).toEqual([])

    // From the keyboard alone: focus the first related story and press Enter.
    await links.first().focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(`/articles/${first.slug}`)
    await h1(page).filter({ hasText: first.headline }).waitFor()
    await settled(page)
    // The new story's own related stories replace the old ones.
    const next = data.article(first.slug)
    expect(next.related?.length).toBeGreaterThan(0)
    await expect
      .poll(() => box.locator('li > a').allTextContents())
      .toEqual(next.related!.map((s) => s.headline))
  })
})
