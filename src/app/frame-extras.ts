/**
 * What the page frame adds once the page is live, in one chunk that loads after the first render: none of
 * it paints the first screen, so none of it is in the first route (docs/decisions/009-performance-budgets.md).
 * One chunk and one dynamic import for them all, not one each: each lazy import has a cost of its own in
 * the first route (its loader and its entry in the preload map).
 */
// The Follow toggle on section, tag and author pages and beside a story's topics.
export { FollowButton } from '@/features/following/components/follow-button'
export { KeyboardSupport } from '@/features/keyboard/components/keyboard-support'
// The reading history's marks on story cards, and its place-keeping on a story's page.
export { ContinueReading } from '@/features/reading-history/components/continue-reading'
export { ReadMark } from '@/features/reading-history/components/read-mark'
export { ReadingPreferences } from '@/features/preferences/components/reading-preferences'
export { UpdatePrompt } from '@/features/pwa/components/update-prompt'
// News while the app is closed: Notify me on Following, and the follow list mirrored for the worker.
export { BackgroundNewsMirror, FollowingNotifyMe } from './background-news'
// The count of new stories in the followed topics on the header's Following link, and the app's badge.
export { FollowingCount } from './following-count'
// Keep offline on section, tag and author pages and on Following, and the kept topics' refresh when the app opens.
export { KeepFollowing, KeepOffline, KeptTopicsRefresh } from './keep-topics-offline'
