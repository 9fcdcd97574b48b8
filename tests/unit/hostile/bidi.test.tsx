import { waitFor } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { respondWithJson } from '../../mocks/handlers'
import { server } from '../../mocks/server'
import { hostileCases } from '../../utils/hostile/cases'
import { textsUnder } from '../../utils/hostile/dom'
import { hostileArticle, hostileListing } from '../../utils/hostile/payloads'
import { renderApp } from '../../utils/render-app'
import type { Site } from '@/features/site/api/schemas'
import { baseArticle, baseSummary, fixtureJson } from './fixture'

/**
 * A name from the data that sits in a line with the page's own words ("By …", "World · Analysis",
 * "Alpha ✕") must be isolated (<bdi>, or an element with `dir`): otherwise a right-to-left name, or a
 * stray override character, reorders the words after it.
 */
const bidi = hostileCases().filter((c) => c.family === 'bidi')

/** Where `value` shows as a text node under `root` without an isolating element between them. */
function unisolated(root: Element, value: string): string[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  const found: string[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node as Text).data !== value) continue
    const isolate = node.parentElement?.closest('bdi, [dir]')
    if (!isolate || !root.contains(isolate)) {
      found.push(`${node.parentElement?.outerHTML.slice(0, 80)} in ${root.localName}`)
    }
  }
  return found
}

describe('right-to-left names stay in their place', () => {
  test('on story cards: the section beside the story kind, and the author after "By"', async () => {
    const listing = hostileListing(baseSummary(), bidi)
    for (const item of listing.items) item.kind = 'analysis'
    server.use(respondWithJson('lists/latest/1.json', listing))
    renderApp('/')
    await waitFor(() =>
      expect(document.querySelectorAll('section[aria-label^="Stories"] > article')).toHaveLength(
        bidi.length,
      ),
    )

    const cards = [...document.querySelectorAll('section[aria-label^="Stories"] > article')]
    const problems = cards.flatMap((card, i) => {
      const value = bidi[i]!.value
      const kicker = card.querySelector('p')!
      const byline = card.querySelector('a[href^="/authors/"]')!.parentElement!
      // The story kind is the page's own text, outside the isolated name.
      expect(textsUnder(kicker).join('')).toContain('Analysis')
      return [...unisolated(kicker, value), ...unisolated(byline, value)]
    })
    expect(problems).toEqual([])
  })

  test('on a story: the section, the author and the topics', async () => {
    const base = baseArticle()
    const c = bidi.find((x) => x.name === 'unterminated right-to-left override')!
    server.use(
      respondWithJson(`articles/${base.slug}.json`, {
        ...hostileArticle(base, c),
        slug: base.slug,
      }),
    )
    renderApp(`/articles/${base.slug}`)
    await waitFor(() => expect(document.querySelector('main article footer')).not.toBeNull())

    const story = document.querySelector('main article')!
    const header = story.querySelector('header')!
    const problems = [
      ...unisolated(header.querySelector('p')!, c.value),
      ...unisolated(header.querySelector('a[href^="/authors/"]')!.parentElement!, c.value),
      ...[...story.querySelectorAll('footer li')].flatMap((li) => unisolated(li, c.value)),
    ]
    expect(problems).toEqual([])
  })

  test('in the tag filter chips, before their ✕, and in the section menu', async () => {
    const site = fixtureJson<Site>('site.json')
    const c = bidi.find((x) => x.name === 'right-to-left override')!
    server.use(
      respondWithJson('site.json', {
        ...site,
        sections: site.sections.map((s) => ({ ...s, name: `${s.name} ${c.value}` })),
        tags: site.tags.map((t) => (t.slug === 'alpha' ? { ...t, name: c.value } : t)),
      }),
    )
    renderApp('/?tags=alpha')
    const chip = await waitFor(() => {
      const found = document.querySelector('ul[aria-label="Active tag filters"] a')
      expect(found).not.toBeNull()
      return found!
    })

    expect(unisolated(chip, c.value)).toEqual([])
    expect(chip.querySelector('bdi, [dir]')?.textContent).not.toContain('✕')
    const menu = document.querySelector('nav[aria-label="Sections"]')!
    const names = site.sections.map((s) => `${s.name} ${c.value}`)
    expect(names.flatMap((name) => unisolated(menu, name))).toEqual([])
  })
})
