/**
 * The mark on a story's Save toggle (src/features/saved/components/save-button.tsx), by which keyboard
 * support's "s" finds the toggle to press (src/features/keyboard/lib/stories.ts). A name both sides import
 * from here, since features do not import each other; not the button's words, which are the saved
 * feature's to change, nor aria-pressed alone, which other toggles share. Pressing the real button keeps
 * one way to save a story: whatever the page does on saving (keeping the story offline) happens for "s" too.
 */
const SAVE_TOGGLE_ATTRIBUTE = 'data-save-toggle'

/** Spread on the Save toggle: `<button {...saveToggleMark}>`. */
export const saveToggleMark = { [SAVE_TOGGLE_ATTRIBUTE]: '' } as const

/** Matches the Save toggles on the page. */
export const SAVE_TOGGLE_SELECTOR = `button[${SAVE_TOGGLE_ATTRIBUTE}]`
