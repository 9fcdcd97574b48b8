import { useQuery } from '@tanstack/react-query'
import { NavLink } from 'react-router'
import { paths } from '@/config/paths'
import { LATEST, SECTIONS, SECTIONS_FAILED } from '@/i18n'
import { siteQueryOptions } from '../api/get-site'

/** The sections, as the main navigation. While they load, or if they fail, the page still works. */
export function SectionNav() {
  const site = useQuery(siteQueryOptions())
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `whitespace-nowrap rounded px-2 py-1 hover:bg-stone-100 dark:hover:bg-stone-800 ${isActive ? 'font-bold underline underline-offset-4' : ''}`
  return (
    <nav aria-label={SECTIONS} className="overflow-x-auto">
      <ul className="flex gap-1 text-sm">
        <li>
          <NavLink to={paths.home()} end className={linkClass}>
            {LATEST}
          </NavLink>
        </li>
        {site.data?.sections.map((section) => (
          <li key={section.slug}>
            <NavLink to={paths.section(section.slug)} className={linkClass}>
              {/* A section's name is data: isolated, it cannot reorder the menu around it. */}
              <bdi>{section.name}</bdi>
            </NavLink>
          </li>
        ))}
        {site.isError ? (
          <li>
            <button
              type="button"
              onClick={() => void site.refetch()}
              className="px-2 py-1 text-red-800 underline dark:text-red-300"
            >
              {SECTIONS_FAILED}
            </button>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
