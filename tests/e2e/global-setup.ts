import type { TestProject } from 'vitest/node'
import { startServer } from './support/server'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built app's address, without a trailing slash. */
    baseURL: string
  }
}

/** Serves the build once for every e2e file, and stops the server when the run ends. */
export default async function setup(project: TestProject) {
  const server = await startServer()
  project.provide('baseURL', server.url)
  return async () => {
    await server.stop()
  }
}
