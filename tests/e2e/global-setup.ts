import type { TestProject } from 'vitest/node'
import { buildReleases, type Releases } from './support/builds'
import { startServer } from '../../scripts/serve/nginx'
import {
  chromiumPackages,
  ensureSystemPackages,
  nginxPackages,
  wordpressPackages,
} from './support/system-packages'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built app's address, without a trailing slash (nginx serving dist/ or NEWSROOM_DIST). */
    baseURL: string
    /** Two more builds, for the update and redeploy tests (support/builds.ts). */
    releases: Releases
  }
}

/**
 * Checks the Debian packages the browser tests use (Chromium, nginx, WordPress on MariaDB: installed
 * when run as root, else the run stops naming the command), serves the build once for every e2e file,
 * builds the two releases the update tests deploy, and cleans up both when the run ends.
 */
export default async function setup(project: TestProject) {
  ensureSystemPackages([chromiumPackages, nginxPackages, wordpressPackages])
  const [serving, building] = await Promise.allSettled([startServer(), buildReleases()])
  if (serving.status === 'rejected' || building.status === 'rejected') {
    if (serving.status === 'fulfilled') await serving.value.stop()
    if (building.status === 'fulfilled') await building.value.cleanup()
    throw serving.status === 'rejected'
      ? serving.reason
      : (building as PromiseRejectedResult).reason
  }
  const [server, built] = [serving.value, building.value]
  project.provide('baseURL', server.url)
  project.provide('releases', built.releases)
  return async () => {
    await server.stop()
    await built.cleanup()
  }
}
