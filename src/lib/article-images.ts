import { apiUrl } from './api-client'

/**
 * What a story's page may ask for in images, for the caches that keep stories readable offline (the
 * saved stories' and the kept topics'): described by shape, not by the articles feature's schema, so both
 * features and the app share it without importing each other.
 */

/** A picture as the API describes it: a file, and the same drawing at other widths. */
export interface Picture {
  src: string
  srcset: readonly { src: string }[]
}

/** What an offline copy needs of an article: any article from the API has it. */
export interface ArticleToKeep {
  hero: Picture | null
  body: readonly { type: string; figure?: Picture }[]
}

/**
 * Every image the story's page may ask for, its photo and figures at every width, as the URLs the page
 * requests them at: an offline copy that missed one width would leave that screen with a broken photo.
 */
export function articleImageUrls(article: ArticleToKeep): string[] {
  const pictures = [article.hero, ...article.body.map((block) => block.figure)]
  return pictures.flatMap((picture) =>
    picture ? [picture.src, ...picture.srcset.map((s) => s.src)].map(apiUrl) : [],
  )
}
