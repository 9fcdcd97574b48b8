/**
 * The service worker's runtime caches, as named in scripts/pwa-options.ts (a test checks they agree). The
 * app reads the articles and pages caches to list what can be read offline.
 */
export const CACHE_VERSION = 'v1'
export const ARTICLES_CACHE = `newsroom-articles-${CACHE_VERSION}`
export const PAGES_CACHE = `newsroom-pages-${CACHE_VERSION}`
export const IMAGES_CACHE = `newsroom-images-${CACHE_VERSION}`

/**
 * Saved stories' own copies (src/features/saved/api/saved-cache.ts), which the service worker answers from
 * when the network and its runtime caches cannot. Never versioned: a new release keeps it (and refreshes
 * what it holds), and Workbox's cleanup of outdated precaches does not touch it.
 */
export const SAVED_CACHE = 'newsroom-saved'

/**
 * Kept topics' copies (src/features/keep-offline/api/kept-cache.ts), within the reader's storage budget;
 * the service worker answers from it last, after the saved cache. Never versioned, as SAVED_CACHE.
 */
export const KEPT_CACHE = 'newsroom-kept'

/**
 * The follow list mirrored for the service worker's background checks (src/features/background-news), and
 * the worker's record of them (public/background-news-sw.js). Never versioned, as SAVED_CACHE.
 */
export const FOLLOWING_CACHE = 'newsroom-following'
