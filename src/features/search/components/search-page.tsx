import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { ErrorPanel } from '@/components/ui/error-panel'
import { paths } from '@/config/paths'
import { SEARCH } from '@/i18n'
import {
  SEARCH_FAILED,
  SEARCH_HINT,
  SEARCH_PROMPT,
  SEARCH_RESULTS,
  SEARCH_STORIES,
  SEARCHING,
  searchOutcome,
  SHOW_MORE_RESULTS,
} from '@/i18n/later'
import { searchQueryOptions, warmSearchIndex } from '../api/search-stories'
import { readSearchState, searchPath, type SearchState } from '../search-url'
import { SearchFilters, type FilterOption } from './search-filters'
import { SearchResultList } from './search-results'

/** How long typing must pause before the results (and the URL) follow. */
export const SEARCH_DEBOUNCE_MS = 150
const PAGE = 10

interface SearchPageProps {
  sections: readonly FilterOption[]
  tags: readonly FilterOption[]
}

/**
 * /search: results as the reader types. The query and filters live in the URL (replaced while typing,
 * so Back leaves the search rather than stepping through every letter).
 */
export function SearchPage({ sections, tags }: SearchPageProps) {
  // useLocation, not useSearchParams: that hook is not in the first route's code, and would be added to it.
  const state = readSearchState(new URLSearchParams(useLocation().search))
  const navigate = useNavigate()
  const inputId = useId()
  const [text, setText] = useState(state.q)
  const [limit, setLimit] = useState(PAGE)

  /** The last query this page put in the URL from typing (not Back, Forward or a link). */
  const [typed, setTyped] = useState<string | null>(null)
  const [shownQ, setShownQ] = useState(state.q)
  if (state.q !== shownQ) {
    // The URL's query changed. Back, Forward or a link: the field follows it. Our own update after a
    // pause in typing: the field already holds it, and perhaps letters typed since, which must stay.
    setShownQ(state.q)
    if (state.q !== typed) setText(state.q)
  }

  const go = (next: SearchState, replace: boolean) => {
    setLimit(PAGE)
    void navigate(searchPath(next), { replace, preventScrollReset: true })
  }
  // Typing: the URL follows once the reader pauses.
  useEffect(() => {
    if (text === state.q) return
    const timer = setTimeout(() => {
      setTyped(text)
      go({ ...state, q: text }, true)
    }, SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of text starts the wait
  }, [text])

  // The index's first file, read while the reader is still typing.
  const queryClient = useQueryClient()
  useEffect(() => warmSearchIndex(queryClient), [queryClient])

  const results = useQuery({
    ...searchQueryOptions({
      q: state.q,
      section: state.section,
      tags: state.tags,
      limit,
    }),
    enabled: state.q.trim() !== '',
  })
  const data = state.q.trim() ? results.data : undefined

  return (
    <>
      <header className="border-b-2 border-stone-900 pb-4 dark:border-stone-100">
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">{SEARCH}</h1>
        {/* Named, so it is told apart from the header's search landmark. */}
        <form
          role="search"
          aria-labelledby={`${inputId}-label`}
          action={paths.search()}
          method="get"
          onSubmit={(e) => {
            e.preventDefault()
            go({ ...state, q: text }, true)
          }}
          className="mt-3"
        >
          <label id={`${inputId}-label`} htmlFor={inputId} className="block font-medium">
            {SEARCH_STORIES}
          </label>
          <p id={`${inputId}-hint`} className="text-sm text-stone-600 dark:text-stone-400">
            {SEARCH_HINT}
          </p>
          <input
            id={inputId}
            type="search"
            name="q"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${inputId}-hint`}
            autoComplete="off"
            className="mt-1 w-full max-w-xl rounded border border-stone-400 bg-white px-3 py-2 text-lg dark:border-stone-600 dark:bg-stone-900"
          />
        </form>
        <SearchFilters
          state={state}
          sections={sections}
          tags={tags}
          onChange={(filters) => go({ ...state, ...filters }, false)}
        />
      </header>
      <section aria-label={SEARCH_RESULTS} className="mt-4">
        <p
          id={`${inputId}-status`}
          role="status"
          className="text-sm text-stone-700 dark:text-stone-300"
        >
          {statusText(state, data, results.isFetching, results.isError)}
        </p>
        {results.isError && !results.isPlaceholderData ? (
          <div className="mt-4">
            <ErrorPanel
              title={SEARCH_FAILED}
              message={results.error.message}
              onRetry={() => void results.refetch()}
              retrying={results.isFetching}
            />
          </div>
        ) : data?.hits.length ? (
          <>
            <SearchResultList results={data} />
            {data.total > data.hits.length ? (
              <button
                type="button"
                onClick={() => setLimit(limit + PAGE)}
                disabled={results.isFetching}
                className="mt-4 rounded border border-sky-700 px-3 py-1.5 text-sm font-medium text-sky-800 hover:bg-sky-50 disabled:opacity-60 dark:text-sky-300 dark:hover:bg-sky-950"
              >
                {SHOW_MORE_RESULTS}
              </button>
            ) : null}
          </>
        ) : null}
      </section>
    </>
  )
}

function statusText(
  state: SearchState,
  data: { total: number; complete: boolean } | undefined,
  fetching: boolean,
  failed: boolean,
): string {
  if (!state.q.trim()) return SEARCH_PROMPT
  if (failed) return ''
  if (data === undefined) return fetching ? SEARCHING : ''
  // A very common word keeps only its best matches in the index: the count is then a floor.
  return searchOutcome(
    data.total,
    !data.complete,
    state.q.trim(),
    !!(state.section || state.tags.length),
  )
}
