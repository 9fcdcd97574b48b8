/**
 * The words the interface shows or announces, in English: visible text, accessible names, titles,
 * live-region announcements, error messages and document titles (docs/decisions/014-interface-text.md).
 * This module holds what every page's first render may need; ./en-later.ts the rest. A translation is a
 * pair of modules with the same exports; src/i18n/index.ts and src/i18n/later.ts pick the build's.
 *
 * Named exports, not an object: the bundler drops what no page uses, and a minified name is all a use
 * costs. Text with values is a small function; a count goes through `plural` (below), so a
 * language with more forms than English's one and other can give them all.
 */

/** The interface's language (BCP 47): its numbers, plural rules and the prerendered dates' month names. */
export const LANG = 'en'

/** A count in the interface language's digits and grouping ("1,234"). */
export const number = (count: number) =>
  (numberFormat ??= new Intl.NumberFormat(LANG)).format(count)
// Made on first use and kept: making an Intl object costs far more than using one.
let numberFormat: Intl.NumberFormat | undefined
let pluralRules: Intl.PluralRules | undefined

/** `forms[category]` for `count` by the language's plural rules; `other` stands for any form not given. */
export const plural = (
  count: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
) => forms[(pluralRules ??= new Intl.PluralRules(LANG)).select(count)] ?? forms.other

// Site and document titles
/**
 * The newsroom's name: the masthead, and every document title's end. From content/site.yml or the
 * WordPress site's own name, set at build time (scripts/site-identity.ts).
 */
export const SITE_NAME = import.meta.env.VITE_SITE_NAME
/** "Headline – Newsroom". */
export const pageTitle = (title: string) => `${title} – ${SITE_NAME}`

// The page frame
export const SKIP_TO_CONTENT = 'Skip to content'
export const SAVED_STORIES = 'Saved stories'
/** The line under every page: the demo's note, or the newsroom's name and tagline (site-identity.ts). */
export const FOOTER_NOTE = import.meta.env.VITE_SITE_NOTE
/** The release in the footer: "Version 1.4.0 (2026-11-28)". */
export const version = (release: string) => `Version ${release}`
export const CONNECTION_STATUS = 'Connection status'
export const YOU_ARE_OFFLINE = 'You are offline. Showing stories saved on this device.'
/** "These stories were last updated 5 minutes ago." (`ago` from src/lib/format-date.ts). */
export const lastUpdated = (ago: string) => `These stories were last updated ${ago}.`

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

// A page that failed
export const SOMETHING_WENT_WRONG = 'Something went wrong'
export const PAGE_LOAD_FAILED = 'This page could not be loaded'
export const WE_COULD_NOT_LOAD_PAGE = 'We could not load this page'
export const PAGE_FAILED = 'Something went wrong while showing this page.'

// Failed requests (the messages of src/lib/api-client.ts, shown under the failed part's title)
export const NEWSROOM_UNREACHABLE = 'The newsroom could not be reached. Check your connection.'
export const NEWSROOM_TOO_SLOW = 'The newsroom is taking too long to answer.'
export const PAGE_DOES_NOT_EXIST = 'This page does not exist.'
export const NOT_VALID_DATA = 'The newsroom sent something that is not valid data.'
/** Where the data went wrong (`items.0.slug`, or null for the whole response) and the schema's issue. */
export const unexpectedShape = (where: string | null, issue: string) =>
  `The newsroom sent data in an unexpected shape (${where ?? 'the response'}: ${issue}).`
export const newsroomHttpError = (status: number) =>
  `The newsroom's server answered with an error (${status}).`
export const LISTINGS_DISAGREE = 'The newsroom sent listings that do not agree with each other.'

// Not found
export const NOT_FOUND_TITLE = 'Page not found'
/** What could not be found: a page, or a story. */
export const notFoundText = (what: 'page' | 'story') =>
  `We could not find that ${what}. It may have moved, or the link may be mistyped.`
export const GO_TO_LATEST = 'Go to the latest stories'

// Listings
export const LATEST_STORIES = 'Latest stories'
export const SECTION = 'Section'
export const TAG = 'Tag'
export const AUTHOR = 'Author'
/** A listing's document title: "Birds, tagged Puffins + Cliffs, page 2" (no tags: none; page 1: no page). */
export const listingTitle = (name: string, tags: readonly string[], page: number) =>
  [name, tags.length ? `tagged ${tags.join(' + ')}` : '', page > 1 ? `page ${number(page)}` : '']
    .filter(Boolean)
    .join(', ')
