/**
 * The performance budgets the build is held to (issue 4), in one place: tests/e2e/budgets.e2e.ts fails
 * `npm test` when a built page breaks one, and the bench prints its figures against them.
 *
 * Unit: 1 KB = 1,024 bytes. Sizes are gzip at level 9 (node:zlib), of the files as built.
 */
export const KB = 1024

export const budgets = {
  /** JavaScript the HTML loads before the first render: the entry, every modulepreload and their static imports. */
  firstRouteJsGzip: 120 * KB,
  /** The target under the budget: what we aim for, reported but not enforced. */
  firstRouteJsGzipTarget: 110 * KB,
  /** First-route JavaScript at most this many times the floor app's (react, react-dom, router, query). */
  floorRatioTarget: 1.15,
  /** Stylesheets the HTML loads. */
  firstRouteCssGzip: 15 * KB,
  /** JSON one listing page or one article needs, at every corpus size the bench generates. */
  pageJsonGzip: 30 * KB,
} as const

/** The story whose prerendered page the budgets check as "an article page". */
export const SEED_ARTICLE_SLUG = 'un-medal-azerbaijani-peacekeeper-south-sudan'
