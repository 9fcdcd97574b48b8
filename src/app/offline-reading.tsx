import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { OfflineReadingPanel } from '@/features/keep-offline/components/offline-reading-panel'
import { keepTopicsInStep } from './keep-topics-offline'

/**
 * The Offline reading panel, composed for the Saved page (src/app/routes/saved-route.tsx): it loads the
 * kept cache's code to measure what the kept topics use. Its own module, so the frame's extras, which hold
 * the Keep offline button, do not carry the panel too.
 */
export function OfflineReading() {
  const queryClient = useQueryClient()
  const keepInStep = useCallback(() => keepTopicsInStep(queryClient), [queryClient])
  return <OfflineReadingPanel keepInStep={keepInStep} />
}
