import * as v from 'valibot'

/**
 * A BCP 47 language tag in canonical form ("ar", "he-IL"): what Intl.getCanonicalLocales gives back. For
 * the API schemas (a story's `lang`, in the article API and the search index); imported by them only, so it
 * loads with them, never with the first route.
 */
export const LanguageTagSchema = v.pipe(
  v.string(),
  v.check((tag) => {
    try {
      return Intl.getCanonicalLocales(tag)[0] === tag
    } catch {
      return false
    }
  }, 'must be a canonical BCP 47 language tag'),
)
