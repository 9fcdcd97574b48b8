import type { QueryKey } from '@tanstack/react-query'
import { useOnline } from '../hooks/use-online'
import { useStaleNotice } from '../hooks/use-stale-notice'
import { CONNECTION_STATUS, YOU_ARE_OFFLINE } from '@/i18n'

/**
 * Tells the reader when the newsroom cannot be reached and when what is on screen is older than it
 * should be. The live region is always in the page, empty when there is nothing to say, so a screen
 * reader announces each message as it appears.
 */
export function ConnectionStatus({ mainQueryKey }: { mainQueryKey?: QueryKey }) {
  const online = useOnline()
  const staleNotice = useStaleNotice(mainQueryKey)
  const messages = [online ? null : YOU_ARE_OFFLINE, staleNotice].filter(Boolean)
  return (
    <div role="status" aria-label={CONNECTION_STATUS}>
      {messages.length ? (
        <p className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          {messages.join(' ')}
        </p>
      ) : null}
    </div>
  )
}
