/**
 * Finds markup that can only have come from a payload: elements that run or load code, inline event
 * handlers, and URLs with a scheme that runs (javascript:, vbscript:) or smuggles a document (data:).
 *
 * It is kept as source text so that the same check runs in jsdom (component tests) and in Chromium
 * (`page.evaluate`), where a compiled function could carry helpers of the test transform with it.
 * The app itself renders none of these, except one decorative icon: an aria-hidden svg in a button.
 */
export const FIND_INJECTED_SOURCE = String.raw`(root) => {
  const problems = []
  const show = (el) => el.outerHTML.slice(0, 160)
  const banned = new Set([
    'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link',
    'style', 'math', 'template', 'noscript', 'xmp', 'plaintext', 'listing', 'portal', 'animate',
    'set', 'foreignobject', 'use', 'image', 'marquee', 'isindex', 'param', 'maction', 'video',
    'audio', 'track', 'source', 'frameset', 'dialog',
  ])
  const urlAttributes = new Set([
    'href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'cite', 'ping',
    'xlink:href', 'lowsrc', 'dynsrc', 'to', 'values',
  ])
  // Browsers ignore C0 controls, spaces and C1 controls around a scheme, and tabs or new lines in it.
  const scheme = (url) => url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase()
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName.toLowerCase()
    if (banned.has(tag)) problems.push('a <' + tag + '> element: ' + show(el))
    if (tag === 'svg' && !(el.getAttribute('aria-hidden') === 'true' && el.closest('button'))) {
      problems.push('an <svg> element that is not the app\'s icon: ' + show(el))
    }
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase()
      const value = attribute.value
      if (name.startsWith('on')) problems.push('an inline handler ' + name + ': ' + show(el))
      if (name === 'srcdoc') problems.push('an srcdoc document: ' + show(el))
      if (name === 'style' && /expression|url\s*\(|script:|behavior|binding|fixed|absolute/i.test(value)) {
        problems.push('a dangerous style: ' + show(el))
      }
      if (name.startsWith('ng-') || name.startsWith('v-') || name === 'http-equiv') {
        problems.push('a framework or meta attribute ' + name + ': ' + show(el))
      }
      const urls =
        name === 'srcset' || name === 'imagesrcset'
          ? value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] || '')
          : urlAttributes.has(name)
            ? [value]
            : []
      for (const url of urls) {
        if (/^(javascript|vbscript|data|file):/.test(scheme(url))) {
          problems.push('a ' + name + ' of ' + JSON.stringify(url.slice(0, 60)) + ': ' + show(el))
        }
      }
    }
  }
  return problems
}`

type FindInjected = (root: Element) => string[]

/** In jsdom: every piece of injected markup under `root`, described (empty when there is none). */
export const findInjected: FindInjected = new Function(`return ${FIND_INJECTED_SOURCE}`)()
