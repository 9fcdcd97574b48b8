import { useEffect, useState } from 'react'
import { HeadlineList } from '@/components/ui/headline-list'
import { paths } from '@/config/paths'
import { useDocumentTitle } from '@/lib/use-document-title'
import { mergeStories, readCachedStories, type OfflineStory } from '../api/offline-articles'
import {
  AVAILABLE_OFFLINE,
  NOT_AVAILABLE_OFFLINE,
  notSavedOffline,
  NOTHING_SAVED_OFFLINE,
  STORY_NOT_OFFLINE,
  TRY_AGAIN,
  TRYING_AGAIN,
} from '@/i18n/later'

interface OfflineArticleProps {
  /** The story asked for, when its headline is known (from a listing). */
  slug: string
  headline?: string
  /** Stories the app holds in memory (its query cache), most recent first. */
  known: OfflineStory[]
  onRetry: () => void
  retrying?: boolean
}

/**
 * What an article the device never saved shows offline: why it is missing, a way to try again, and every
 * story that can be read offline instead. (useOfflineFailure decides when to show it, and tries again by
 * itself when the network returns.)
 */
export function OfflineArticle({ slug, headline, known, onRetry, retrying }: OfflineArticleProps) {
  useDocumentTitle(NOT_AVAILABLE_OFFLINE)
  const cached = useCachedStories()
  const stories = mergeStories([known, cached ?? []], slug)

  return (
    <section aria-labelledby="offline-article-title" className="mx-auto max-w-2xl py-6">
      <h1 id="offline-article-title" className="font-serif text-3xl font-bold">
        {STORY_NOT_OFFLINE}
      </h1>
      <p className="mt-3 text-stone-700 dark:text-stone-300">{notSavedOffline(headline)}</p>
      <button
        type="button"
        onClick={onRetry}
        disabled={retrying}
        className="mt-4 rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
      >
        {retrying ? TRYING_AGAIN : TRY_AGAIN}
      </button>
      <h2 className="mt-10 font-serif text-xl font-bold">{AVAILABLE_OFFLINE}</h2>
      {stories.length ? (
        <HeadlineList stories={stories} hrefFor={paths.article} className="mt-3" />
      ) : cached ? (
        <p className="mt-3 text-stone-700 dark:text-stone-300">{NOTHING_SAVED_OFFLINE}</p>
      ) : null}
    </section>
  )
}

function useCachedStories(): OfflineStory[] | undefined {
  const [stories, setStories] = useState<OfflineStory[]>()
  useEffect(() => {
    let current = true
    void readCachedStories().then((found) => {
      if (current) setStories(found)
    })
    return () => {
      current = false
    }
  }, [])
  return stories
}
