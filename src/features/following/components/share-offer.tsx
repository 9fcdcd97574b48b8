import { useId } from 'react'
import { ErrorPanel } from '@/components/ui/error-panel'
import type { Failure } from './followed-topic-list'
import { followTopics, useFollowedTopics } from '../api/followed-topics'
import { offerFromShare, readSharedTopics, type Taxonomy } from '../lib/share-link'
import { topicKey } from '../lib/topic'
import {
  CHECKING_SHARED_TOPICS,
  CLOSE,
  followSharedTopics,
  NO_SHARED_TOPICS,
  NOT_NOW,
  SHARED_FOLLOWS,
  SHARED_FOLLOWS_QUESTION,
  SHARED_TOPICS_UNCHECKED,
  sharedTopicsLeftOut,
} from '@/i18n/later'

interface ShareOfferProps {
  /** The link's `follow` value. */
  value: string
  /** The newsroom's topics (site.json), which the link's are checked against; undefined while loading. */
  site: Taxonomy | undefined
  /** site.json's failure to load, with its Retry: the link cannot be checked until it loads. */
  siteFailure?: Failure
  /** Called once the reader has answered: the page drops the offer (and the link's parameter). */
  onDone: () => void
}

const button =
  'rounded border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800'

/**
 * A shared list of follows, offered, never followed silently: the topics this newsroom has and this device
 * does not follow yet, one button to follow them all, and what was left out (unknown, already followed).
 */
export function ShareOffer({ value, site, siteFailure, onDone }: ShareOfferProps) {
  const headingId = useId()
  const following = useFollowedTopics()
  const shared = readSharedTopics(value)
  const offer = site && offerFromShare(shared.topics, site, following)
  const leftOut = offer ? offer.unknown + shared.unreadable : 0
  return (
    <section
      aria-labelledby={headingId}
      className="mt-6 rounded-md border border-sky-300 bg-sky-50 p-4 dark:border-sky-800 dark:bg-sky-950"
    >
      <h2 id={headingId} className="font-semibold">
        {SHARED_FOLLOWS}
      </h2>
      {!shared.topics.length ? (
        <p className="mt-1">{NO_SHARED_TOPICS}</p>
      ) : !offer && siteFailure ? (
        <div className="mt-2">
          <ErrorPanel compact title={SHARED_TOPICS_UNCHECKED} {...siteFailure} />
        </div>
      ) : !offer ? (
        <p role="status" className="mt-1">
          {CHECKING_SHARED_TOPICS}
        </p>
      ) : (
        <>
          {offer.topics.length ? (
            <>
              <p className="mt-1">{SHARED_FOLLOWS_QUESTION}</p>
              <ul className="mt-2 list-disc pl-5">
                {offer.topics.map((topic) => (
                  <li key={topicKey(topic)}>
                    <bdi>{topic.name}</bdi>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {leftOut || offer.followed ? (
            <p className="mt-2 text-sm">{sharedTopicsLeftOut(leftOut, offer.followed)}</p>
          ) : null}
        </>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        {offer?.topics.length ? (
          <button
            type="button"
            className={button}
            onClick={() => {
              followTopics(offer.topics)
              onDone()
            }}
          >
            {followSharedTopics(offer.topics.length)}
          </button>
        ) : null}
        <button type="button" className={button} onClick={onDone}>
          {offer?.topics.length ? NOT_NOW : CLOSE}
        </button>
      </div>
    </section>
  )
}
