import type { ListingRef } from '@/config/paths'
import type { StableSite } from '@/features/site/api/schemas'
import { AUTHOR, LATEST_STORIES, SECTION, TAG } from '@/i18n'

/** What a listing is called: its heading in the page and its name in the page's head say the same. */
export interface ListingName {
  /** The kind of listing, above its name: Section, Tag, or the author's role; empty for the latest stories. */
  label: string
  name: string
  /** Its own words, where the newsroom wrote some: a section's description, an author's bio. */
  about: string
}

/**
 * A listing's name from the site's sections, tags and authors; one the site does not know (yet, or not
 * loaded) is named by its slug, hyphens as spaces.
 */
export function nameListing(ref: ListingRef, site: StableSite | undefined): ListingName {
  const fallback = 'slug' in ref ? ref.slug.replace(/-/g, ' ') : ''
  switch (ref.kind) {
    case 'latest':
      return { label: '', name: LATEST_STORIES, about: '' }
    case 'sections': {
      const section = site?.sections.find((s) => s.slug === ref.slug)
      return { label: SECTION, name: section?.name ?? fallback, about: section?.description ?? '' }
    }
    case 'tags': {
      const tag = site?.tags.find((t) => t.slug === ref.slug)
      return { label: TAG, name: tag?.name ?? fallback, about: '' }
    }
    case 'authors': {
      const author = site?.authors.find((a) => a.slug === ref.slug)
      return {
        label: author?.role || AUTHOR,
        name: author?.name ?? fallback,
        about: author?.bio ?? '',
      }
    }
  }
}
