import { act, waitFor } from '@testing-library/react'
import { HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import { respondWith, respondWithJson } from '../../mocks/handlers'
import { server } from '../../mocks/server'
import { batches, hostileCases, urlCases, type HostileCase } from '../../utils/hostile/cases'
import {
  installSentinel,
  listCases,
  safetyProblems,
  showsAsText,
  textsUnder,
} from '../../utils/hostile/dom'
import {
  shownFor,
  hostileArticle,
  hostileSlug,
  htmlBlock,
  urlBlocks,
} from '../../utils/hostile/payloads'
import { renderApp } from '../../utils/render-app'
import type { Article } from '@/features/articles/api/schemas'
import { baseArticle } from './fixture'

const cases = hostileCases()

/** Serves every `articles/hostile-<id>.json` as the story made of that case. */
function serveHostileArticles(list: readonly HostileCase[], make = hostileArticle) {
  const base = baseArticle()
  const bySlug = new Map(list.map((c) => [hostileSlug(c), c]))
  server.use(
    respondWith('articles/:file', ({ params }) => {
      const c = bySlug.get(String(params.file).replace(/\.json$/, ''))
      return c ? HttpResponse.json(make(base, c)) : undefined
    }),
  )
}

/** The parts of the story on screen that do not show the case exactly as text (empty when all do). */
function wrongParts(c: HostileCase): string[] {
  const story = document.querySelector('main article')
  if (!story) return ['no story']
  const value = c.value
  const header = story.querySelector('header')
  const hero = story.querySelector(':scope > figure')
  const body = story.querySelector('.article-body')
  const bodyFigure = body?.querySelector(':scope > figure:not(.quote)')
  const quote = body?.querySelector('figure.quote')
  const exact: [string, Element | null | undefined, string][] = [
    ['headline', header?.querySelector('h1'), shownFor(value)],
    ['summary', header?.querySelector('h1 + p'), value],
    ['section name', header?.querySelector('a[href^="/sections/"]'), shownFor(value)],
    ['author name', header?.querySelector('a[href^="/authors/"]'), shownFor(value)],
    ['tag name', story.querySelector('footer a[href="/tags/hostile-tag"]'), shownFor(value)],
    ['paragraph', body?.querySelector(':scope > p'), value],
    ['subheading', body?.querySelector('h2'), value],
    ['sub-subheading', body?.querySelector('h3'), value],
    ['quote', quote?.querySelector('blockquote p'), value],
    ['bullet', body?.querySelector('ul > li'), value],
    ['numbered item', body?.querySelector('ol > li'), value],
    ['code', body?.querySelector('code'), value],
    ['emphasis', body?.querySelector('p > em'), value],
    ['strong', body?.querySelector('strong'), value],
    ['web link text', body?.querySelector('a[href="https://example.org/"]'), value],
    ['story link text', body?.querySelector('a[href="/articles/first-story"]'), value],
  ]
  const contains: [string, Element | null | undefined, string][] = [
    ['hero caption and credit', hero?.querySelector('figcaption'), value],
    ['photo caption and credit', bodyFigure?.querySelector('figcaption'), value],
    ['quote cite', quote?.querySelector('figcaption'), value],
  ]
  const wrong = [
    ...exact.filter(([, el, text]) => el?.textContent !== text || !showsAsText(el, text)),
    ...contains.filter(([, el, text]) => text !== '' && !showsAsText(el, text)),
  ].map(([name]) => name)
  for (const [name, figure] of [
    ['hero alt text', hero],
    ['photo alt text', bodyFigure],
  ] as const) {
    if (figure?.querySelector('img')?.getAttribute('alt') !== value) wrong.push(name)
  }
  return wrong
}

/** Opens each case's story in turn in one app, as a reader following links would. */
async function readEach(list: readonly HostileCase[], check: (c: HostileCase) => string[]) {
  const { router } = renderApp(`/articles/${hostileSlug(list[0]!)}`)
  const failures: string[] = []
  for (const c of list) {
    await act(() => router.navigate(`/articles/${hostileSlug(c)}`))
    await waitFor(() => {
      expect(document.querySelector('main article .article-body, [role="alert"]')).not.toBeNull()
    })
    const wrong = check(c)
    if (wrong.length) failures.push(`${listCases([c])[0]}: ${wrong.join(', ')}`)
  }
  return failures
}

describe('hostile strings in every text field of a story', () => {
  test.each(batches(cases, 200).map((batch, i) => [i + 1, batch] as const))(
    'batch %i: each story shows its strings as text, and nothing runs',
    async (_batch, batch) => {
      const calls = installSentinel()
      serveHostileArticles(batch)
      const problems: string[] = []
      const failures = await readEach(batch, (c) => {
        // Checked on every story: what one story injects, the next one would replace.
        problems.push(...safetyProblems(calls).map((p) => `${listCases([c])[0]}: ${p}`))
        calls.length = 0
        const alert = document.querySelector('[role="alert"]')
        return alert ? [`error shown: ${alert.textContent}`] : wrongParts(c)
      })
      expect(failures, 'fields not shown exactly as text').toEqual([])
      expect(problems).toEqual([])
    },
    30_000,
  )
})

describe('hostile URLs as photo files and link targets', () => {
  test('no photo or link in a story carries a URL that runs code', async () => {
    const calls = installSentinel()
    const list = urlCases(cases)
    const base = baseArticle()
    server.use(
      respondWithJson(`articles/${base.slug}.json`, {
        ...base,
        hero: {
          ...base.hero!,
          src: list[0]!.value,
          srcset: list.map((c) => ({ src: c.value, width: 640 })),
        },
        body: [
          ...list.flatMap((c) => urlBlocks(c.value)),
          { type: 'paragraph', content: [{ type: 'text', text: 'The end of the story.' }] },
        ],
      } satisfies Article),
    )
    renderApp(`/articles/${base.slug}`)
    await waitFor(() => {
      expect(document.querySelector('main article .article-body, [role="alert"]')).not.toBeNull()
    })

    expect(document.querySelector('[role="alert"]')?.textContent ?? null).toBeNull()
    // An unsafe photo may be left out and an unsafe link shown as plain text, but every link's words
    // stay, every figure shown has its photo, and the story goes on to its end.
    const body = document.querySelector('.article-body')!
    expect(textsUnder(body).filter((t) => t === 'Read more')).toHaveLength(list.length)
    const figures = [...body.querySelectorAll(':scope > figure')]
    expect(figures.filter((figure) => !figure.querySelector('img'))).toEqual([])
    expect(body.lastElementChild).toHaveTextContent('The end of the story.')
    expect(safetyProblems(calls)).toEqual([])
  })
})

describe('hostile markup in HTML blocks', () => {
  /** One story whose body is an HTML block per case, between paragraphs a reader must still see. */
  async function renderHtmlBlocks(list: readonly HostileCase[]) {
    const calls = installSentinel()
    const base = baseArticle()
    server.use(
      respondWithJson(`articles/${base.slug}.json`, {
        ...base,
        body: list.flatMap((c) => [
          htmlBlock(c.value),
          { type: 'paragraph', content: [{ type: 'text', text: `After case ${c.id}` }] },
        ]),
      } satisfies Article),
    )
    renderApp(`/articles/${base.slug}`)
    // Each block shows once the sanitizer (a lazy module) has loaded and cleaned it.
    await waitFor(
      () => {
        if (document.querySelector('[role="alert"]')) return
        const blocks = document.querySelectorAll('.article-body .article-html')
        expect(blocks).toHaveLength(list.length)
        expect(document.querySelector('.article-body [aria-busy="true"]')).toBeNull()
      },
      { timeout: 10_000 },
    )
    return calls
  }

  test.each(batches(cases, 300).map((batch, i) => [i + 1, batch] as const))(
    'batch %i: sanitized, with nothing left that runs, and the story still readable',
    async (_batch, batch) => {
      const calls = await renderHtmlBlocks(batch)
      expect(document.querySelector('[role="alert"]')?.textContent ?? null).toBeNull()
      expect(safetyProblems(calls)).toEqual([])
      // Nothing a block holds may swallow what follows it (an unclosed comment, a <textarea>).
      const body = document.querySelector('.article-body')!
      const missing = batch.filter((c) => !showsAsText(body, `After case ${c.id}`))
      expect(listCases(missing), 'paragraphs swallowed by the block before them').toEqual([])
    },
    30_000,
  )
})
