/**
 * Fills the built index.html with one prerendered page: its head tags in place of the shell's title and
 * description, the rendered app inside #root, and the page's data block after it. The template must hold
 * each of those exactly once, or the build stops: a silently unfilled page would ship as a blank one.
 */
export interface FilledPage {
  head: string
  body: string
  data: string
}

const TITLE = /<title>[^<]*<\/title>/g
const DESCRIPTION = /[ \t]*<meta name="description"[^>]*>\n?/g
const ROOT = /<div id="root"><\/div>/g

export function fillTemplate(template: string, page: FilledPage): string {
  for (const [name, pattern] of [
    ['<title>', TITLE],
    ['<meta name="description">', DESCRIPTION],
    ['<div id="root"></div>', ROOT],
  ] as const) {
    const count = template.match(pattern)?.length ?? 0
    if (count !== 1)
      throw new Error(`index.html must contain ${name} once, found it ${count} times`)
  }
  // Replacer functions, not strings: a `$&` or `$'` in a story must stay text, not a match reference.
  return template
    .replace(DESCRIPTION, () => '')
    .replace(TITLE, () => page.head)
    .replace(ROOT, () => `<div id="root">${page.body}</div>${page.data}`)
}
