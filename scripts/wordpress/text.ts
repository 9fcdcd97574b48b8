import { JSDOM } from 'jsdom'

/** One jsdom window for the whole build: parsing HTML is all it is asked to do. */
let window: JSDOM['window'] | undefined

export function domWindow(): JSDOM['window'] {
  window ??= new JSDOM('').window
  return window
}

/** Parses `html` as a fragment (never run: a template's content has no scripts that execute). */
export function parseFragment(html: string): DocumentFragment {
  const template = domWindow().document.createElement('template')
  template.innerHTML = html
  return template.content
}

/**
 * HTML that WordPress sends for plain text (a headline, an excerpt, a term's name) as the text a reader
 * sees: tags stripped, entities decoded (`&#8217;` is ’), scripts and styles dropped, whitespace collapsed.
 */
export function decodeText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim()
  const fragment = parseFragment(html)
  for (const element of Array.from(fragment.querySelectorAll('script, style, template')))
    element.remove()
  // Block ends become spaces, so "<p>One</p><p>Two</p>" is "One Two".
  for (const element of Array.from(
    fragment.querySelectorAll('p, br, li, h1, h2, h3, h4, h5, h6, div'),
  ))
    element.after(' ')
  return (fragment.textContent ?? '').replace(/\s+/g, ' ').trim()
}
