// @vitest-environment node
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { http, passthrough } from 'msw'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { server as network } from '../../mocks/server'
import { listFiles } from '../../../scripts/publish.ts'
import { sync } from '../../../scripts/sync.ts'
import { wordpressConfig } from '../../../scripts/wordpress/config.ts'

/**
 * What `npm run sync` does when WordPress fails it: nothing readers are served changes, it says what went
 * wrong, and the next sync can run. (The browser tests sync a real WordPress; this covers the failures a
 * real one will not produce on demand.)
 */

const ROOT = path.resolve(import.meta.dirname, '../../..')
let work: string
let live: string
let server: Server | undefined

beforeEach(async () => {
  // The sync talks to a real server on this machine (below): MSW lets those requests through.
  network.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
  work = await mkdtemp(path.join(tmpdir(), 'newsroom-sync-'))
  live = path.join(work, 'dist')
  await mkdir(path.join(live, 'api'), { recursive: true })
  await writeFile(path.join(live, 'index.html'), '<!doctype html><title>live</title>')
  await writeFile(path.join(live, 'api/site.json'), '{"name":"live"}')
})
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
  await rm(work, { recursive: true, force: true })
})

/** A WordPress that answers every request with `answer`. */
async function wordpress(answer: (res: ServerResponse) => void) {
  server = createServer((_req, res) => answer(res))
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
}

async function snapshot() {
  const files = await listFiles(live)
  return Promise.all(files.sort().map(async (f) => [f, await readFile(path.join(live, f), 'utf8')]))
}

function configFor(url: string) {
  return wordpressConfig(
    {
      NEWSROOM_WORDPRESS_URL: url,
      NEWSROOM_WORDPRESS_MIRROR: path.join(work, 'mirror'),
    },
    ROOT,
  )!
}

describe('a sync that fails', () => {
  test.each([
    ['WordPress answers 503', (res: ServerResponse) => res.writeHead(503).end()],
    [
      'WordPress answers an HTML error page',
      (res: ServerResponse) =>
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<h1>Error establishing a database connection</h1>'),
    ],
    [
      'WordPress answers JSON of another shape',
      (res: ServerResponse) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"unexpected":true}'),
    ],
  ])(
    '%s: nothing published changes, it says why, and the next sync can run',
    async (_, answer) => {
      const url = await wordpress(answer)
      const before = await snapshot()
      const config = configFor(url)
      await expect(sync({ root: ROOT, config, live })).rejects.toThrow(/wp-json/)
      expect(await snapshot()).toEqual(before)
      // The lock went with the failed sync.
      await expect(sync({ root: ROOT, config, live })).rejects.toThrow(/wp-json/)
    },
    30_000,
  )

  test('WordPress is down: the same', async () => {
    const url = await wordpress((res) => res.end())
    await new Promise<void>((resolve) => server!.close(() => resolve()))
    server = undefined
    const before = await snapshot()
    await expect(sync({ root: ROOT, config: configFor(url), live })).rejects.toThrow(/wp-json/)
    expect(await snapshot()).toEqual(before)
  }, 30_000)

  test('a second sync while one runs stops at once', async () => {
    const config = configFor('http://127.0.0.1:9')
    await mkdir(config.mirrorDir, { recursive: true })
    await writeFile(path.join(config.mirrorDir, 'sync.lock'), String(process.pid))
    await expect(sync({ root: ROOT, config, live })).rejects.toThrow(/another sync is running/)
  })

  test('a live folder with no site in it is refused', async () => {
    await rm(live, { recursive: true })
    await expect(
      sync({ root: ROOT, config: configFor('http://127.0.0.1:9'), live }),
    ).rejects.toThrow(/holds no built site/)
  })
})
