import type { QueryKey } from '@tanstack/react-query'
import { useOnline } from '../hooks/use-online'
import { useStaleNotice } from '../hooks/use-stale-notice'

export const OFFLINE_MESSAGE = 'You are offline. Showing stories saved on this device.'

/**
 * Tells the reader when the newsroom cannot be reached and when what is on screen is older than it
 * should be. The live region is always in the page, empty when there is nothing to say, so a screen
 * reader announces each message as it appears.
 */
export function ConnectionStatus({ mainQueryKey }: { mainQueryKey?: QueryKey }) {
  const online = useOnline()
  const staleNotice = useStaleNotice(mainQueryKey)
  const messages = [online ? null : OFFLINE_MESSAGE, staleNotice].filter(Boolean)
  return (
    <div role="status" aria-label="Connection status">
      {messages.length ? (
        <p className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          {messages.join(' ')}
        </p>
      ) : null}
    </div>
  )
}
