import { useEffect, useId, useState } from 'react'
import { Link } from 'react-router'
import { paths } from '@/config/paths'
import { FOLLOWING } from '@/i18n'
import {
  CLEAR,
  EVERY_FOLLOWED_TOPIC,
  KEPT_TOPICS,
  MEASURING,
  NO_KEPT_TOPICS,
  OFFLINE_READING,
  OFFLINE_READING_INTRO,
  STOP_KEEPING,
  STORAGE_BUDGET,
  storageSize,
  storageUsed,
} from '@/i18n/later'
import type { KeptCacheInStep, KeptUsage } from '../api/kept-cache'
import {
  BUDGET_CHOICES_MB,
  MB,
  setBudget,
  setKeepFollowing,
  stopKeeping,
  stopKeepingAll,
  topicKey,
  useBudget,
  useKeepsFollowing,
  useKeptTopics,
} from '../api/kept-topics'

interface OfflineReadingPanelProps {
  /** Loads the cache code and brings the copies in step (the app composes it). */
  keepInStep: () => Promise<KeptCacheInStep>
}

/** What the kept copies take, measured again after every sync; undefined until first measured. */
function useKeptUsage(keepInStep: () => Promise<KeptCacheInStep>) {
  const [usage, setUsage] = useState<KeptUsage>()
  const [cache, setCache] = useState<KeptCacheInStep>()
  useEffect(() => {
    let live = true
    let unsubscribe = () => {}
    keepInStep().then(
      (inStep) => {
        if (!live) return
        setCache(inStep)
        const measure = () =>
          void inStep.usage().then((measured) => {
            if (live) setUsage(measured)
          })
        unsubscribe = inStep.afterSync(measure)
        measure()
      },
      () => {
        // The code could not load (offline, an old release): the panel shows what is kept, unmeasured.
      },
    )
    return () => {
      live = false
      unsubscribe()
    }
  }, [keepInStep])
  return { usage, cache }
}

const buttonClass =
  'rounded border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800'

/**
 * The Offline reading panel: the storage budget the reader sets, what the kept copies take in all and for
 * each kept topic, Stop keeping for each, and Clear for all of them.
 */
export function OfflineReadingPanel({ keepInStep }: OfflineReadingPanelProps) {
  const topics = useKeptTopics()
  const following = useKeepsFollowing()
  const budget = useBudget()
  const { usage, cache } = useKeptUsage(keepInStep)
  const headingId = useId()
  const budgetId = useId()
  const choices = BUDGET_CHOICES_MB.map((mb) => mb * MB)
  // A budget stored by other means than this list (an older choice, say) is shown as it is.
  if (!choices.includes(budget)) choices.push(budget)

  return (
    <section
      aria-labelledby={headingId}
      className="mt-8 border-t border-stone-300 pt-6 dark:border-stone-700"
    >
      <h2 id={headingId} className="font-serif text-2xl font-bold">
        {OFFLINE_READING}
      </h2>
      <p className="mt-2 text-stone-700 dark:text-stone-300">{OFFLINE_READING_INTRO}</p>
      <p className="mt-4 flex flex-wrap items-center gap-2">
        <label htmlFor={budgetId} className="font-medium">
          {STORAGE_BUDGET}
        </label>
        <select
          id={budgetId}
          value={budget}
          onChange={(event) => setBudget(Number(event.target.value))}
          className="rounded border border-stone-400 bg-white px-2 py-1 dark:border-stone-600 dark:bg-stone-900"
        >
          {choices.map((bytes) => (
            <option key={bytes} value={bytes}>
              {storageSize(bytes)}
            </option>
          ))}
        </select>
      </p>
      <p role="status" className="mt-2">
        {usage ? storageUsed(usage.total, budget) : MEASURING}
      </p>
      <h3 className="mt-4 font-semibold">{KEPT_TOPICS}</h3>
      {topics.length === 0 && !following ? (
        <p className="mt-2">{NO_KEPT_TOPICS}</p>
      ) : (
        <ul className="mt-2 divide-y divide-stone-200 dark:divide-stone-800">
          {/* Following is one entry: every followed topic, each file counted once. */}
          {following ? (
            <KeptItem
              name={FOLLOWING}
              to={paths.following()}
              note={EVERY_FOLLOWED_TOPIC}
              bytes={usage?.following}
              onStop={() => setKeepFollowing(false)}
            />
          ) : null}
          {topics.map((topic) => (
            <KeptItem
              key={topicKey(topic)}
              name={topic.name}
              to={paths.listing(topic)}
              bytes={usage?.topics.get(topicKey(topic))}
              onStop={() => stopKeeping(topic)}
            />
          ))}
        </ul>
      )}
      {/* Without the cache code (it could not load), Clear still stops keeping every topic. */}
      <p className="mt-4">
        <button
          type="button"
          className={buttonClass}
          onClick={() => (cache ? void cache.clear() : stopKeepingAll())}
        >
          {CLEAR}
        </button>
      </p>
    </section>
  )
}

interface KeptItemProps {
  name: string
  /** The kept page: the topic's, or Following. */
  to: string
  /** What it keeps, when its name does not say (Following). */
  note?: string
  bytes: number | undefined
  onStop: () => void
}

function KeptItem({ name, to, note, bytes, onStop }: KeptItemProps) {
  const nameId = useId()
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2">
      <span>
        <Link id={nameId} to={to} className="font-medium text-sky-700 underline dark:text-sky-400">
          {name}
        </Link>{' '}
        <span className="text-stone-700 dark:text-stone-300">
          {bytes === undefined ? MEASURING : storageSize(bytes)}
        </span>
        {note ? (
          <span className="block text-sm text-stone-700 dark:text-stone-300">{note}</span>
        ) : null}
      </span>
      <button type="button" className={buttonClass} aria-describedby={nameId} onClick={onStop}>
        {STOP_KEEPING}
      </button>
    </li>
  )
}
