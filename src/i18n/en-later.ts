import { newStories, number, plural, SITE_NAME } from './en'

/**
 * The interface's words that only code loaded after the first render uses, in English: the search page,
 * the keyboard shortcuts, the reading controls and the messages of failed requests. Kept apart from ./en
 * so that they load with that code, not with every page's first route (docs/decisions/014-interface-text.md).
 */

// Words the first render also uses (./en): the later code takes them from here, like the rest of its words.
export {
  ACTIVE_TAG_FILTERS,
  ADD_TAG,
  BY,
  CHOOSE_TAG,
  GO_TO_LATEST,
  minRead,
  newsroomHttpError,
  removeTag,
  SAVED,
  SAVED_STORIES,
  SEARCH,
  SECTION,
  TAG,
} from './en'

// Failed requests: what went wrong, under the failed part's own title
export const NEWSROOM_BUSY = 'The newsroom is busy right now (429).'
export const NEWSROOM_UNAVAILABLE = 'The newsroom is temporarily unavailable (503).'
/** The wait a server asked for, when too long for the app to make: "Try again in about 2 minutes." */
export const tryAgainIn = (unit: 'second' | 'minute' | 'hour', count: number) =>
  `Try again in ${unit === 'second' ? '' : 'about '}${number(count)} ${plural(count, { one: unit, other: `${unit}s` })}.`

// Search
/** The search page's document title, with the query when there is one. */
export const searchTitle = (query: string) => `Search: ${query}`
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
export const ALL_SECTIONS = 'All sections'
export const TAGS = 'Tags'

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

// A story offline, not saved on this device
export const NOT_AVAILABLE_OFFLINE = 'Not available offline'
export const STORY_NOT_OFFLINE = 'This story is not available offline'
/** Why it is missing, naming the story when its headline is known. */
export const notSavedOffline = (headline: string | undefined) =>
  `${headline ? `“${headline}” has` : 'This story has'} not been saved on this device, and the newsroom cannot be reached. It will open once you are back online.`
export const TRY_AGAIN = 'Try again'
export const TRYING_AGAIN = 'Trying again…'
export const AVAILABLE_OFFLINE = 'Available offline'
export const NOTHING_SAVED_OFFLINE =
  'No stories are saved on this device yet. Stories you open, or save, while online can be read here later without a connection.'

// Below a story
export const RELATED_STORIES = 'Related stories'
export const NO_RELATED_STORIES = 'No related stories yet.'
/**
 * The link to a section: "All Science stories". The name comes as given (text, or an isolating element),
 * so the words around it are an array for React to render in this language's order.
 */
export const allStoriesIn = <T>(section: T) => ['All ', section, ' stories'] as const
export const moreFrom = (section: string) => `More from ${section}`
export const loadingMoreFrom = (section: string) => `Loading more from ${section}`
export const moreFromFailed = (section: string) => `More from ${section} could not be loaded`
export const noOtherStoriesIn = (section: string) => `No other stories in ${section} yet.`

// The reading history
export const CONTINUE_READING = 'Continue reading'
/** "You left off 40 % of the way through." */
export const leftOff = (percent: number) => `You left off ${number(percent)} % of the way through.`
/** A story's mark on its card: read, or how far a long read left partway has got. */
export const READ = 'Read'
export const continueReadingAt = (percent: number) => `Continue reading: ${number(percent)} % read`

// A new version of the app
export const APP_UPDATE = 'App update'
export const NEW_VERSION = `A new version of ${SITE_NAME} is available.`
export const UPDATE = 'Update'
export const UPDATING = 'Updating…'
export const NOT_NOW = 'Not now'

// The Saved page
export const SAVED_STORIES_INTRO = 'Kept on this device, and readable without a connection.'
export const SAVED_STORIES_LIST = 'Saved stories, newest first'
export const NO_SAVED_STORIES = 'You have no saved stories yet.'
export const HOW_TO_SAVE =
  'Press Save on any story to keep it here. Saved stories can be read without a connection.'
export const UNSAVE = 'Unsave'
export const removedFromSaved = (headline: string) => `Removed “${headline}” from saved stories.`

// Following (src/features/following): the Follow toggle, the Following page, shared follows
export { COPY_FAILED, FOLLOWING, LINK_COPIED, LOADING_STORIES } from './en'
export const FOLLOW = 'Follow'
export const UNFOLLOW = 'Unfollow'
export const FOLLOWING_INTRO =
  'The newest stories from the sections, tags and authors you follow, kept on this device.'
export const TOPICS_YOU_FOLLOW = 'Topics you follow'
export const NEWEST_FROM_FOLLOWED = 'Newest stories from your topics'
/** A followed topic's count on Following: "3 new since your last visit". */
export const newSinceLastVisit = (count: number) =>
  count ? `${number(count)} new since your last visit` : 'Nothing new since your last visit'