/** The listing's accessible name: "Stories, page 2". */
export const storiesPage = (page: number) => `Stories, page ${number(page)}`
export const LOADING_STORIES = 'Loading stories'
// Feeds of a listing (src/features/feeds): the visible links, and the names readers' apps show for them
export const FEEDS = 'Feeds'
export const RSS_FEED = 'RSS feed'
export const ATOM_FEED = 'Atom feed'
export const JSON_FEED = 'JSON Feed'
/** A feed's name in a feed reader: "Climate (RSS)". */
export const feedTitle = (name: string, format: 'RSS' | 'Atom' | 'JSON Feed') =>
  `${name} (${format})`
export const STORIES_LOAD_FAILED = 'The stories could not be loaded'
export const NO_STORIES_WITH_TAGS = 'No stories match all of these tags.'
export const NO_STORIES_YET = 'There are no stories here yet.'
/** What kind of story a card holds, after its section ("Science · Analysis"); news says nothing. */
export const STORY_KINDS = {
  news: 'News',
  brief: 'In brief',
  analysis: 'Analysis',
  feature: 'Feature',
  longread: 'Long read',
}
/** Before an author's name: "By Ada Lovelace". */
export const BY = 'By'
/** A story's length: "4 min read". */
export const minRead = (minutes: number) => `${number(minutes)} min read`
/** The button over the list when new stories have arrived: "3 new stories". */
export const newStories = (count: number) =>
  `${number(count)} ${plural(count, { one: 'new story', other: 'new stories' })}`
/** What the live region says of that button. */
export const newStoriesAvailable = (count: number) =>
  `${newStories(count)} available at the top of the list`

// The tag filter (the search page's too)
export const FILTER_BY_TAGS = 'Filter by tags'
export const FILTER_BY_TAG = 'Filter by tag'
export const CHOOSE_TAG = 'Choose a tag…'
export const ADD_TAG = 'Add tag'
export const ACTIVE_TAG_FILTERS = 'Active tag filters'
export const removeTag = (name: string) => `Remove tag ${name}`
export const CLEAR_FILTERS = 'Clear filters'
/** How many stories carry every chosen tag: "1 story matches". */
export const storiesMatch = (total: number) =>
  `${number(total)} ${plural(total, { one: 'story matches', other: 'stories match' })}`

// A story
export const STORY = 'Story'
export const STORY_UNAVAILABLE = 'Story unavailable'
export const STORY_LOAD_FAILED = 'This story could not be loaded'
export const LOADING_STORY = 'Loading the story'
export const LOADING_RELATED = 'Loading related stories'
export const RELATED_FAILED = 'Related stories could not be loaded'
export const PUBLISHED = 'Published'
export const UPDATED = 'Updated'
export const TOPICS = 'Topics'
/** Read out before a photo's credit (the page shows a slash). */
export const PHOTO_CREDIT = 'Photo:'
export const PART_NOT_LOADED =
  'Part of this story could not be loaded. Check your connection, then reload the page.'
export const SHARE = 'Share'
export const LINK_COPIED = 'Link copied'
export const COPY_FAILED = 'The link could not be copied. Copy it from the field below.'
export const LINK_TO_STORY = 'Link to this story'

// Prerendered pages' descriptions, when the newsroom gives none (the build only)
export const sectionDescription = (name: string, site: string) =>
  `The latest ${name} stories from ${site}.`
export const tagDescription = (name: string, site: string) =>
  `Stories tagged ${name}, from ${site}.`
export const authorDescription = (name: string, site: string) => `Stories by ${name}, for ${site}.`

// Navigation
export const SECTIONS = 'Sections'
export const LATEST = 'Latest'
export const SECTIONS_FAILED = 'Sections failed to load. Retry'

// The header's search box (and the search page's heading)
export const SEARCH = 'Search'

// The Save toggle's two states, on every card (the keyboard's "s" looks for them)
export const SAVE = 'Save'
export const SAVED = 'Saved'

// Following (src/features/following): the header's link, and the Follow toggle's pressed state
export const FOLLOWING = 'Following'
