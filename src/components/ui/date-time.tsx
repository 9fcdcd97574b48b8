import { formatAbsolute, formatRelative } from '@/lib/format-date'

interface DateTimeProps {
  value: string
  /** Words before the date, such as "Updated". */
  label?: string
  className?: string
}

/** A moment, shown as relative ("2 days ago") and absolute time, machine-readable in `datetime`. */
export function DateTime({ value, label, className }: DateTimeProps) {
  const date = new Date(value)
  const absolute = formatAbsolute(date)
  return (
    <span className={className}>
      {label ? `${label} ` : null}
      <time dateTime={value} title={absolute}>
        {formatRelative(date)}
      </time>
      <span className="text-stone-500 dark:text-stone-400"> · {absolute}</span>
    </span>
  )
}
