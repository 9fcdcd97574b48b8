/**
 * The service worker's runtime caches, as named in scripts/pwa-options.ts (a test checks they agree). The
 * app reads the articles and pages caches to list what can be read offline.
 */
export const CACHE_VERSION = 'v1'
export const ARTICLES_CACHE = `newsroom-articles-${CACHE_VERSION}`
export const PAGES_CACHE = `newsroom-pages-${CACHE_VERSION}`
export const IMAGES_CACHE = `newsroom-images-${CACHE_VERSION}`
