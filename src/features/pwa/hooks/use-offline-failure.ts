import { useEffect, useRef, useState } from 'react'
import { isNetworkError } from '@/lib/api-error'
import { useOnline } from './use-online'

/**
 * Whether a failure is the reader being offline: no answer (a network error) while the newsroom cannot be
 * reached. Once true it stays true for that failure, also while `retry` runs, so the page does not flash a
 * generic error between the network returning and the retry's result; `retry` runs by itself when the
 * network returns.
 */
export function useOfflineFailure(error: unknown, retry: () => void): boolean {
  const online = useOnline()
  const offlineNow = isNetworkError(error) && !online
  const [seen, setSeen] = useState({ error, offline: offlineNow })
  let offline = seen.offline
  if (seen.error !== error || (offlineNow && !seen.offline)) {
    offline = seen.error !== error ? offlineNow : true
    setSeen({ error, offline })
  }

  const latestRetry = useRef(retry)
  useEffect(() => {
    latestRetry.current = retry
  })
  const wasOnline = useRef(online)
  useEffect(() => {
    if (online && !wasOnline.current && offline) latestRetry.current()
    wasOnline.current = online
  }, [online, offline])

  return offline
}
