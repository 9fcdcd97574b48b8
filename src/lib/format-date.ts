import { LANG, utcDateTime } from '@/i18n'

/**
 * Intl's formatters, made once per language list and kept until the current task ends: making one costs
 * far more than using it (a listing's twenty dates made forty of them in the render after hydration), and
 * kept no longer, because a formatter keeps the time zone it was made in, and the reader's may change.
 */
const formatters = new Map<string, Intl.RelativeTimeFormat | Intl.DateTimeFormat>()
function formatter<T extends Intl.RelativeTimeFormat | Intl.DateTimeFormat>(
  kind: string,
  locale: Intl.LocalesArgument,
  make: () => T,
): T {
  const key = `${kind} ${String(locale)}`
  let made = formatters.get(key) as T | undefined
  if (!made) {
    if (!formatters.size) queueMicrotask(() => formatters.clear())
    formatters.set(key, (made = make()))
  }
  return made
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

/**
 * "3 hours ago", "yesterday", "last year", in the reader's language (`locale`: a tag or a list of them,
 * such as navigator.languages; the runtime's own when absent). Whole units elapsed, counted down as a
 * reader counts (Math.trunc, towards zero both ways): 1 year and 9 months ago is "last year", never "2 years
 * ago"; 50 seconds ago is "this minute".
 */
export function formatRelative(
  date: Date,
  now: Date = new Date(),
  locale?: Intl.LocalesArgument,
): string {
  const seconds = (date.getTime() - now.getTime()) / 1000
  const format = formatter(
    'relative',
    locale,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
  )
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit)
  }
  return format.format(0, 'minute')
}

/** "5 January 2023 at 09:00" style, in the reader's language (as formatRelative) and time zone. */
export function formatAbsolute(date: Date, locale?: Intl.LocalesArgument): string {
  return formatter(
    'absolute',
    locale,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }),
  ).format(date)
}

/**
 * "5 January 2023, 09:00 UTC": the same text on every machine, whatever its clock, time zone, language
 * or ICU version. Prerendered pages show it, and so does the render that hydrates them, which must
 * produce exactly the text the build did. Put together by hand (the pattern is the interface language's,
 * src/i18n), because the order and punctuation of Intl's whole dates vary between engines and ICU versions;
 * only the month's name is asked of Intl, in the interface's language, which every engine spells the same
 * (and which costs less code than a table of twelve).
 */
export function formatUtc(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const month = formatter(
    'utc-month',
    LANG,
    () => new Intl.DateTimeFormat(LANG, { month: 'long', timeZone: 'UTC' }),
  ).format(date)
  return utcDateTime(
    date.getUTCDate(),
    month,
    date.getUTCFullYear(),
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`,
  )
}
