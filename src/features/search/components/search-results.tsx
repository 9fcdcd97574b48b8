import { Link } from 'react-router'
import { DateTime } from '@/components/ui/date-time'
import { StoryMark } from '@/components/ui/story-mark'
import { BY, TAGS } from '@/i18n/later'
import type { SearchResults } from '../lib/engine'
import { Highlight } from './highlight'

/** Search results as a list of headline links, with what matched marked in each. */
export function SearchResultList({ results }: { results: SearchResults }) {
  const { terms, prefix } = results
  return (
    <ol className="divide-y divide-stone-200 dark:divide-stone-800">
      {results.hits.map(({ id, doc }) => (
        <li key={id}>
          {/* `group`: a story already read quietens its headline (the mark carries data-read). */}
          <article className="group py-4">
            {/* A story in another language: its language and direction on the two parts written in it,
                as on a story card (section, tag and author names stay in the site's language). */}
            <h2
              lang={doc.lang}
              dir={doc.dir}
              className="font-serif text-xl leading-snug font-bold group-has-data-read:opacity-75"
            >
              <Link
                to={`/articles/${encodeURIComponent(doc.slug)}`}
                className="hover:underline focus-visible:underline"
              >
                <Highlight text={doc.headline} terms={terms} prefix={prefix} />
              </Link>
            </h2>
            <p lang={doc.lang} dir={doc.dir} className="mt-1 text-stone-700 dark:text-stone-300">
              <Highlight text={doc.summary} terms={terms} prefix={prefix} />
            </p>
            <p className="mt-2 flex flex-wrap gap-x-3 text-sm text-stone-600 dark:text-stone-400">
              {/* Names from the newsroom's data, isolated: bidi text cannot reorder the words around them. */}
              <bdi className="font-semibold text-sky-800 dark:text-sky-300">{doc.section[1]}</bdi>
              <span>
                {BY}{' '}
                <bdi>
                  <Highlight text={doc.author} terms={terms} prefix={prefix} />
                </bdi>
              </span>
              <DateTime value={doc.published} />
              <StoryMark slug={doc.slug} />
            </p>
            {doc.tags.length ? (
              <ul aria-label={TAGS} className="mt-2 flex flex-wrap gap-1.5 text-xs">
                {doc.tags.map(([slug, name]) => (
                  <li
                    key={slug}
                    className="rounded-full bg-stone-100 px-2 py-0.5 dark:bg-stone-800"
                  >
                    <Highlight text={name} terms={terms} prefix={prefix} />
                  </li>
                ))}
              </ul>
            ) : null}
          </article>
        </li>
      ))}
    </ol>
  )
}
