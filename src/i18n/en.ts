/**
 * The words the interface shows or announces, in English: visible text, accessible names, titles,
 * live-region announcements, error messages and document titles (docs/decisions/014-interface-text.md).
 * This module holds what every page's first render may need; ./en-later.ts the rest. A translation is a
 * pair of modules with the same exports; src/i18n/index.ts and src/i18n/later.ts pick the build's.
 *
 * Named exports, not an object: the bundler drops what no page uses, and a minified name is all a use
 * costs. Text with values is a small function; a count goes through `plural` (./en-later.ts), so a
 * language with more forms than English's one and other can give them all.
 */

/** The interface's language (BCP 47): its numbers, plural rules and the prerendered dates' month names. */
export const LANG = 'en'

/** A count in the interface language's digits and grouping ("1,234"). */
export const number = (count: number) => count.toLocaleString(LANG)

// Site and document titles
/** The newsroom's name: the masthead, and every document title's end. */
export const SITE_NAME = 'Newsroom'
/** "Headline – Newsroom". */
export const pageTitle = (title: string) => `${title} – ${SITE_NAME}`

// Shared pieces
export const RETRY = 'Retry'
export const RETRYING = 'Retrying…'
export const LOADING_PAGE = 'Loading page'
export const PAGES = 'Pages'
export const NEWER_STORIES = '← Newer stories'
export const OLDER_STORIES = 'Older stories →'
/** "Page 2 of 7". */
export const pageOf = (page: number, count: number) => `Page ${number(page)} of ${number(count)}`
/** A prerendered moment, the same on every machine: "5 January 2023, 09:00 UTC". */
export const utcDateTime = (day: number, month: string, year: number, time: string) =>
  `${day} ${month} ${year}, ${time} UTC`

// Not found
export const NOT_FOUND_TITLE = 'Page not found'
/** What could not be found: a page, or a story. */
export const notFoundText = (what: 'page' | 'story') =>
  `We could not find that ${what}. It may have moved, or the link may be mistyped.`
export const GO_TO_LATEST = 'Go to the latest stories'

// Navigation
export const SECTIONS = 'Sections'
export const LATEST = 'Latest'
export const SECTIONS_FAILED = 'Sections failed to load. Retry'

// The header's search box (and the search page's heading)
export const SEARCH = 'Search'

// The Save toggle's two states, on every card (the keyboard's "s" looks for them)
export const SAVE = 'Save'
export const SAVED = 'Saved'
