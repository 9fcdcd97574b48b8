import { createContext, useContext, type ReactNode } from 'react'

/**
 * The mark the app puts on every card of a story, wherever one is drawn (a listing's story card, a search
 * result, a saved story): the reading history's "Read" once the page is live. A context the page frame
 * fills (src/app/layout.tsx), so that each feature drawing cards shows it without importing the feature
 * that knows; until it is filled (the prerendered page, a test of one feature) cards show no mark.
 */
export const StoryMarks = createContext<((slug: string) => ReactNode) | null>(null)

/** Where a card shows the app's mark for its story: one place for every kind of card. */
export function StoryMark({ slug }: { slug: string }) {
  return useContext(StoryMarks)?.(slug) ?? null
}
