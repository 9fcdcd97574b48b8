import { useNavigate } from 'react-router'
import { paths } from '@/config/paths'
import { SEARCH } from '@/i18n'

/**
 * The header's search box, on every page: a GET form to /search, which works the same before the app's
 * code has loaded and without it (the browser loads /search?q=…, whose page then searches). Once the app
 * is live, submitting it is an in-app navigation to the same URL: no page load, and the search index's
 * files already read stay in memory. No utility classes of its own (`.site-search` in src/styles.css) on
 * purpose: its markup is in every page's first-route JavaScript (docs/decisions/012-search.md).
 */
export function SearchForm() {
  const navigate = useNavigate()
  return (
    <form
      role="search"
      action={paths.search()}
      className="site-search"
      onSubmit={(event) => {
        event.preventDefault()
        // The URL the browser would have built from the form (/search?q=peace+keeper): a FormData is a
        // list of name-value pairs, which URLSearchParams takes as they are.
        const fields = new FormData(event.currentTarget) as unknown as string[][]
        void navigate(`${paths.search()}?${new URLSearchParams(fields)}`)
      }}
    >
      {/* Named by aria-label, not a hidden <label>: the same name for a screen reader, fewer bytes. */}
      <input type="search" name="q" aria-label={SEARCH} required />
      <button>{SEARCH}</button>
    </form>
  )
}
