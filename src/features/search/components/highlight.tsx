import type { ReactNode } from 'react'
import { normalize, WORD } from '../lib/tokenize'

/**
 * A text with the words a query matched wrapped in <mark>: words equal to a searched term or, for the
 * word being typed, starting with it (and, as the index is word-based, any word a term starts, so
 * "councils" is marked for "council"). React elements, never markup in a string (Trusted Types).
 */
export function Highlight({
  text,
  terms,
  prefix,
}: {
  text: string
  terms: readonly string[]
  prefix: string | null
}) {
  const starts = prefix ? [...terms, prefix] : terms
  if (!starts.length) return text
  const parts: ReactNode[] = []
  let last = 0
  for (const match of text.matchAll(WORD)) {
    const word = normalize(match[0])
    if (!starts.some((term) => word.startsWith(term))) continue
    if (match.index > last) parts.push(text.slice(last, match.index))
    parts.push(
      <mark
        key={match.index}
        className="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-700 dark:text-white"
      >
        {match[0]}
      </mark>,
    )
    last = match.index + match[0].length
  }
  if (!parts.length) return text
  if (last < text.length) parts.push(text.slice(last))
  return parts
}
