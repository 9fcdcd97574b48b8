import { Link, Outlet, ScrollRestoration } from 'react-router'
import { NavigationProgress } from '@/components/ui/navigation-progress'
import { SectionNav } from '@/features/site/components/section-nav'
import type { ReactNode } from 'react'

function Shell({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen bg-white text-stone-900 dark:bg-stone-950 dark:text-stone-100">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 focus:text-black"
      >
        Skip to content
      </a>
      <header className="border-b border-stone-200 dark:border-stone-800">
        <div className="mx-auto max-w-5xl px-4 pt-4 pb-2">
          <Link to="/" className="font-serif text-3xl font-black tracking-tight">
            Newsroom
          </Link>
          <div className="mt-2">
            <SectionNav />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
      <footer className="border-t border-stone-200 py-6 text-center text-sm text-stone-600 dark:border-stone-800 dark:text-stone-400">
        <p>Newsroom — demo stories written for this project. Images are illustrations.</p>
      </footer>
    </div>
  )
}

/** The page frame every route renders inside: header, sections, main content, footer. */
export function RootLayout() {
  return (
    <Shell>
      <NavigationProgress />
      <Outlet />
      <ScrollRestoration />
    </Shell>
  )
}
