import type { Summary } from './schemas'

/**
 * The front page's lead among the newest stories (docs/decisions/030-front-page.md): the one the newsroom
 * marks (`featured`), else the newest with a photo, else the newest. One rule for the page and for its
 * prerendered head, which preloads the lead's photo. A marked story older than page 1 is found too: the
 * listing head's `lead` is the page's first story (getListingPage).
 */
export function leadStory(stories: readonly Summary[]): Summary | undefined {
  return (
    stories.find((story) => story.featured) ?? stories.find((story) => story.image) ?? stories[0]
  )
}
