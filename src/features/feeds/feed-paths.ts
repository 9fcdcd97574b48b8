import type { ListingRef } from '@/config/paths'

/**
 * Where a listing's feeds are (docs/decisions/024-feeds.md): beside the listing's own page, one file per
 * format, so a reader can guess them: `/feed.xml`, `/sections/world/feed.atom`, `/tags/climate/feed.json`.
 * Shared by the build that writes them (scripts/feeds) and the pages that link them.
 */

export type FeedFormat = 'rss' | 'atom' | 'json'

export interface FeedKind {
  format: FeedFormat
  /** The file name beside the listing's page. */
  file: string
  /** The media type a host serves it with and an autodiscovery link names. */
  type: string
}

export const FEED_KINDS: readonly FeedKind[] = [
  { format: 'rss', file: 'feed.xml', type: 'application/rss+xml' },
  { format: 'atom', file: 'feed.atom', type: 'application/atom+xml' },
  { format: 'json', file: 'feed.json', type: 'application/feed+json' },
]

/** A listing's feed in one format, as a path from the site's root (`/tags/climate/feed.xml`). */
export function feedPath(ref: ListingRef, format: FeedFormat): string {
  const file = FEED_KINDS.find((kind) => kind.format === format)!.file
  return ref.kind === 'latest' ? `/${file}` : `/${ref.kind}/${encodeURIComponent(ref.slug)}/${file}`
}
