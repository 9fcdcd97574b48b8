import { formatAbsolute, formatRelative, formatUtc } from '@/lib/format-date'
import { useHydrated } from '@/lib/use-hydrated'

interface DateTimeProps {
  value: string
  /** Words before the date, such as "Updated". */
  label?: string
  className?: string
}

/**
 * A moment, shown as relative ("2 days ago") and absolute time in the reader's language and zone,
 * machine-readable in `datetime`. Prerendered HTML (and the render that hydrates it) cannot know the reader's clock or zone:
 * it shows the time in UTC, and the reader's form replaces it once the page is live.
 */
export function DateTime({ value, label, className }: DateTimeProps) {
  const hydrated = useHydrated()
  const date = new Date(value)
  if (!hydrated) {
    return (
      <span className={className}>
        {label ? `${label} ` : null}
        <time dateTime={value}>{formatUtc(date)}</time>
      </span>
    )
  }
  // In the languages the reader asked for, in their order (Intl's default is the browser's own interface
  // language, which may not be one of them).
  const locales = navigator.languages
  const absolute = formatAbsolute(date, locales)
  return (
    <span className={className}>
      {label ? `${label} ` : null}
      <time dateTime={value} title={absolute}>
        {formatRelative(date, undefined, locales)}
      </time>
      <span className="text-stone-500 dark:text-stone-400"> · {absolute}</span>
    </span>
  )
}
