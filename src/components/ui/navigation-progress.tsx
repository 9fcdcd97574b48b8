import { useNavigation } from 'react-router'
import { LOADING_PAGE } from '@/i18n'

/**
 * A slim bar at the top of the page while a route waits for its data or code. It fades in after a short
 * delay (see the CSS), so navigations answered from the cache never flash it.
 */
export function NavigationProgress() {
  const navigation = useNavigation()
  if (navigation.state === 'idle') return null
  return (
    <div
      role="progressbar"
      aria-label={LOADING_PAGE}
      className="navigation-progress fixed inset-x-0 top-0 z-50 h-1 overflow-hidden bg-sky-100 dark:bg-sky-950"
    >
      <div className="navigation-progress-bar h-full w-1/3 bg-sky-600" />
    </div>
  )
}
