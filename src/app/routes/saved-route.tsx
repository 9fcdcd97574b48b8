import { SavedStoryList } from '@/features/saved/components/saved-story-list'
import { SAVED_STORIES, SAVED_STORIES_INTRO } from '@/i18n/later'
import { useDocumentTitle } from '@/lib/use-document-title'
import { OfflineReading } from '../offline-reading'
import { RouteError } from './route-error'

/**
 * /saved: the stories saved on this device, readable without a network, and the Offline reading panel
 * (the topics kept offline and their storage budget).
 */
export function Component() {
  useDocumentTitle(SAVED_STORIES)
  return (
    <>
      <header className="border-b-2 border-stone-900 pb-4 dark:border-stone-100">
        <h1 className="font-serif text-3xl font-bold sm:text-4xl">{SAVED_STORIES}</h1>
        <p className="mt-2 text-stone-700 dark:text-stone-300">{SAVED_STORIES_INTRO}</p>
      </header>
      <SavedStoryList />
      <OfflineReading />
    </>
  )
}

export const ErrorBoundary = RouteError
