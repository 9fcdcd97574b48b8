import type { Front, RelatedStory, Summary } from '../../src/features/articles/api/schemas.ts'

/** How many stories a section's row on the front page holds at most. */
export const FRONT_SECTION_STORIES = 4

/**
 * The text of `front.json` (docs/api.md): for each section, in the taxonomy's order, its newest stories
 * that the front page does not show already: of its listing's first page, those not on the latest
 * listing's first page, at most four, each as a related story is given (a headline to link, no summary or
 * photo). One function for the full build (from its summaries) and the sync (from the heads as the change
 * left them), so the two write the same bytes.
 */
export function frontText(
  sections: readonly { slug: string }[],
  /** A section's first page, newest first (its head's `items`). */
  firstPageOf: (slug: string) => readonly Summary[],
  /** The latest listing's first page: the stories home shows above the rows. */
  latest: readonly Summary[],
  /** The latest head's `lead`, a marked story older than its first page: home shows it first. */
  lead?: Summary,
): string {
  const shown = new Set([...latest, ...(lead ? [lead] : [])].map((story) => story.slug))
  const front: Front = {
    sections: sections.map(({ slug }) => ({
      slug,
      items: firstPageOf(slug)
        .filter((story) => !shown.has(story.slug))
        .slice(0, FRONT_SECTION_STORIES)
        .map(frontStory),
    })),
  }
  return JSON.stringify(front)
}

/** A story as a front page row lists it: what a link and its line need, in a fixed order of fields. */
function frontStory(story: Summary): RelatedStory {
  return {
    slug: story.slug,
    headline: story.headline,
    section: { slug: story.section.slug, name: story.section.name },
    published: story.published,
    readingMinutes: story.readingMinutes,
    ...(story.lang && story.dir ? { lang: story.lang, dir: story.dir } : {}),
  }
}
