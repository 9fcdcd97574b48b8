import type { Article, Block, Figure, ListingHead, Summary } from '@/features/articles/api/schemas'
import { makeListingHead } from '../factories'
import type { Site } from '@/features/site/api/schemas'
import type { HostileCase } from './cases'

/**
 * API responses with hostile strings in every string field, built from real ones (the fixture API in
 * component tests, the built API in browser tests) so that everything else still passes the schema.
 */

/**
 * Headlines and names must have visible text (the schemas refuse one of only spaces, controls or invisible
 * characters, which would show as an empty link): such a case goes into those fields as "(invisible)",
 * and the refusal is tested on its own.
 */
export const headlineFor = (value: string) =>
  /[^\s\p{Cc}\p{Cf}\p{Z}\p{M}]/u.test(value) ? value : '(invisible)'

/**
 * How a headline or name given as `headlineFor(value)` shows: the schemas remove bidirectional isolate
 * controls (U+2066–U+2069) from them, which would end the page's own isolation early (src/lib/visible-text.ts).
 */
export const shownFor = (value: string) => headlineFor(value).replace(/[\u2066-\u2069]/g, '')

/** The slug a hostile story gets: valid, unique, and tied to its case. */
export const hostileSlug = (c: HostileCase) => `hostile-${c.id}`

/** A photo whose text fields are the case; its files are the real ones. */
function hostileFigure(base: Figure | null, value: string): Figure {
  const figure = base ?? {
    src: 'images/missing.webp',
    width: 640,
    height: 360,
    alt: '',
    srcset: [],
    caption: '',
    credit: '',
  }
  return { ...figure, alt: value, caption: value, credit: value }
}

/** A summary whose every string field (headline, summary, names, alt text) is the case. */
export function hostileSummary(base: Summary, c: HostileCase, id: number): Summary {
  const image = base.image ?? { src: 'images/missing.webp', width: 640, height: 360, srcset: [] }
  return {
    ...base,
    id,
    slug: hostileSlug(c),
    headline: headlineFor(c.value),
    summary: c.value,
    section: { ...base.section, name: headlineFor(c.value) },
    author: { ...base.author, name: headlineFor(c.value) },
    tags: [{ slug: 'hostile-tag', name: headlineFor(c.value) }],
    image: { ...image, alt: c.value },
  }
}

/** A listing's head (its page 1, all of it) holding a story per case, newest first as the API promises. */
export function hostileListing(base: Summary, cases: readonly HostileCase[]): ListingHead {
  return makeListingHead(cases.map((c, i) => hostileSummary(base, c, 1_000_000 - i)))
}

/** Every kind of block and inline the body has, with the case as all of its text. */
export function textBlocks(value: string): Block[] {
  const text = (t: string) => ({ type: 'text' as const, text: t })
  return [
    { type: 'paragraph', content: [text(value)] },
    { type: 'heading', level: 2, content: [text(value)] },
    { type: 'heading', level: 3, content: [text(value)] },
    { type: 'quote', paragraphs: [[text(value)]], cite: value },
    { type: 'list', ordered: false, items: [[text(value)], [text(value)]] },
    { type: 'list', ordered: true, items: [[text(value)]] },
    {
      type: 'paragraph',
      content: [
        { type: 'code', text: value },
        { type: 'break' },
        { type: 'em', content: [text(value)] },
        { type: 'strong', content: [{ type: 'em', content: [text(value)] }] },
        { type: 'link', href: 'https://example.org/', content: [text(value)] },
        { type: 'link', href: '/articles/first-story', content: [text(value)] },
      ],
    },
    { type: 'figure', figure: hostileFigure(null, value) },
  ]
}

/** A story (headline, summary, names, hero and a body of every block) whose every text is the case. */
export function hostileArticle(base: Article, c: HostileCase): Article {
  const summary = hostileSummary(base, c, base.id)
  return {
    ...base,
    ...summary,
    hero: hostileFigure(base.hero, c.value),
    body: textBlocks(c.value),
    // The box below the story shows these names too.
    related: base.related?.map((story) => ({
      ...story,
      headline: headlineFor(c.value),
      section: { ...story.section, name: headlineFor(c.value) },
    })),
  }
}

/** The case as every URL a story carries: its photos' files and its links' targets. */
export function urlBlocks(url: string): Block[] {
  return [
    {
      type: 'paragraph',
      content: [{ type: 'link', href: url, content: [{ type: 'text', text: 'Read more' }] }],
    },
    {
      type: 'figure',
      figure: {
        src: url,
        width: 640,
        height: 360,
        alt: 'A photo',
        srcset: [{ src: url, width: 640 }],
        caption: 'A caption',
        credit: 'A credit',
      },
    },
  ]
}

/**
 * An HTML block, `{ type: 'html', html }`, which the API is gaining (sanitized when rendered). Typed
 * by hand until the schema has it.
 */
export const htmlBlock = (html: string) => ({ type: 'html', html }) as unknown as Block

/**
 * site.json with a section and a tag per case (names must not be empty there: the empty case becomes
 * "(empty)"): the section menu and the tag filter show them all.
 */
export function hostileSite(base: Site, cases: readonly HostileCase[]): Site {
  return {
    ...base,
    sections: [
      ...base.sections,
      ...cases.map((c) => ({
        slug: `s-${c.id}`,
        name: headlineFor(c.value),
        description: c.value,
        count: 1,
      })),
    ],
    tags: [
      ...base.tags,
      ...cases.map((c) => ({ slug: `t-${c.id}`, name: headlineFor(c.value), count: 1 })),
    ],
  }
}
