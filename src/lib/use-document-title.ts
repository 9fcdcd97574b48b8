import { useEffect } from 'react'

export const SITE_NAME = 'Newsroom'

/** Names the page in the tab and in bookmarks: "Headline – Newsroom". */
export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    if (title !== undefined) document.title = title ? `${title} – ${SITE_NAME}` : SITE_NAME
  }, [title])
}
