import { useEffect } from 'react'
import { writeMirror } from '@/features/background-news/api/mirror'
import { useOptedIn } from '@/features/background-news/api/opt-in'
import { NotifyMe } from '@/features/background-news/components/notify-me'
import { useFollowedTopics } from '@/features/following/api/followed-topics'
import { FOLLOWING_CACHE } from '@/features/pwa/cache-names'
import { BACKGROUND_NEWS_WORDS } from '@/i18n/later'

/**
 * News while the app is closed, composed (docs/decisions/032-background-news.md): the background-news
 * feature's opt-in and mirror, handed the following feature's list (features never import each other).
 */

/**
 * Keeps the service worker's mirror of the follow list current while the reader is opted in: every
 * follow, unfollow and visit to Following (which moves `seenUpTo`) rewrites it, in this tab or another.
 * A frame extra, so a follow on any page reaches the next background check. Renders nothing.
 */
export function BackgroundNewsMirror() {
  const on = useOptedIn()
  const topics = useFollowedTopics()
  useEffect(() => {
    if (on) void writeMirror(FOLLOWING_CACHE, topics, BACKGROUND_NEWS_WORDS).catch(() => {})
  }, [on, topics])
  return null
}

/** Notify me on Following, with the topics followed now (mirrored when the reader turns it on). */
export function FollowingNotifyMe() {
  return <NotifyMe topics={useFollowedTopics()} cacheName={FOLLOWING_CACHE} />
}
