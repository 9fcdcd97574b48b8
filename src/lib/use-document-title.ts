import { useEffect } from 'react'

export const SITE_NAME = 'Newsroom'

/** "Headline – Newsroom", or the site's name alone for an empty title (the front page). */
export const documentTitle = (title: string) => (title ? `${title} – ${SITE_NAME}` : SITE_NAME)

/** Names the page in the tab and in bookmarks: "Headline – Newsroom". */
export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    if (title !== undefined) document.title = documentTitle(title)
  }, [title])
}
