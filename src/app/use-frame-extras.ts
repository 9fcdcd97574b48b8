import { startTransition, useEffect, useState } from 'react'
import { whenIdle } from '@/lib/when-idle'
import type * as FrameExtrasModule from './frame-extras'

export type FrameExtras = typeof FrameExtrasModule

let loading: Promise<FrameExtras> | undefined

/**
 * The frame's extras (./frame-extras.ts: the update prompt and service worker, keyboard support, the
 * Theme and Text size controls, the reading history), loaded once the browser is idle after the first
 * render; undefined until then. They render as a transition: every story card gains its read mark, and
 * that work yields to the reader's input. A failed load (offline with a stale cache, say) leaves the page
 * working without them, and the next page frame to mount tries again.
 */
export function useFrameExtras(): FrameExtras | undefined {
  const [extras, setExtras] = useState<FrameExtras>()
  useEffect(
    () =>
      whenIdle(() => {
        loading ??= import('./frame-extras')
        loading.then(
          (extras) => startTransition(() => setExtras(extras)),
          () => {
            loading = undefined
          },
        )
      }),
    [],
  )
  return extras
}
