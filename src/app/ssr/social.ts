/**
 * What link previews need beyond the page's own data, worked out at build time only (prerendering runs in
 * Node; nothing here reaches the browser's bundle).
 */

/** An X/Twitter handle: 1–15 letters, digits or underscores. */
const HANDLE = /^@?([A-Za-z0-9_]{1,15})$/

/**
 * The newsroom's X/Twitter account for `twitter:site`, from NEWSROOM_TWITTER_SITE (`@newsroom` or
 * `newsroom`), or null when unset. A value that is no handle stops the build, rather than shipping a tag
 * every preview would ignore.
 */
export function twitterSite(
  env: Record<string, string | undefined> = globalThis.process?.env ?? {},
): string | null {
  const configured = env.NEWSROOM_TWITTER_SITE?.trim()
  if (!configured) return null
  const handle = HANDLE.exec(configured)
  if (!handle)
    throw new Error(
      `NEWSROOM_TWITTER_SITE must be an X/Twitter handle (@newsroom), not ${configured}`,
    )
  return `@${handle[1]}`
}

/**
 * A language tag as Open Graph's `og:locale` spells a locale: language_TERRITORY (`en_US`, `ar_EG`,
 * `el_GR`). A tag without a region gets its likeliest one (Unicode's likely subtags, through
 * Intl.Locale), as Facebook expects a territory; a tag Intl cannot read gives null and no tag.
 */
export function ogLocale(languageTag: string): string | null {
  try {
    const locale = new Intl.Locale(languageTag).maximize()
    return locale.region ? `${locale.language}_${locale.region}` : locale.language
  } catch {
    return null
  }
}
