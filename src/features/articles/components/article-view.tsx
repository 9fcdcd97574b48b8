import { useId, type ReactNode, type Ref } from 'react'
import { Link } from 'react-router'
import { paths } from '@/config/paths'
import { DateTime } from '@/components/ui/date-time'
import { Skeleton } from '@/components/ui/skeleton'
import type { Article } from '../api/schemas'
import { ArticleBody } from './article-body'
import { Byline } from './byline'
import { Figure } from './figure'
import { LOADING_STORY, minRead, PUBLISHED, TOPICS, UPDATED } from '@/i18n'

interface ArticleViewProps {
  article: Article
  /** True while only the listing's summary is known and the body is on its way. */
  bodyPending?: boolean
  /** Shown in place of the body when it failed to load (the headline and summary stay). */
  bodyError?: ReactNode
  /** Controls under the byline (Save, Share), chosen by the page. */
  actions?: ReactNode
  /**
   * Given the body's element, whose children are the body's blocks: the page hands it to what keeps the
   * reader's place, which is another feature's and so cannot look for this one's markup.
   */
  bodyRef?: Ref<HTMLDivElement>
  /**
   * A control beside each of the story's topics (its section and tags), chosen by the page: a Follow
   * toggle, which is another feature's. `nameId` is the id of the topic's link, to describe the control.
   */
  topicAction?: (topic: StoryTopic, nameId: string) => ReactNode
}

/** One of a story's topics, as its footer lists them. */
export interface StoryTopic {
  kind: 'sections' | 'tags'
  slug: string
  name: string
}

/** The story's photo: the 42rem text column from 768px up, the screen's width below. */
export const HERO_IMAGE_SIZES = '(min-width: 768px) 42rem, 100vw'

export function ArticleView({
  article,
  bodyPending = false,
  bodyError,
  actions,
  bodyRef,
  topicAction,
}: ArticleViewProps) {
  const topicId = useId()
  const topics: StoryTopic[] = [
    { kind: 'sections', ...article.section },
    ...article.tags.map((tag) => ({ kind: 'tags' as const, ...tag })),
  ]
  return (
    // wrap-anywhere: a word longer than the column (a pasted URL, a name without spaces) wraps rather
    // than widening the page past the screen.
    // lang and dir: a story in another language than the site's (docs/api.md) reads in its own direction;
    // the site's labels in it (section, byline, dates, controls, topics) say they are in English, the site's
    // language (index.html), so that a screen reader does not read them with the story's voice.
    <article lang={article.lang} dir={article.dir} className="mx-auto max-w-2xl wrap-anywhere">
      <header>
        <p
          lang="en"
          className="text-sm font-semibold tracking-wide text-sky-800 uppercase dark:text-sky-300"
        >
          <Link to={paths.section(article.section.slug)} className="hover:underline">
            {/* Names from the data are isolated (<bdi>): bidi text cannot leak into the page's own. */}
            <bdi>{article.section.name}</bdi>
          </Link>
        </p>
        <h1 className="mt-2 font-serif text-3xl leading-tight font-bold sm:text-4xl">
          {article.headline}
        </h1>
        <p className="mt-3 text-lg text-stone-700 dark:text-stone-300">{article.summary}</p>
        <div
          lang="en"
          className="mt-4 flex flex-col gap-1 text-sm text-stone-600 dark:text-stone-400"
        >
          <Byline author={article.author} />
          <DateTime value={article.published} label={PUBLISHED} />
          {article.updated ? <DateTime value={article.updated} label={UPDATED} /> : null}
          <span>{minRead(article.readingMinutes)}</span>
        </div>
        {actions ? (
          <div lang="en" className="mt-4 flex flex-wrap items-start gap-2">
            {actions}
          </div>
        ) : null}
      </header>
      {article.hero ? <Figure figure={article.hero} sizes={HERO_IMAGE_SIZES} priority /> : null}
      {bodyError ? (
        <div className="mt-6">{bodyError}</div>
      ) : bodyPending ? (
        <BodySkeleton />
      ) : (
        <ArticleBody blocks={article.body} ref={bodyRef} />
      )}
      <footer lang="en" className="mt-10 border-t border-stone-200 pt-4 dark:border-stone-800">
        <h2 className="text-sm font-semibold">{TOPICS}</h2>
        <ul className="mt-2 flex flex-wrap gap-2">
          {topics.map((topic, i) => (
            <li key={`${topic.kind}:${topic.slug}`} className="flex items-center gap-1">
              <Link id={`${topicId}${i}`} to={paths.listing(topic)} className="chip">
                <bdi>{topic.name}</bdi>
              </Link>
              {topicAction?.(topic, `${topicId}${i}`)}
            </li>
          ))}
        </ul>
      </footer>
    </article>
  )
}

function BodySkeleton() {
  return (
    <div role="status" aria-label={LOADING_STORY} className="mt-6 space-y-3">
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} className={i % 4 === 3 ? 'h-4 w-2/3' : 'h-4 w-full'} />
      ))}
    </div>
  )
}
