import { createContext, type ComponentType } from 'react'
import type { MoreFromSection } from '@/features/articles/components/more-from-section'

/**
 * Parts of a page that the browser loads after the page's own code (lazy components), given to the
 * prerenderer ready to render: renderToString cannot wait for a lazy component, and a prerendered page
 * should carry them whole. In the browser the context is empty and the lazy versions load; hydration keeps
 * the prerendered markup on screen until they have.
 */
export interface PrerenderedParts {
  MoreFromSection?: ComponentType<Parameters<typeof MoreFromSection>[0]>
}

export const PrerenderedPartsContext = createContext<PrerenderedParts>({})
