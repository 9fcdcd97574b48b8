import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { openProfile, type Profile } from './browser'
import { startServer, type RunningServer } from '../../../scripts/serve/nginx'

/** What a describe block of served-profile tests works with, once its hooks have run. */
export interface ServedProfile {
  /** The block's own nginx: tests stop it (offline for real) or deploy another release into it. */
  readonly server: RunningServer
  /** Starts the block's nginx again (stopped or not): same port, so the same origin. */
  serveAgain(): Promise<void>
  /** The reader's browser profile, on disk, pointed at `server`. */
  readonly profile: Profile
}

/**
 * Registers the hooks of tests that need a server of their own and a reader's profile on it (service
 * workers, caches and IndexedDB kept): nginx serving `dist` for the whole block, and either a fresh
 * profile for every test, on `dist` deployed anew (`per: 'test'`: each test a new reader, whatever the
 * last one deployed), or one profile for the block (`per: 'block'`: a reader whose story goes on from
 * test to test). Fails on any console or page error the profile's pages saw, as browserSession does.
 */
export function servedProfile(dist: string, { per }: { per: 'test' | 'block' }): ServedProfile {
  let server: RunningServer | undefined
  let profile: Profile | undefined
  const closeProfile = async () => {
    const problems = await profile?.close()
    profile = undefined
    return problems ?? []
  }

  beforeAll(async () => {
    server = await startServer(dist)
    if (per === 'block') profile = await openProfile(server.url)
  })
  afterAll(async () => {
    const problems = per === 'block' ? await closeProfile() : []
    await server?.stop()
    expect(problems, 'console errors and page errors').toEqual([])
  })
  if (per === 'test') {
    beforeEach(async () => {
      await running().deploy(dist)
      profile = await openProfile(running().url)
    })
    afterEach(async () => {
      expect(await closeProfile(), 'console errors and page errors').toEqual([])
    })
  }

  const running = () => {
    if (!server) throw new Error('the server starts in beforeAll: use it inside a test')
    return server
  }
  return {
    get server() {
      return running()
    },
    async serveAgain() {
      const { url, dist, stop } = running()
      // Stopping a stopped server does nothing: the port must be free, or the new nginx cannot bind it.
      await stop()
      server = await startServer(dist, { port: Number(new URL(url).port) })
    },
    get profile() {
      if (!profile) throw new Error('the profile opens before each test: use it inside a test')
      return profile
    },
  }
}
