import { waitFor } from '@testing-library/react'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { respondWithJson } from '../../mocks/handlers'
import { server } from '../../mocks/server'
import { hostileCases } from '../../utils/hostile/cases'
import { listCases } from '../../utils/hostile/dom'
import { hostileListing } from '../../utils/hostile/payloads'
import { renderApp } from '../../utils/render-app'
import { ArticleSchema, ListingPageSchema } from '@/features/articles/api/schemas'
import { baseArticle, baseSummary } from './fixture'

/** The slug rule of docs/api.md: lowercase ASCII words joined by hyphens. */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/
const cases = hostileCases()

/** Every place a slug sits in a listing item, and how to put one there. */
const SLUG_FIELDS = {
  'items.0.slug': (slug: string) => ({ slug }),
  'items.0.section.slug': (slug: string) => ({ section: { slug, name: 'World' } }),
  'items.0.author.slug': (slug: string) => ({ author: { slug, name: 'Ada Writer' } }),
  'items.0.tags.0.slug': (slug: string) => ({ tags: [{ slug, name: 'Alpha' }] }),
}

describe('hostile slugs', () => {
  test('the schema refuses every string that breaks the slug rule, wherever a slug sits', () => {
    const listing = hostileListing(baseSummary(), cases.slice(0, 1))
    const accepted: string[] = []
    const breaking = cases.filter((c) => !SLUG.test(c.value))
    expect(breaking.length).toBeGreaterThan(cases.length * 0.9)
    for (const c of breaking) {
      for (const [where, put] of Object.entries(SLUG_FIELDS)) {
        const page = { ...listing, items: [{ ...listing.items[0]!, ...put(c.value) }] }
        const result = v.safeParse(ListingPageSchema, page)
        const path = result.issues?.[0] && v.getDotPath(result.issues[0])
        if (result.success || path !== where) accepted.push(`${listCases([c])[0]} at ${where}`)
      }
      if (v.safeParse(ArticleSchema, { ...baseArticle(), slug: c.value }).success) {
        accepted.push(`${listCases([c])[0]} as an article's slug`)
      }
    }
    expect(accepted).toEqual([])
  })

  test('words that are slugs but also JavaScript names (constructor, then, null) work as slugs', async () => {
    const words = cases.filter((c) => SLUG.test(c.value))
    expect(words.map((c) => c.value)).toEqual(
      expect.arrayContaining(['constructor', 'then', 'null']),
    )
    const listing = hostileListing(baseSummary(), words)
    listing.items.forEach((item, i) => {
      const slug = words[i]!.value
      Object.assign(item, {
        slug,
        headline: `Story ${slug}`,
        tags: [{ slug, name: slug }],
        author: { slug, name: slug },
      })
    })
    server.use(respondWithJson('lists/latest/1.json', listing))
    renderApp('/')

    await waitFor(() =>
      expect(document.querySelectorAll('section[aria-label^="Stories"] h2')).toHaveLength(
        words.length,
      ),
    )
    expect(
      [...document.querySelectorAll('section[aria-label^="Stories"] h2 a')].map((a) =>
        a.getAttribute('href'),
      ),
    ).toEqual(words.map((c) => `/articles/${c.value}`))
    expect(document.querySelector('[role="alert"]')).toBeNull()
  })

  test.each(Object.keys(SLUG_FIELDS))(
    'a listing with a hostile slug at %s shows "unexpected shape" and Retry, then recovers',
    async (where) => {
      const c = cases.find((x) => x.name === 'script: plain')!
      const listing = hostileListing(baseSummary(), [c])
      const put = SLUG_FIELDS[where as keyof typeof SLUG_FIELDS]
      server.use(
        respondWithJson('lists/latest/1.json', {
          ...listing,
          items: [{ ...listing.items[0]!, ...put(c.value) }],
        }),
      )
      const { user } = renderApp('/')

      const alert = await waitFor(() => {
        const found = document.querySelector('[role="alert"]')
        expect(found).not.toBeNull()
        return found!
      })
      expect(alert).toHaveTextContent(`unexpected shape (${where}: must be a lowercase slug)`)
      expect(document.querySelector('script')).toBeNull()
      const retry = [...alert.querySelectorAll('button')].find((b) => b.textContent === 'Retry')
      expect(retry).toBeDefined()

      // Once the server sends good data, Retry brings the page back.
      server.use(respondWithJson('lists/latest/1.json', listing))
      await user.click(retry!)
      await waitFor(() => expect(document.querySelector('[role="alert"]')).toBeNull())
      expect(document.querySelector('section[aria-label^="Stories"] h2')).toHaveTextContent(c.value)
    },
  )

  test('a story whose own slug is hostile shows "unexpected shape" and Retry, not a crash', async () => {
    const base = baseArticle()
    const c = cases.find((x) => x.family === 'bidi')!
    server.use(respondWithJson(`articles/${base.slug}.json`, { ...base, slug: c.value }))
    renderApp(`/articles/${base.slug}`)

    const alert = await waitFor(() => {
      const found = document.querySelector('[role="alert"]')
      expect(found).not.toBeNull()
      return found!
    })
    expect(alert).toHaveTextContent('unexpected shape (slug: must be a lowercase slug)')
    expect([...alert.querySelectorAll('button')].map((b) => b.textContent)).toContain('Retry')
  })
})
