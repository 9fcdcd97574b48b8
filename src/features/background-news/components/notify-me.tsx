import { useEffect, useId, useState } from 'react'
import {
  checksInBackground,
  clearBadge,
  turnOff,
  turnOn,
  useOptedIn,
  type TurnOnResult,
} from '../api/opt-in'
import type { MirroredTopic } from '../api/mirror'
import {
  BACKGROUND_NEWS_WORDS,
  NOTIFICATIONS,
  NOTIFICATIONS_BLOCKED,
  NOTIFICATIONS_UNSUPPORTED,
  NOTIFY_ME,
  NOTIFY_ME_HOW,
  NOTIFYING_IN_BACKGROUND,
  NOTIFYING_WHEN_OPEN,
  TURN_OFF,
} from '@/i18n/later'

const LINES: Record<TurnOnResult, string> = {
  background: NOTIFYING_IN_BACKGROUND,
  'when-open': NOTIFYING_WHEN_OPEN,
  blocked: NOTIFICATIONS_BLOCKED,
  unsupported: NOTIFICATIONS_UNSUPPORTED,
}

/**
 * Notify me, on Following: news while the app is closed, asked for only when pressed (the browser's
 * permission prompt comes then, never on a visit). Once on, it says plainly whether this browser checks in
 * the background or only counts when the app opens, with Turn off. Opening Following clears the badge.
 */
interface NotifyMeProps {
  topics: readonly MirroredTopic[]
  /** The cache the service worker reads the mirror from (FOLLOWING_CACHE). */
  cacheName: string
}

export function NotifyMe({ topics, cacheName }: NotifyMeProps) {
  const heading = useId()
  const on = useOptedIn()
  const [result, setResult] = useState<TurnOnResult | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(clearBadge, [])
  useEffect(() => {
    if (!on) return
    let live = true
    void checksInBackground().then((yes) => {
      if (live) setResult(yes ? 'background' : 'when-open')
    })
    return () => {
      live = false
    }
  }, [on])

  // Once on, what this browser does; off, why turning on failed, else what pressing does.
  const shown = on ? result : result === 'blocked' || result === 'unsupported' ? result : null
  const line = shown ? LINES[shown] : NOTIFY_ME_HOW
  return (
    <section aria-labelledby={heading} className="mt-6">
      <h2 id={heading} className="font-serif text-xl font-bold">
        {NOTIFICATIONS}
      </h2>
      <p role="status" className="mt-2 text-stone-700 dark:text-stone-300">
        {line}
      </p>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true)
          const done = on
            ? turnOff(cacheName).then(() => null)
            : turnOn(cacheName, topics, BACKGROUND_NEWS_WORDS)
          void done.then(setResult).finally(() => setBusy(false))
        }}
        className="mt-3 rounded border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 disabled:opacity-60 dark:border-stone-700 dark:hover:bg-stone-800"
      >
        {on ? TURN_OFF : NOTIFY_ME}
      </button>
    </section>
  )
}
