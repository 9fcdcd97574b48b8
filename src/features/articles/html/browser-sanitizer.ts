import DOMPurify from 'dompurify'
import { env } from '@/config/env'
import { createSanitizer } from './sanitizer'

/**
 * The browser's html-block sanitizer, loaded on demand (components/html-block.tsx) with DOMPurify: ~12 KB
 * gzip that a story in our own block format never needs. DOMPurify returns TrustedHTML here, made by its
 * own Trusted Types policy, "dompurify".
 */
export const sanitize = createSanitizer(DOMPurify, env.siteUrl.origin)
