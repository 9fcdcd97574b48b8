/**
 * The build language's words for code that loads after the first render (search, keyboard, reading
 * controls, failed requests): import them from here, never from '@/i18n', so they stay off the first
 * route (docs/decisions/014-interface-text.md). A translation points this line at its own module too.
 */
export * from './en-later'
