/**
 * `text` with every character that means something in a regular expression escaped, so a file name or a
 * path can sit inside a pattern as itself (`a.js` must not match `a-js`). For the tests' own patterns:
 * console messages, host rules.
 */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
