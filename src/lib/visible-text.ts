import * as v from 'valibot'

/**
 * Bidirectional isolate controls (U+2066–U+2069: LRI, RLI, FSI, PDI). The page isolates every name and
 * headline from the newsroom (`<bdi>`, or an element with `dir`), and an isolate control inside one ends
 * or opens that isolation early in Chromium, so a stray PDI in an author's name could reorder the page's
 * own text around it. They carry no meaning a reader would miss in a name or a headline.
 */
const ISOLATE_CONTROLS = /[\u2066-\u2069]/g

/**
 * Text a reader must be able to see, for the API schemas: a headline or a name made only of spaces,
 * control, format or combining characters would show as an empty, invisible link. Isolate controls are
 * removed first. Imported by the schemas only, so it loads with them, never with the first route.
 */
export const VisibleText = v.pipe(
  v.string(),
  v.transform((text) => text.replace(ISOLATE_CONTROLS, '')),
  v.check((text) => /[^\s\p{Cc}\p{Cf}\p{Z}\p{M}]/u.test(text), 'must have visible text'),
)
