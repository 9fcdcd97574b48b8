import { useEffect } from 'react'
import type { ListingRef } from '@/config/paths'
import { ATOM_FEED, FEEDS, JSON_FEED, RSS_FEED } from '@/i18n'
import { FEED_LINK_ATTRIBUTE } from '@/lib/page-head'
import { feedAlternates } from '../feed-alternates'
import { FEED_KINDS, feedPath, type FeedFormat } from '../feed-paths'

const LINK_TEXT: Record<FeedFormat, string> = { rss: RSS_FEED, atom: ATOM_FEED, json: JSON_FEED }

/**
 * Keeps the listing's feed links in the document's head while it is shown, as its prerendered page has
 * them (src/lib/page-head.ts): after the app moves to another listing, a feed reader finds that listing's
 * feeds. The site's own are in every page's head (index.html).
 */
export function useFeedAutodiscovery(ref: ListingRef, name: string) {
  const key = JSON.stringify(feedAlternates(ref, name))
  useEffect(() => {
    // The prerendered page's links, or the last listing's: replaced by this one's.
    for (const old of document.head.querySelectorAll(`link[${FEED_LINK_ATTRIBUTE}]`)) old.remove()
    const added = (JSON.parse(key) as ReturnType<typeof feedAlternates>).map((feed) => {
      const link = document.createElement('link')
      Object.assign(link, { rel: 'alternate', ...feed })
      link.setAttribute(FEED_LINK_ATTRIBUTE, '')
      return link
    })
    document.head.append(...added)
    return () => added.forEach((link) => link.remove())
  }, [key])
}

/** The listing's feeds as links a reader can see and follow: "Feeds: RSS feed, Atom feed, JSON Feed". */
export function FeedLinks({ listing }: { listing: ListingRef }) {
  return (
    <p className="mt-2 text-sm text-stone-700 dark:text-stone-300">
      {FEEDS}:{' '}
      {FEED_KINDS.map(({ format, type }, i) => (
        <span key={format}>
          {i > 0 ? ', ' : null}
          <a
            href={feedPath(listing, format)}
            type={type}
            className="font-medium text-sky-700 underline dark:text-sky-400"
          >
            {LINK_TEXT[format]}
          </a>
        </span>
      ))}
    </p>
  )
}
