/**
 * The interface's text in the build's language: the one place components import words from
 * (docs/decisions/014-interface-text.md). A translation is a sibling module with the same exports
 * (`./fr`); building in it means pointing this line at it.
 */
export * from './en'
