import type { ListingRef } from '@/config/paths'
import { feedTitle } from '@/i18n'
import { FEED_KINDS, feedPath } from './feed-paths'

const FORMAT_NAME = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' } as const

/**
 * A section's, tag's or author's feeds as autodiscovery links (`<link rel="alternate">`), named after the
 * listing: "Climate (RSS)". The latest stories' are the site's, in every page's head (index.html): none here.
 */
export function feedAlternates(ref: ListingRef, name: string) {
  if (ref.kind === 'latest') return []
  return FEED_KINDS.map(({ format, type }) => ({
    href: feedPath(ref, format),
    type,
    title: feedTitle(name, FORMAT_NAME[format]),
  }))
}
