import { RETRY, RETRYING } from '@/i18n'

interface ErrorPanelProps {
  title: string
  message: string
  onRetry?: () => void
  retrying?: boolean
  /** A small panel, for a box beside the main content: it must not outweigh what did load. */
  compact?: boolean
}

/** A failure in the part of the page that failed: what went wrong, and a way to try again. */
export function ErrorPanel({
  title,
  message,
  onRetry,
  retrying = false,
  compact = false,
}: ErrorPanelProps) {
  return (
    <div
      role="alert"
      className={`rounded-md border border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100 ${compact ? 'p-3 text-sm' : 'p-4'}`}
    >
      <p className="font-semibold">{title}</p>
      <p className={compact ? 'mt-1' : 'mt-1 text-sm'}>{message}</p>
      {onRetry ? (
        <button
          type="button"
          onClick={onRetry}
          disabled={retrying}
          className={`rounded bg-red-800 font-medium text-white hover:bg-red-900 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60 ${compact ? 'mt-2 px-2.5 py-1 text-xs' : 'mt-3 px-3 py-1.5 text-sm'}`}
        >
          {retrying ? RETRYING : RETRY}
        </button>
      ) : null}
    </div>
  )
}
