import { onlineManager } from '@tanstack/react-query'
import { useSyncExternalStore } from 'react'

const subscribe = (onChange: () => void) => onlineManager.subscribe(onChange)
const isOnline = () => onlineManager.isOnline()
// HTML rendered at build time, and the hydration of it, assume a connection; the browser's answer follows.
const assumeOnline = () => true

/** Whether the newsroom can be reached, as TanStack Query's onlineManager knows it (see watchConnectivity). */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, isOnline, assumeOnline)
}
