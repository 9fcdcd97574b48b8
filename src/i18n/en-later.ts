import { LANG, number } from './en'

/**
 * The interface's words that only code loaded after the first render uses, in English: the search page,
 * the keyboard shortcuts, the reading controls and the messages of failed requests. Kept apart from ./en
 * so that they load with that code, not with every page's first route (docs/decisions/014-interface-text.md).
 */

/** `forms[category]` for `count` by the language's plural rules; `other` stands for any form not given. */
const plural = (
  count: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
) => forms[new Intl.PluralRules(LANG).select(count)] ?? forms.other

// Failed requests: what went wrong, under the failed part's own title
export const NEWSROOM_BUSY = 'The newsroom is busy right now (429).'
export const NEWSROOM_UNAVAILABLE = 'The newsroom is temporarily unavailable (503).'
export const newsroomHttpError = (status: number) =>
  `The newsroom's server answered with an error (${status}).`
/** The wait a server asked for, when too long for the app to make: "Try again in about 2 minutes." */
export const tryAgainIn = (unit: 'second' | 'minute' | 'hour', count: number) =>
  `Try again in ${unit === 'second' ? '' : 'about '}${number(count)} ${plural(count, { one: unit, other: `${unit}s` })}.`

// Search
export const SEARCH_STORIES = 'Search stories'
export const SEARCH_HINT = 'Headlines, summaries, story text, tags and authors.'
export const SEARCH_RESULTS = 'Search results'
export const SEARCH_FAILED = 'Search is not available right now'
export const SHOW_MORE_RESULTS = 'Show more results'
export const SEARCH_PROMPT = 'Type a word or two to find stories.'
export const SEARCHING = 'Searching…'
/** The search's outcome for the status line; `atLeast` when the count is a floor, `filtered` with filters on. */
export const searchOutcome = (
  total: number,
  atLeast: boolean,
  query: string,
  filtered: boolean,
) => {
  const narrowed = filtered ? ' with these filters' : ''
  return total === 0
    ? `No stories match “${query}”${narrowed}. Try fewer or different words${filtered ? ', or remove a filter' : ''}.`
    : `${atLeast ? 'At least ' : ''}${number(total)} ${plural(total, { one: 'story matches', other: 'stories match' })} “${query}”${narrowed}.`
}
export const NARROW_RESULTS = 'Narrow the results'
export const SECTION = 'Section'
export const ALL_SECTIONS = 'All sections'
export const TAG = 'Tag'
export const CHOOSE_TAG = 'Choose a tag…'
export const ADD_TAG = 'Add tag'
export const ACTIVE_TAG_FILTERS = 'Active tag filters'
export const removeTag = (name: string) => `Remove tag ${name}`
export const TAGS = 'Tags'
/** Before an author's name: "By Ada Lovelace". */
export const BY = 'By'

// Keyboard
export const KEYBOARD_SHORTCUTS = 'Keyboard shortcuts'
export const CLOSE = 'Close'
/** Between two keys that do the same: "o or Enter". */
export const OR = 'or'
/** Every shortcut, in the words a reader would use; key names as printed on keyboards. */
export const SHORTCUTS: readonly { keys: readonly string[]; action: string }[] = [
  { keys: ['j'], action: 'Next story' },
  { keys: ['k'], action: 'Previous story' },
  { keys: ['o', 'Enter'], action: 'Open the selected story' },
  { keys: ['s'], action: 'Save or unsave the selected story, or the story you are reading' },
  { keys: ['/'], action: 'Search' },
  { keys: ['?'], action: 'Show these shortcuts' },
  { keys: ['Esc'], action: 'Close this list' },
]
export const SHORTCUTS_WHILE_TYPING = 'Shortcuts do nothing while you type in a box.'
export const CHOOSE_STORY_FIRST = 'Choose a story first: press j or k.'
export const savedAnnouncement = (headline: string) => `Saved: ${headline}`
export const unsavedAnnouncement = (headline: string) => `Removed from saved stories: ${headline}`
export const LAST_STORY = 'This is the last story on the page.'
export const FIRST_STORY = 'This is the first story on the page.'

// Reading preferences
export const THEME = 'Theme'
export const TEXT_SIZE = 'Text size'
export const THEME_SYSTEM = 'System'
export const THEME_LIGHT = 'Light'
export const THEME_DARK = 'Dark'
export const SIZE_STANDARD = 'Standard'
export const SIZE_SMALL = 'Small'
export const SIZE_LARGE = 'Large'
export const SIZE_LARGER = 'Larger'
export const SIZE_LARGEST = 'Largest'
