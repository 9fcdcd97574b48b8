import { useId } from 'react'
import { Link } from 'react-router'
import { paths } from '@/config/paths'
import { ErrorPanel } from '@/components/ui/error-panel'
import { unfollowTopic, type FollowedTopic } from '../api/followed-topics'
import { topicKey } from '../lib/topic'
import {
  LOADING_STORIES,
  newSinceLastVisit,
  TOPIC_GONE,
  topicLoadFailed,
  UNFOLLOW,
} from '@/i18n/later'

/** One followed topic's row: its name, how many of its stories are new, or its own failure. */
export interface TopicRow {
  topic: FollowedTopic
  /** Stories new since the last visit; undefined while its stories load, or when they failed. */
  newCount?: number
  failure?: Failure & {
    /** The API answers that the topic does not exist (removed from the newsroom): Unfollow, no Retry. */
    gone?: boolean
  }
}

/** A request that failed, in the app's words, with its Retry. */
export interface Failure {
  message: string
  onRetry: () => void
  retrying: boolean
}

/** The followed topics, each with its count of new stories (or its error and Retry) and Unfollow. */
export function FollowedTopicList({ rows, label }: { rows: readonly TopicRow[]; label: string }) {
  return (
    <ul aria-label={label} className="mt-3 divide-y divide-stone-200 dark:divide-stone-800">
      {rows.map((row) => (
        <TopicItem key={topicKey(row.topic)} {...row} />
      ))}
    </ul>
  )
}

function TopicItem({ topic, newCount, failure }: TopicRow) {
  const nameId = useId()
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link
          id={nameId}
          to={paths.listing(topic)}
          className="font-medium text-sky-700 underline dark:text-sky-400"
        >
          <bdi>{topic.name}</bdi>
        </Link>
        <span className="text-sm text-stone-700 dark:text-stone-300">
          {newCount !== undefined ? newSinceLastVisit(newCount) : failure ? null : LOADING_STORIES}
        </span>
        <button
          type="button"
          aria-describedby={nameId}
          onClick={() => unfollowTopic(topic)}
          className="ml-auto rounded border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"
        >
          {UNFOLLOW}
        </button>
      </div>
      {failure?.gone ? (
        <p className="mt-2 text-sm font-medium">{TOPIC_GONE}</p>
      ) : failure ? (
        <div className="mt-2">
          <ErrorPanel
            compact
            title={topicLoadFailed(topic.name)}
            message={failure.message}
            onRetry={failure.onRetry}
            retrying={failure.retrying}
          />
        </div>
      ) : null}
    </li>
  )
}
