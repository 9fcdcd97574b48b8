import { KEEP_OFFLINE } from '@/i18n/later'
import {
  keepTopic,
  setKeepFollowing,
  stopKeeping,
  useIsKept,
  useKeepsFollowing,
  type TopicRef,
} from '../api/kept-topics'

interface KeepOfflineButtonProps {
  topic: TopicRef
  /** The topic's name, kept with it for the Offline reading panel. */
  name: string
  /** Called after every press, to bring the copies in step (the app loads the cache code then). */
  onChange?: () => void
}

/**
 * A toggle with one plain name, "Keep offline", pressed while the topic is kept: its newest stories are
 * then stored on this device, with their photos, and refreshed when the app opens online.
 */
export function KeepOfflineButton({ topic, name, onChange }: KeepOfflineButtonProps) {
  const kept = useIsKept(topic)
  return (
    <KeepOfflineToggle
      pressed={kept}
      onPress={() => {
        if (kept) stopKeeping(topic)
        else keepTopic(topic, name)
        onChange?.()
      }}
    />
  )
}

/**
 * Keep offline on Following: the same toggle, pressed while every followed topic is kept (those followed
 * later too), so Following and its stories open without a network. docs/decisions/031-keep-offline.md.
 */
export function KeepFollowingButton({ onChange }: { onChange?: () => void }) {
  const kept = useKeepsFollowing()
  return (
    <KeepOfflineToggle
      pressed={kept}
      onPress={() => {
        setKeepFollowing(!kept)
        onChange?.()
      }}
    />
  )
}

function KeepOfflineToggle({ pressed, onPress }: { pressed: boolean; onPress: () => void }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onPress}
      className="inline-flex items-center gap-1 rounded border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 aria-pressed:border-sky-700 aria-pressed:bg-sky-50 aria-pressed:text-sky-900 dark:border-stone-700 dark:hover:bg-stone-800 dark:aria-pressed:bg-sky-950 dark:aria-pressed:text-sky-100"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4">
        <path
          d="M8 2v8m-3-3 3 3 3-3M3 13h10"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {KEEP_OFFLINE}
    </button>
  )
}
