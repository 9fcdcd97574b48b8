import { createRequire } from 'node:module'

// jsdom (already the unit tests' environment) ships no type declarations; this is the one typed door
// to it, for tests that read HTML as a crawler does, in Node with no browser and no script run.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string) => { window: { document: Document } }
}

/** Parses a whole HTML document. Scripts in it are never run. */
export const parseHtml = (html: string): Document => new JSDOM(html).window.document

/**
 * Head tags (renderHead's output) as a browser parses them: the document, and the `content` of every
 * tag a selector finds, which is what a link preview or a crawler reads.
 */
export function parseHead(tags: string) {
  const doc = parseHtml(`<!doctype html><head>${tags}</head>`)
  const content = (selector: string) =>
    [...doc.head.querySelectorAll(selector)].map((el) => el.getAttribute('content'))
  return { doc, content }
}
