import { createContext } from 'react'
import type { Sanitize } from './sanitizer'

/**
 * A sanitizer that works synchronously, for rendering outside the browser: the prerenderer provides one
 * (DOMPurify on jsdom) so a prerendered page carries the cleaned markup. In the browser there is none,
 * and html blocks load DOMPurify lazily instead, keeping it out of the first route.
 */
export const SanitizerContext = createContext<Sanitize | null>(null)
