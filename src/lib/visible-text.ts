import * as v from 'valibot'

/**
 * Text a reader must be able to see, for the API schemas: a headline or a name made only of spaces,
 * control, format or combining characters would show as an empty, invisible link. Imported by the
 * schemas only, so it loads with them, never with the first route.
 */
export const VisibleText = v.pipe(
  v.string(),
  v.check((text) => /[^\s\p{Cc}\p{Cf}\p{Z}\p{M}]/u.test(text), 'must have visible text'),
)
