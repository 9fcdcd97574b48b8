import { useId, useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import { paths, type ListingRef } from '@/config/paths'
import {
  ACTIVE_TAG_FILTERS,
  ADD_TAG,
  CHOOSE_TAG,
  CLEAR_FILTERS,
  FILTER_BY_TAG,
  FILTER_BY_TAGS,
  removeTag,
  storiesMatch,
} from '@/i18n'

interface TagOption {
  slug: string
  name: string
}

interface TagFilterProps {
  listing: ListingRef
  /** Tags the reader has narrowed to, as in the URL. */
  active: readonly string[]
  /** Every tag the reader may add. */
  tags: readonly TagOption[]
  /** How many stories match the listing and every active tag. */
  total: number | undefined
}

/**
 * Narrows any listing to stories carrying all of the chosen tags. The filter lives in the URL
 * (`?tags=a,b`), so every change is a navigation a bookmark or a shared link restores, page included.
 */
export function TagFilter({ listing, active, tags, total }: TagFilterProps) {
  const navigate = useNavigate()
  const selectId = useId()
  const own = listing.kind === 'tags' ? listing.slug : null
  const choices = tags.filter((t) => !active.includes(t.slug) && t.slug !== own)
  const [choice, setChoice] = useState('')
  const nameOf = (slug: string) => tags.find((t) => t.slug === slug)?.name ?? slug

  const add = (event: FormEvent) => {
    event.preventDefault()
    if (!choice) return
    setChoice('')
    void navigate(paths.listing(listing, 1, [...active, choice]))
  }

  return (
    <section
      aria-label={FILTER_BY_TAGS}
      className="mt-4 rounded-md bg-stone-100 p-3 text-sm dark:bg-stone-900"
    >
      <form onSubmit={add} className="flex flex-wrap items-center gap-2">
        <label htmlFor={selectId} className="font-medium">
          {FILTER_BY_TAG}
        </label>
        <select
          id={selectId}
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          // A select is as wide as its longest option: max-w-full keeps a tag with a very long name
          // from widening the page past the screen.
          className="max-w-full rounded border border-stone-300 bg-white px-2 py-1 dark:border-stone-700 dark:bg-stone-950"
        >
          <option value="">{CHOOSE_TAG}</option>
          {choices.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </select>
        <button
          type="submit"
          disabled={!choice}
          className="rounded bg-sky-700 px-3 py-1 font-medium text-white hover:bg-sky-800 disabled:opacity-50"
        >
          {ADD_TAG}
        </button>
      </form>
      {active.length > 0 ? (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <ul aria-label={ACTIVE_TAG_FILTERS} className="flex flex-wrap gap-2">
            {active.map((slug) => (
              <li key={slug}>
                <Link
                  to={paths.listing(
                    listing,
                    1,
                    active.filter((t) => t !== slug),
                  )}
                  aria-label={removeTag(nameOf(slug))}
                  className="chip inline-flex items-center gap-1"
                >
                  {/* Isolated, so a right-to-left tag name cannot move the ✕ to its other side. */}
                  <bdi>{nameOf(slug)}</bdi> <span aria-hidden="true">✕</span>
                </Link>
              </li>
            ))}
          </ul>
          <Link
            to={paths.listing(listing, 1)}
            className="font-medium text-sky-700 underline dark:text-sky-400"
          >
            {CLEAR_FILTERS}
          </Link>
        </div>
      ) : null}
      {active.length > 0 && total !== undefined ? (
        <p role="status" className="mt-2 font-medium">
          {storiesMatch(total)}
        </p>
      ) : null}
    </section>
  )
}
