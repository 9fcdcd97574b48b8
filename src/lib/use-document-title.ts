import { useEffect } from 'react'
import { pageTitle, SITE_NAME } from '@/i18n'

/** "Headline – Newsroom", or the site's name alone for an empty title (the front page). */
export const documentTitle = (title: string) => (title ? pageTitle(title) : SITE_NAME)

/** Names the page in the tab and in bookmarks: "Headline – Newsroom". */
export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    if (title !== undefined) document.title = documentTitle(title)
  }, [title])
}
