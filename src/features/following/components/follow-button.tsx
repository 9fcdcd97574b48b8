import { followTopic, unfollowTopic, useIsFollowed } from '../api/followed-topics'
import type { TopicRef } from '../lib/topic'
import { FOLLOW, FOLLOWING } from '@/i18n/later'

interface FollowButtonProps {
  topic: TopicRef
  /** The topic's name, kept with the follow so that Following can show it offline. */
  name: string
  /** The id of the element naming the topic, where the page shows several (a story's topics). */
  describedBy?: string
}

/** A toggle: "Follow" adds the topic to Following, "Following" (pressed) takes it off again. */
export function FollowButton({ topic, name, describedBy }: FollowButtonProps) {
  const followed = useIsFollowed(topic)
  return (
    <button
      type="button"
      aria-pressed={followed}
      aria-describedby={describedBy}
      onClick={() => (followed ? unfollowTopic(topic) : followTopic({ ...topic, name }))}
      className="rounded border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 aria-pressed:border-sky-700 aria-pressed:bg-sky-50 aria-pressed:text-sky-900 dark:border-stone-700 dark:hover:bg-stone-800 dark:aria-pressed:bg-sky-950 dark:aria-pressed:text-sky-100"
    >
      {followed ? FOLLOWING : FOLLOW}
    </button>
  )
}
