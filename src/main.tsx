import { startClient } from './app/ssr/start-client'
import './styles.css'

// Hydrates a page the build prerendered for this URL; renders the app from scratch in the shell.
await startClient(document.getElementById('root')!)
