import { startClient } from './app/ssr/start-client'
import { applySavedPreferences } from './features/preferences/saved-preferences'
import './styles.css'

// The saved theme and text size, on <html> before React renders, so the page does not repaint
// after hydration (docs/decisions/011-reading-comfort.md).
applySavedPreferences()

// Hydrates a page the build prerendered for this URL; renders the app from scratch in the shell.
await startClient(document.getElementById('root')!)
