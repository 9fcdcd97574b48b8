import { createContext, type ComponentType } from 'react'
import type { RelatedStories } from '@/features/articles/components/related-stories'

/**
 * Parts of a page that the browser loads after the page's own code (lazy components), given to the
 * prerenderer ready to render: renderToString cannot wait for a lazy component, and a prerendered page
 * should carry them whole. In the browser the context is empty and the lazy versions load; hydration keeps
 * the prerendered markup on screen until they have.
 */
export interface PrerenderedParts {
  RelatedStories?: ComponentType<Parameters<typeof RelatedStories>[0]>
}

export const PrerenderedPartsContext = createContext<PrerenderedParts>({})
