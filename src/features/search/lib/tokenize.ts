/**
 * How text becomes search terms, shared by the index build (scripts/api/search-index.ts) and the reader's
 * queries, so both sides always agree: letters and digits in any script, lower-cased, accents folded
 * ("Café" finds "cafe"), terms of two characters or more, and the commonest English words left out (they
 * match nearly every story and would make the largest shards for nothing).
 */

/** A run of letters, combining marks and digits: one word. */
export const WORD = /[\p{L}\p{M}\p{N}]+/gu

/** The shortest term indexed or searched for. */
export const MIN_TERM_LENGTH = 2

export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an and are as at be but by for from had has have he her his i if in into is it its of on or our she
  so than that the their them then there these they this to was we were what when which who will with
  would you`.split(/\s+/),
)

/** Lower case, accents removed: the form every term is stored and compared in. */
export function normalize(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/** A normalized word that is worth indexing or searching for. */
export const isTerm = (term: string) => term.length >= MIN_TERM_LENGTH && !STOP_WORDS.has(term)

/** The terms of a text, in order, repeats kept (a term's frequency counts for body text). */
export function tokenize(text: string): string[] {
  const terms: string[] = []
  for (const match of text.matchAll(WORD)) {
    const term = normalize(match[0])
    if (isTerm(term)) terms.push(term)
  }
  return terms
}

export interface ParsedQuery {
  /** Terms every result must contain whole. */
  exact: string[]
  /**
   * The last word while it is still being typed (the query does not end in a space): results may
   * contain any term that starts with it, so "parl" already finds "parliament".
   */
  prefix: string | null
}

/** The most terms a query uses: more narrow nothing further and only cost requests. */
export const MAX_QUERY_TERMS = 6

/** Splits what the reader typed into terms. */
export function parseQuery(query: string): ParsedQuery {
  const words = [...query.matchAll(WORD)].map((m) => normalize(m[0]))
  const typing = words.length > 0 && !/[^\p{L}\p{M}\p{N}]$/u.test(query)
  const last = typing ? words.pop()! : null
  const exact = [...new Set(words.filter(isTerm))]
  let prefix = last !== null && last.length >= MIN_TERM_LENGTH ? last : null
  // A stop word being typed may be the start of a real word ("the" → "theatre"), so it stays a prefix;
  // a finished one does not count.
  if (prefix !== null && exact.includes(prefix)) prefix = null
  return { exact: exact.slice(0, MAX_QUERY_TERMS - (prefix ? 1 : 0)), prefix }
}
