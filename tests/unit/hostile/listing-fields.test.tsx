import { waitFor } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { respondWithJson } from '../../mocks/handlers'
import { server } from '../../mocks/server'
import { batches, hostileCases, type HostileCase } from '../../utils/hostile/cases'
import { installSentinel, listCases, safetyProblems, showsAsText } from '../../utils/hostile/dom'
import { hostileListing, hostileSite, hostileSlug, shownFor } from '../../utils/hostile/payloads'
import { renderApp } from '../../utils/render-app'
import type { Site } from '@/features/site/api/schemas'
import { baseSummary, fixtureJson } from './fixture'

const cases = hostileCases()
/** Stories per listing page: many cases per render keeps the run short. */
const PER_PAGE = 150

/** The story cards on screen, by the slug their headline links to. */
function cardsBySlug(): Map<string, Element> {
  const cards = document.querySelectorAll('section[aria-label^="Stories"] > article')
  return new Map(
    [...cards].map((card) => [
      card.querySelector('h2 a')?.getAttribute('href')?.replace('/articles/', '') ?? '',
      card,
    ]),
  )
}

/** The fields of one card that do not show the case exactly as text (empty when all do). */
function wrongFields(card: Element | undefined, c: HostileCase): string[] {
  if (!card) return ['no card']
  const headline = card.querySelector('h2 a')
  const fields: [string, Element | null, string][] = [
    ['headline', headline, shownFor(c.value)],
    ['summary', card.querySelector('h2 + p'), c.value],
    ['section name', card.querySelector('a[href^="/sections/"]'), shownFor(c.value)],
    ['author name', card.querySelector('a[href^="/authors/"]'), shownFor(c.value)],
  ]
  const wrong = fields
    .filter(([, el, value]) => el?.textContent !== value || !showsAsText(el, value))
    .map(([name]) => name)
  if (card.querySelector('img')?.getAttribute('alt') !== c.value) wrong.push('alt text')
  return wrong
}

describe('hostile strings in every text field of a listing', () => {
  test.each(batches(cases, PER_PAGE).map((batch, i) => [i + 1, batch] as const))(
    'batch %i: every card shows its strings as text, and nothing runs',
    async (_batch, batch) => {
      const calls = installSentinel()
      server.use(respondWithJson('lists/latest/1.json', hostileListing(baseSummary(), batch)))
      renderApp('/')
      await waitFor(() => expect(cardsBySlug().size).toBe(batch.length), { timeout: 5_000 })

      const cards = cardsBySlug()
      const wrong = batch
        .map((c) => ({ c, fields: wrongFields(cards.get(hostileSlug(c)), c) }))
        .filter(({ fields }) => fields.length)
      expect(
        wrong.map(({ c, fields }) => `${listCases([c])[0]}: ${fields.join(', ')}`),
        'fields not shown exactly as text',
      ).toEqual([])
      expect(safetyProblems(calls)).toEqual([])
      expect(document.querySelector('[role="alert"]')).toBeNull()
      expect(document.querySelector('nav[aria-label="Sections"]')).not.toBeNull()
    },
    30_000,
  )

  test.each([
    ['empty', ''],
    ['only spaces and a tab', '  \t '],
    ['only a zero-width space', '\u200b'],
    ['only combining marks', '\u0301\u0302'],
  ])(
    'a story whose headline is %s is refused as data in an unexpected shape, with Retry',
    async (_name, headline) => {
      const listing = hostileListing(baseSummary(), cases.slice(0, 1))
      listing.items[0]!.headline = headline
      server.use(respondWithJson('lists/latest/1.json', listing))
      const { user } = renderApp('/')

      const alert = await waitFor(() => {
        const found = document.querySelector('[role="alert"]')
        expect(found).not.toBeNull()
        return found!
      })
      expect(alert).toHaveTextContent(/unexpected shape \(items\.0\.headline/)
      server.use(
        respondWithJson('lists/latest/1.json', hostileListing(baseSummary(), cases.slice(0, 3))),
      )
      await user.click(alert.querySelector('button')!)
      await waitFor(() => expect(cardsBySlug().size).toBe(3))
    },
  )
})

describe('hostile names of sections and tags in site.json', () => {
  test.each(batches(cases, 300).map((batch, i) => [i + 1, batch] as const))(
    'batch %i: the section menu and the tag filter show each name as text',
    async (_batch, batch) => {
      const calls = installSentinel()
      // Names must have visible text (site.json's schema): an invisible case becomes "(invisible)".
      server.use(respondWithJson('site.json', hostileSite(fixtureJson<Site>('site.json'), batch)))
      renderApp('/')
      const last = batch.at(-1)!.id
      // The menu comes with the layout; the tag filter once the listing's loader is done.
      await waitFor(
        () => {
          expect(document.querySelector(`nav a[href="/sections/s-${last}"]`)).not.toBeNull()
          expect(document.querySelector(`option[value="t-${last}"]`)).not.toBeNull()
        },
        { timeout: 5_000 },
      )

      const wrong = batch.filter(({ id, value: raw }) => {
        const value = shownFor(raw)
        const link = document.querySelector(`nav a[href="/sections/s-${id}"]`)
        const option = document.querySelector(`option[value="t-${id}"]`)
        return (
          link?.textContent !== value ||
          !showsAsText(link, value) ||
          option?.textContent !== value ||
          !showsAsText(option, value)
        )
      })
      expect(listCases(wrong), 'names not shown exactly as text').toEqual([])
      expect(safetyProblems(calls)).toEqual([])
    },
    30_000,
  )
})
