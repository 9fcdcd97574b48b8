import DOMPurify from 'dompurify'
import { JSDOM } from 'jsdom'
import { createSanitizer, type Sanitize } from '@/features/articles/html/sanitizer'

/**
 * The html-block sanitizer for prerendering, in Node: DOMPurify needs a DOM, and jsdom (a build-time
 * dependency only) gives it one. The rules are the browser's own (createSanitizer), so the prerendered
 * markup is what the browser would have made.
 */
export function serverSanitizer(siteOrigin: string): Sanitize {
  return createSanitizer(DOMPurify(new JSDOM('').window), siteOrigin)
}
