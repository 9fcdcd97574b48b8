import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { env } from '@/config/env'
import { recordVisit, type FollowedTopic } from '../api/followed-topics'
import { countNew, mergeNewest, newestTime, type DatedStory } from '../lib/merge'
import { shareFollowsPath, type Taxonomy } from '../lib/share-link'
import { topicKey } from '../lib/topic'
import { FollowedTopicList, type Failure, type TopicRow } from './followed-topic-list'
import { ShareFollows } from './share-follows'
import { ShareOffer } from './share-offer'
import {
  FOLLOW_HOW,
  LOADING_STORIES,
  NEWEST_FROM_FOLLOWED,
  NOT_FOLLOWING_YET,
  TOPICS_YOU_FOLLOW,
} from '@/i18n/later'

/** A followed topic and the state of its first listing page, as the route fetched it. */
export interface TopicFeed<S extends DatedStory> {
  topic: FollowedTopic
  /** Its newest stories; undefined while they load, or when they failed. */
  stories: readonly S[] | undefined
  failure?: TopicRow['failure']
}

interface FollowingPageProps<S extends DatedStory> {
  /** One per followed topic, in the list's order. */
  feeds: readonly TopicFeed<S>[]
  /** The merged stories, drawn by the page (as story cards: another feature's). */
  renderStories: (stories: S[], label: string) => ReactNode
  /** A shared link's `follow` value, when the page was opened from one. */
  shared: string | null
  site: Taxonomy | undefined
  /** site.json's failure, while a shared link waits for it. */
  siteFailure?: Failure
  onSharedDone: () => void
}

/**
 * Following: the followed topics with their new-story counts, and their newest stories merged. Each
 * topic's count is taken against what the reader had seen when its stories first arrived on this
 * page; the visit is then recorded, and the count stays on screen until the reader comes back.
 */
export function FollowingPage<S extends DatedStory>({
  feeds,
  renderStories,
  shared,
  site,
  siteFailure,
  onSharedDone,
}: FollowingPageProps<S>) {
  const topicsHeading = useId()
  // What each topic's stories are counted against on this visit: its seenUpTo as it was when they first
  // arrived, kept while the visit is recorded below (set during render, so the first count is right).
  const [seenBefore, setSeenBefore] = useState<ReadonlyMap<string, number>>(new Map())
  const arrived = feeds.filter((f) => f.stories && !seenBefore.has(topicKey(f.topic)))
  if (arrived.length)
    setSeenBefore(
      new Map([
        ...seenBefore,
        ...arrived.map((f) => [topicKey(f.topic), f.topic.seenUpTo] as const),
      ]),
    )
  const recorded = useRef(new Set<string>())
  useEffect(() => {
    for (const { topic, stories } of feeds) {
      if (!stories || recorded.current.has(topicKey(topic))) continue
      recorded.current.add(topicKey(topic))
      recordVisit(topic, newestTime(stories))
    }
  }, [feeds])

  const rows: TopicRow[] = feeds.map(({ topic, stories, failure }) => ({
    topic,
    failure,
    newCount: stories && countNew(stories, seenBefore.get(topicKey(topic)) ?? topic.seenUpTo),
  }))
  const stories = mergeNewest(feeds.map((f) => f.stories ?? []))
  const offer = shared !== null && (
    <ShareOffer value={shared} site={site} siteFailure={siteFailure} onDone={onSharedDone} />
  )

  if (!feeds.length)
    return (
      <>
        {offer}
        <div className="py-10 text-center">
          <p className="text-lg">{NOT_FOLLOWING_YET}</p>
          <p className="mt-2 text-stone-700 dark:text-stone-300">{FOLLOW_HOW}</p>
        </div>
      </>
    )
  return (
    <>
      {offer}
      <section aria-labelledby={topicsHeading} className="mt-6">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id={topicsHeading} className="font-serif text-xl font-bold">
            {TOPICS_YOU_FOLLOW}
          </h2>
          <ShareFollows
            url={new URL(shareFollowsPath(feeds.map((f) => f.topic)), env.siteUrl).href}
          />
        </div>
        <FollowedTopicList rows={rows} label={TOPICS_YOU_FOLLOW} />
      </section>
      {/* Not a region of its own: the stories' list is one, under the same name. */}
      <div className="mt-8">
        <h2 className="font-serif text-xl font-bold">{NEWEST_FROM_FOLLOWED}</h2>
        {stories.length ? (
          renderStories(stories, NEWEST_FROM_FOLLOWED)
        ) : feeds.some((f) => !f.stories && !f.failure) ? (
          <p role="status" className="mt-3">
            {LOADING_STORIES}
          </p>
        ) : null}
      </div>
    </>
  )
}
