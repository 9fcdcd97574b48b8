import { startClient } from './app/start/start-client'

// Started by src/boot.ts once the page has painted (or at once, in the app shell): hydrates a page the
// build prerendered for this URL, or renders the app from scratch in the shell.
await startClient(document.getElementById('root')!)
