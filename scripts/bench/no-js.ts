import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * "The same page without JavaScript" (issue 10): the page's HTML with every module script and every
 * modulepreload removed, and nothing else changed, so the same CSS, images and markup load. Its
 * Lighthouse figures are the limit the page's design can reach, the yardstick for the real page's LCP.
 */

/** One tag in the HTML the bench may remove, or must step over whole (a comment, a script's text). */
const TOKEN =
  /<!--[\s\S]*?-->|<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>[\s\S]*?<\/script\s*>|<link\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi
const ATTRIBUTE = /([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g

function attributes(text: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const [, name, double, single, bare] of text.matchAll(ATTRIBUTE)) {
    const key = name!.toLowerCase()
    if (!found.has(key)) found.set(key, double ?? single ?? bare ?? '')
  }
  return found
}

export interface NoJsHtml {
  html: string
  /** What was taken out: module scripts (with their text) and modulepreload links. */
  removed: { moduleScripts: number; modulepreloads: number }
}

/**
 * The HTML with every `<script type="module">…</script>` and every `<link rel="modulepreload">`
 * removed, whatever they point to. Comments and the text inside other scripts (the page's JSON data,
 * its JSON-LD) are stepped over whole, so a tag-like string in them is never touched.
 */
export function withoutJavaScript(html: string): NoJsHtml {
  const removed = { moduleScripts: 0, modulepreloads: 0 }
  const out = html.replace(TOKEN, (token, scriptAttrs?: string, linkAttrs?: string) => {
    if (scriptAttrs !== undefined) {
      if (attributes(scriptAttrs).get('type')?.trim().toLowerCase() !== 'module') return token
      removed.moduleScripts++
      return ''
    }
    if (linkAttrs !== undefined) {
      const rel = attributes(linkAttrs).get('rel')?.toLowerCase().split(/\s+/) ?? []
      if (!rel.includes('modulepreload')) return token
      removed.modulepreloads++
      return ''
    }
    return token
  })
  return { html: out, removed }
}

export interface NoJsRoot {
  /** A web root that serves `dist` with the pages' HTML swapped for their no-JS copies. */
  root: string
  /** Per page (URL path): what was removed from its HTML. */
  removed: Record<string, NoJsHtml['removed']>
}

/**
 * A second web root for the same build, at `into` (which must not exist): every file and folder of
 * `dist` is a symlink to the original, but for the folders on the way to each page, whose `index.html`
 * is the no-JS copy. Served by a second nginx with the shipped configuration, each copy answers at the
 * very same path as its page, so every URL in it (relative ones too) resolves the same.
 *
 * @param pages URL paths of prerendered pages: `/`, `/tags/x`, `/articles/y`.
 */
export async function noJsRoot(dist: string, pages: string[], into: string): Promise<NoJsRoot> {
  const files = new Map(
    pages.map((page) => [path.posix.join(page.replace(/^\/+/, ''), 'index.html'), page]),
  )
  const removed: NoJsRoot['removed'] = {}

  /** Mirrors `from` (relative to dist) into the new root: symlinks, but along the pages' paths. */
  const mirror = async (from: string) => {
    await mkdir(path.join(into, from), { recursive: from === '' })
    for (const name of await readdir(path.join(dist, from))) {
      const rel = path.posix.join(from, name)
      const source = path.join(dist, rel)
      const target = path.join(into, rel)
      const page = files.get(rel)
      if (page !== undefined) {
        const copy = withoutJavaScript(await readFile(source, 'utf8'))
        if (copy.removed.moduleScripts === 0) {
          throw new Error(
            `${rel} has no module script: how does it load its JavaScript? The no-JS copy would equal it.`,
          )
        }
        removed[page] = copy.removed
        await writeFile(target, copy.html)
      } else if ([...files.keys()].some((file) => file.startsWith(`${rel}/`))) {
        if (!(await lstat(source)).isDirectory()) throw new Error(`${source} is not a folder`)
        await mirror(rel)
      } else {
        await symlink(source, target)
      }
    }
  }
  await mirror('')
  const missing = pages.filter((page) => !(page in removed))
  if (missing.length) throw new Error(`not prerendered in ${dist}: ${missing.join(', ')}`)
  return { root: into, removed }
}
