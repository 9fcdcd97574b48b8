import { useEffect, useState } from 'react'
import type * as FrameExtrasModule from './frame-extras'

export type FrameExtras = typeof FrameExtrasModule

let loading: Promise<FrameExtras> | undefined

/**
 * The frame's extras (./frame-extras.ts: the update prompt and service worker, keyboard support, the
 * Theme and Text size controls, the reading history), loaded once after the first render; undefined
 * until then. A failed load (offline with a stale cache, say) leaves the page working without them,
 * and the next page frame to mount tries again.
 */
export function useFrameExtras(): FrameExtras | undefined {
  const [extras, setExtras] = useState<FrameExtras>()
  useEffect(() => {
    loading ??= import('./frame-extras')
    loading.then(setExtras, () => {
      loading = undefined
    })
  }, [])
  return extras
}
