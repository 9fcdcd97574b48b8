import type { QueryKey } from '@tanstack/react-query'
import { useCallback, type ReactNode } from 'react'
import { Link, Outlet, ScrollRestoration, useMatches, type UIMatch } from 'react-router'
import { paths } from '@/config/paths'
import { NavigationProgress } from '@/components/ui/navigation-progress'
import { StoryMarks } from '@/components/ui/story-mark'
import type { Summary } from '@/features/articles/api/schemas'
import { StoryCardActions } from '@/features/articles/components/story-card'
import { APP_VERSION } from '@/features/pwa/app-version'
import { ConnectionStatus } from '@/features/pwa/components/connection-status'
import { SaveButton } from '@/features/saved/components/save-button'
import { SearchForm } from '@/features/search/components/search-form'
import { SectionNav } from '@/features/site/components/section-nav'
import { useKeepStoryOffline } from './keep-story-offline'
import { useFrameExtras, type FrameExtras } from './use-frame-extras'
import { FOLLOWING, FOOTER_NOTE, SAVED_STORIES, SITE_NAME, SKIP_TO_CONTENT, version } from '@/i18n'

/** What a route tells the page frame through its `handle`. */
export interface AppRouteHandle {
  /** The query holding what the route shows, whose age the connection status reports. */
  mainQuery?: (match: UIMatch) => QueryKey | undefined
}

function Shell({
  mainQueryKey,
  extras,
  children,
}: {
  mainQueryKey?: QueryKey
  extras?: FrameExtras
  children: ReactNode
}) {
  return (
    // A column at least the screen's height, whose main part takes what is left: on a page shorter than
    // the screen the footer sits at the bottom, so content drawn after the first paint (a client-only
    // route, a panel that loads) fills main instead of pushing the footer down (a layout shift).
    <div className="flex min-h-screen flex-col bg-white text-stone-900 dark:bg-stone-950 dark:text-stone-100">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 focus:text-black"
      >
        {SKIP_TO_CONTENT}
      </a>
      <header className="border-b border-stone-200 dark:border-stone-800">
        <div className="mx-auto max-w-5xl px-4 pt-4 pb-2">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4">
            <Link to="/" className="font-serif text-3xl font-black tracking-tight">
              {SITE_NAME}
            </Link>
            {/* The box (src/styles.css) keeps the controls' size while they load: nothing moves. */}
            <div className="reading-preferences">
              {extras ? <extras.ReadingPreferences /> : null}
            </div>
            {/* 24 px tall (WCAG 2.2's target size), so two links side by side are each easy to hit. */}
            <Link
              to={paths.saved()}
              className="inline-block py-0.5 text-sm font-medium text-sky-700 underline dark:text-sky-400"
            >
              {SAVED_STORIES}
            </Link>
            <Link
              to={paths.following()}
              className="relative inline-block py-0.5 text-sm font-medium text-sky-700 underline dark:text-sky-400"
            >
              {FOLLOWING}
              {/* With the extras, how many stories are new there: out of the flow, nothing moves. */}
              {extras ? <extras.FollowingCount /> : null}
            </Link>
            <SearchForm />
          </div>
          <div className="mt-2">
            <SectionNav />
          </div>
        </div>
      </header>
      <ConnectionStatus mainQueryKey={mainQueryKey} />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6">
        {children}
      </main>
      <footer className="border-t border-stone-200 py-6 text-center text-sm text-stone-600 dark:border-stone-800 dark:text-stone-400">
        <p>{FOOTER_NOTE}</p>
        <p className="mt-1">{version(APP_VERSION)}</p>
      </footer>
      {extras ? (
        <>
          <extras.UpdatePrompt />
          <extras.KeptTopicsRefresh />
          <extras.BackgroundNewsMirror />
          {/* After <main>: its effects run once the new page has set its title. */}
          <extras.KeyboardSupport />
        </>
      ) : null}
    </div>
  )
}

/** The query key the deepest route that names one gives for what it shows. */
function useMainQueryKey(): QueryKey | undefined {
  const matches = useMatches()
  for (const match of [...matches].reverse()) {
    const key = (match.handle as AppRouteHandle | undefined)?.mainQuery?.(match)
    if (key) return key
  }
  return undefined
}

/**
 * The page frame every route renders inside: header, connection status, main content, footer, and the
 * update prompt. Story cards get their Save button here, and once the page is live, every card of a story
 * (listing, search, saved) its read mark. The routes get the frame's extras as their outlet context (the
 * story page keeps the reader's place).
 */
export function RootLayout() {
  const mainQueryKey = useMainQueryKey()
  const keepOffline = useKeepStoryOffline()
  const extras = useFrameExtras()
  const cardActions = useCallback(
    (story: Summary, headlineId: string) => (
      <SaveButton story={story} describedBy={headlineId} onSave={keepOffline} />
    ),
    [keepOffline],
  )
  const ReadMark = extras?.ReadMark
  const storyMark = useCallback(
    (slug: string) => (ReadMark ? <ReadMark slug={slug} /> : null),
    [ReadMark],
  )
  return (
    <Shell mainQueryKey={mainQueryKey} extras={extras}>
      <NavigationProgress />
      <StoryMarks value={storyMark}>
        <StoryCardActions value={cardActions}>
          <Outlet context={extras} />
        </StoryCardActions>
      </StoryMarks>
      <ScrollRestoration />
    </Shell>
  )
}
