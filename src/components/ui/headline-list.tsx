import { Link } from 'react-router'

interface HeadlineListProps {
  /** `lang` and `dir` when a headline is not in the site's language (docs/api.md). */
  stories: readonly { slug: string; headline: string; lang?: string; dir?: 'ltr' | 'rtl' }[]
  hrefFor: (slug: string) => string
  className?: string
}

/** A plain list of story headlines, each a link: for boxes beside or instead of a story. */
export function HeadlineList({ stories, hrefFor, className = '' }: HeadlineListProps) {
  return (
    <ul className={`divide-y divide-stone-200 dark:divide-stone-800 ${className}`}>
      {stories.map((story) => (
        <li key={story.slug} className="py-3">
          <Link
            to={hrefFor(story.slug)}
            lang={story.lang}
            dir={story.dir}
            className="font-medium hover:underline"
          >
            {story.headline}
          </Link>
        </li>
      ))}
    </ul>
  )
}
