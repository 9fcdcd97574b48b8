import { Suspense, use, useMemo } from 'react'
import type { Sanitize } from '../html/sanitizer'
import { SanitizerContext } from '../html/sanitizer-context'
import { PART_NOT_LOADED } from '@/i18n'

let browserSanitizer: Promise<Sanitize | null> | undefined
/**
 * DOMPurify and our rules, downloaded the first time a story has an html block. A failed download
 * (offline with a stale cache, a deploy that removed the chunk) costs this block a message, not the whole
 * story an error; a reload tries again. One promise for the page's life: `use` needs the same one on
 * every render.
 */
function loadSanitizer(): Promise<Sanitize | null> {
  browserSanitizer ??= import('../html/browser-sanitizer').then(
    (module) => module.sanitize,
    () => null,
  )
  return browserSanitizer
}

/**
 * A part of a story that arrived as HTML, shown only after DOMPurify has cleaned it. The prerenderer
 * provides a sanitizer (SanitizerContext) and the page ships the cleaned markup, which stays on screen
 * while the browser loads its own sanitizer, then hydrates.
 */
export function HtmlBlock({ html }: { html: string }) {
  const serverSanitize = use(SanitizerContext)
  return (
    <Suspense fallback={<div className="article-html min-h-16" aria-busy="true" />}>
      {serverSanitize ? (
        <HtmlMarkup html={html} sanitize={serverSanitize} />
      ) : (
        <BrowserHtml html={html} />
      )}
    </Suspense>
  )
}

function BrowserHtml({ html }: { html: string }) {
  const sanitize = use(loadSanitizer())
  if (!sanitize) {
    return (
      <p role="alert" className="text-base text-stone-600 dark:text-stone-400">
        {PART_NOT_LOADED}
      </p>
    )
  }
  return <HtmlMarkup html={html} sanitize={sanitize} />
}

/** The one place that sets innerHTML, and only ever with a sanitizer's output (TrustedHTML in Chromium). */
function HtmlMarkup({ html, sanitize }: { html: string; sanitize: Sanitize }) {
  const markup = useMemo(() => sanitize(html), [html, sanitize])
  return <div className="article-html" dangerouslySetInnerHTML={{ __html: markup }} />
}
