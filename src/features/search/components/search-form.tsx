import { SEARCH } from '@/i18n'

/**
 * The header's search box, on every page: a plain GET form to /search, which works the same before the
 * app's code has loaded, without it, and with it (the browser loads /search?q=…, whose page then searches).
 * No script and no utility classes of its own (`.site-search` in src/styles.css) on purpose: its markup is
 * in every page's first-route JavaScript (docs/decisions/012-search.md).
 */
export function SearchForm() {
  return (
    <form role="search" action="/search" className="site-search">
      {/* Named by aria-label, not a hidden <label>: the same name for a screen reader, fewer bytes. */}
      <input type="search" name="q" aria-label={SEARCH} required />
      <button>{SEARCH}</button>
    </form>
  )
}
