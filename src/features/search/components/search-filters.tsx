import { useId, useState } from 'react'
import {
  ACTIVE_TAG_FILTERS,
  ADD_TAG,
  ALL_SECTIONS,
  CHOOSE_TAG,
  NARROW_RESULTS,
  removeTag,
  SECTION,
  TAG,
} from '@/i18n/later'
import type { SearchState } from '../search-url'

export interface FilterOption {
  slug: string
  name: string
}

interface SearchFiltersProps {
  state: SearchState
  sections: readonly FilterOption[]
  tags: readonly FilterOption[]
  onChange: (next: Pick<SearchState, 'section' | 'tags'>) => void
}

/** Narrows results to one section and to stories carrying every chosen tag; both live in the URL. */
export function SearchFilters({ state, sections, tags, onChange }: SearchFiltersProps) {
  const sectionId = useId()
  const tagId = useId()
  const [choice, setChoice] = useState('')
  const nameOf = (slug: string) => tags.find((t) => t.slug === slug)?.name ?? slug
  const select =
    'max-w-full rounded border border-stone-300 bg-white px-2 py-1 dark:border-stone-700 dark:bg-stone-950'
  return (
    <fieldset className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-md bg-stone-100 p-3 text-sm dark:bg-stone-900">
      <legend className="sr-only">{NARROW_RESULTS}</legend>
      <span className="flex items-center gap-2">
        <label htmlFor={sectionId} className="font-medium">
          {SECTION}
        </label>
        <select
          id={sectionId}
          value={state.section ?? ''}
          onChange={(e) => onChange({ section: e.target.value || null, tags: state.tags })}
          className={select}
        >
          <option value="">{ALL_SECTIONS}</option>
          {sections.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name}
            </option>
          ))}
        </select>
      </span>
      <span className="flex items-center gap-2">
        <label htmlFor={tagId} className="font-medium">
          {TAG}
        </label>
        {/* Added with a button, not on change: arrowing through a closed select must not add tags. */}
        <select
          id={tagId}
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          className={select}
        >
          <option value="">{CHOOSE_TAG}</option>
          {tags
            .filter((t) => !state.tags.includes(t.slug))
            .map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
        </select>
        <button
          type="button"
          disabled={!choice}
          onClick={() => {
            setChoice('')
            onChange({ section: state.section, tags: [...state.tags, choice] })
          }}
          className="rounded bg-sky-700 px-3 py-1 font-medium text-white hover:bg-sky-800 disabled:opacity-50"
        >
          {ADD_TAG}
        </button>
      </span>
      {state.tags.length ? (
        <ul aria-label={ACTIVE_TAG_FILTERS} className="flex flex-wrap gap-2">
          {state.tags.map((slug) => (
            <li key={slug}>
              <button
                type="button"
                onClick={() =>
                  onChange({ section: state.section, tags: state.tags.filter((t) => t !== slug) })
                }
                aria-label={removeTag(nameOf(slug))}
                className="rounded-full bg-sky-100 px-2.5 py-0.5 text-sky-900 hover:bg-sky-200 dark:bg-sky-900 dark:text-sky-100"
              >
                {nameOf(slug)} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  )
}