/**
 * The header's Following link when its topics have new stories: the badge shows the number, and this,
 * out of sight, finishes the link's name: "Following (3 new stories)". It starts with a space, not a comma:
 * text placed out of the flow is a block, and browsers put a space before it in a name ("Following , 3").
 */
export const followingNew = (count: number) => ` (${newStories(count)})`
/** The number on the badge beside Following: "3". */
export const countBadge = (count: number) => number(count)
export const topicLoadFailed = (name: string) => `The stories of ${name} could not be loaded`
export const NOT_FOLLOWING_YET = 'You do not follow any topics yet.'
export const FOLLOW_HOW =
  'Press Follow on a section, tag or author page, or beside a story’s topics, and their newest stories appear here.'
export const SHARE_FOLLOWS = 'Share follows'
export const LINK_TO_FOLLOWS = 'Link to your follows'
/** What the system's share sheet shows with the link. */
export const FOLLOWS_SHARE_TITLE = `Topics to follow on ${SITE_NAME}`
export const FOLLOWS_SHARE_TEXT = 'Open this link to follow the same topics on another device.'
export const SHARED_FOLLOWS = 'Follow topics from a shared link'
export const SHARED_FOLLOWS_QUESTION = 'Follow these topics on this device?'
export const CHECKING_SHARED_TOPICS = 'Checking the topics in the link…'
export const SHARED_TOPICS_UNCHECKED = 'The topics in the link could not be checked'
/** A followed topic the API answers 404 for: removed from the newsroom. */
export const TOPIC_GONE = 'This topic no longer exists.'
export const NO_SHARED_TOPICS = 'This link does not name any topics to follow.'
/** The confirm button of a shared list: "Follow 2 topics". */
export const followSharedTopics = (count: number) =>
  `Follow ${number(count)} ${plural(count, { one: 'topic', other: 'topics' })}`
/** What a shared list held that is not offered: "Left out: 1 topic this newsroom does not have." */
export const sharedTopicsLeftOut = (unknown: number, followed: number) =>
  `Left out: ${[
    unknown
      ? `${number(unknown)} ${plural(unknown, { one: 'topic', other: 'topics' })} this newsroom does not have`
      : '',
    followed ? `${number(followed)} you already follow` : '',
  ]
    .filter(Boolean)
    .join('; ')}.`

// Keep offline (src/features/keep-offline): topics kept for reading without a connection, within a budget
export const KEEP_OFFLINE = 'Keep offline'
export const OFFLINE_READING = 'Offline reading'
export const OFFLINE_READING_INTRO =
  'Sections, tags and authors you keep offline: their newest stories, with photos, stored on this device and refreshed when you open the app online. When they need more than the budget, the oldest stories go first; saved stories are never dropped.'
export const STORAGE_BUDGET = 'Storage budget'
export const KEPT_TOPICS = 'Kept topics'
export const NO_KEPT_TOPICS =
  'No topics are kept offline. Choose Keep offline on a section, tag or author page.'
/** The Offline reading panel's entry for Following, kept offline: what it holds. */
export const EVERY_FOLLOWED_TOPIC = 'Every topic you follow.'
export const STOP_KEEPING = 'Stop keeping'
export const CLEAR = 'Clear'
export const MEASURING = 'Measuring…'
/** A size in storage: "1.5 MB", "320 kB" (1 MB = 1,024 × 1,024 bytes). */
export const storageSize = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${number(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`
    : `${number(Math.ceil(bytes / 1024))} kB`
/** What the kept copies take: "Using 3.2 MB of 50 MB." */
export const storageUsed = (used: number, budget: number) =>
  `Using ${storageSize(used)} of ${storageSize(budget)}.`

// News while the app is closed (src/features/background-news, public/background-news-sw.js)
export const NOTIFICATIONS = 'Notifications'
export const NOTIFY_ME = 'Notify me'
export const TURN_OFF = 'Turn off'
export const NOTIFY_ME_HOW =
  'One notification when the topics you follow have new stories, even while the app is closed. Your browser asks for permission first.'
export const NOTIFYING_IN_BACKGROUND =
  'On: this device checks the topics you follow about twice a day and tells you of new stories.'
export const NOTIFYING_WHEN_OPEN =
  'On, but this browser does not check in the background: new stories are counted when you open the app.'
export const NOTIFICATIONS_BLOCKED =
  'Notifications are blocked for this site. Allow them in your browser’s settings, then press Notify me again.'
export const NOTIFICATIONS_UNSUPPORTED =
  'This browser cannot show notifications: new stories are counted when you open the app.'
/** The notification's title and body; the service worker fills in {count} and {names}. */
export const BACKGROUND_NEWS_WORDS = {
  title: `New on ${SITE_NAME}`,
  one: '{count} new story in {names}',
  other: '{count} new stories in {names}',
}
