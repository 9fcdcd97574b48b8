import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startServer, type RunningServer } from './nginx.ts'

/**
 * Serves the app built in `dist` with another built API as its /api/ (a generated newsroom's, say), as
 * startServer does: a web root of symlinks (the app's files, then `apiDir` as api/), so nothing is copied
 * however large the API. With the build's own API, `dist` is served as it is. Stopping the server removes
 * the web root.
 */
export async function serveWithApi(dist: string, apiDir: string): Promise<RunningServer> {
  if (path.resolve(apiDir) === path.resolve(dist, 'api')) return startServer(dist)
  const site = await mkdtemp(path.join(os.tmpdir(), 'newsroom-search-site-'))
  try {
    for (const name of await readdir(dist))
      if (name !== 'api') await symlink(path.join(dist, name), path.join(site, name))
    await symlink(path.resolve(apiDir), path.join(site, 'api'))
    const server = await startServer(site)
    const stopNginx = server.stop
    server.stop = async () => {
      await stopNginx()
      await rm(site, { recursive: true, force: true })
    }
    return server
  } catch (error) {
    await rm(site, { recursive: true, force: true })
    throw error
  }
}
