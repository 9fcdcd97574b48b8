import { spawn } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'

/**
 * The one place that knows how the built app is served to a browser, for the browser tests, the bench and
 * the screenshot script: nginx (Debian's package) with the server block we ship, deploy/nginx/newsroom.conf,
 * so what they measure is what users get. It lives under scripts/ because scripts never import from tests/.
 * Callers see a base URL, a way to stop the server (to go offline for real) and a way to deploy another
 * build into it (to test updates).
 */
export interface RunningServer {
  /** Where the app answers, without a trailing slash: `http://127.0.0.1:41234`. */
  url: string
  /** The build being served now. */
  dist: string
  /**
   * Serves another build from now on, as an atomic deploy does: the web root is a symlink, swapped in
   * one rename, so no request ever sees half of one build and half of the other.
   */
  deploy(dist: string): Promise<void>
  /** Stops nginx (gracefully, then by force); the port refuses connections afterwards. */
  stop(): Promise<void>
}

export const ROOT = path.resolve(import.meta.dirname, '../..')
/** The build under test: `dist`, or NEWSROOM_DIST to test a build kept elsewhere. */
export const DIST = path.resolve(ROOT, process.env.NEWSROOM_DIST ?? 'dist')
/** The shipped server block. */
export const NGINX_SITE = path.join(ROOT, 'deploy/nginx/newsroom.conf')
export const NGINX = process.env.NGINX_PATH || '/usr/sbin/nginx'

const STARTUP_TIMEOUT_MS = 30_000
const STOP_GRACE_MS = 5_000

/**
 * Serves `dist` with the shipped nginx configuration on a free local port (see RunningServer), or on
 * `port`: a server stopped and started again on its old port is the same origin to a browser (its
 * service worker, caches and storage), as a newsroom's server coming back is.
 */
export async function startServer(
  dist: string = DIST,
  { port }: { port?: number } = {},
): Promise<RunningServer> {
  assertBuild(dist)
  if (!existsSync(NGINX)) {
    throw new Error(
      `nginx is not installed at ${NGINX}: \`apt-get install -y nginx\` (or set NGINX_PATH).`,
    )
  }
  if (port !== undefined) return startNginx(dist, port)
  // A free port can be taken between asking and binding: try again on a new one.
  let lastError: unknown
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    try {
      return await startNginx(dist, port)
    } catch (error) {
      lastError = error
    }
  }
  throw lastError
}

function assertBuild(dist: string) {
  if (!existsSync(path.join(dist, 'shell.html')) || !existsSync(path.join(dist, 'api/site.json'))) {
    throw new Error(`No build in ${dist}: run \`vite build\` first (npm run test:e2e does).`)
  }
}

/**
 * The shipped server block with its two placeholders set: `listen` (this port, localhost only) and
 * `root` (the symlink to the build). Each must occur exactly once, on a line of its own.
 */
export function siteConfig(shipped: string, port: number, root: string): string {
  const replaceOnce = (text: string, directive: string, value: string) => {
    const pattern = new RegExp(`^(\\s*)${directive}\\s+[^;]+;`, 'gm')
    const matches = text.match(pattern) ?? []
    if (matches.length !== 1) {
      throw new Error(`${NGINX_SITE} must have exactly one \`${directive}\` line`)
    }
    return text.replace(pattern, `$1${directive} ${value};`)
  }
  return replaceOnce(replaceOnce(shipped, 'listen', `127.0.0.1:${port}`), 'root', root)
}

async function startNginx(dist: string, port: number): Promise<RunningServer> {
  const url = `http://127.0.0.1:${port}`
  const prefix = await mkdtemp(path.join(os.tmpdir(), 'newsroom-nginx-'))
  const root = path.join(prefix, 'current')
  await symlink(dist, root)
  const shipped = await readFile(NGINX_SITE, 'utf8')
  await writeFile(path.join(prefix, 'newsroom.conf'), siteConfig(shipped, port, root))
  await mkdir(path.join(prefix, 'temp'))
  const temp = (name: string) => path.join(prefix, 'temp', name)
  // Everything nginx writes lives in the prefix, so it runs as any user. As root, nginx would hand its
  // workers to `nobody`, who cannot read a private temp folder: keep them as the user who started it.
  const isRoot = process.getuid?.() === 0
  const config = `# Written by scripts/serve/nginx.ts for one run.
${isRoot ? 'user root root;\n' : ''}daemon off;
worker_processes 1;
pid ${path.join(prefix, 'nginx.pid')};
error_log ${path.join(prefix, 'error.log')} warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  access_log ${path.join(prefix, 'access.log')};
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  include ${path.join(prefix, 'newsroom.conf')};
}
`
  await writeFile(path.join(prefix, 'nginx.conf'), config)

  // Its own process group, so that a forced stop takes the workers with the master.
  const child = spawn(
    NGINX,
    ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.once('error', (error) => {
      output += String(error)
      resolve()
    })
  })
  let running = true
  void exited.then(() => (running = false))
  // If the test process dies without stopping the server, take nginx and its folder with it.
  const killOnExit = () => {
    if (running && child.pid) process.kill(-child.pid, 'SIGKILL')
    rmSync(prefix, { recursive: true, force: true })
  }
  process.once('exit', killOnExit)

  const stop = async () => {
    process.off('exit', killOnExit)
    if (running && child.pid) {
      // SIGQUIT: graceful shutdown (finish requests in flight), then force.
      child.kill('SIGQUIT')
      const timer = setTimeout(() => {
        if (running && child.pid) process.kill(-child.pid, 'SIGKILL')
      }, STOP_GRACE_MS)
      await exited
      clearTimeout(timer)
    }
    await rm(prefix, { recursive: true, force: true })
  }

  try {
    await waitUntilAnswering(url, () => running)
  } catch (error) {
    const log = await readFile(path.join(prefix, 'error.log'), 'utf8').catch(() => '')
    await stop()
    throw new Error(
      `nginx did not start on ${url}: ${(error as Error).message}\n${output}\n${log}`.trim(),
    )
  }
  // The shipped configuration must answer a missing API file as docs/api.md requires (404 JSON).
  const missing = await fetch(`${url}/api/no-such-file-e2e.json`, {
    headers: { Accept: 'text/html' },
  })
  if (missing.status !== 404) {
    await stop()
    throw new Error(`${url} answers a missing /api file with ${missing.status}, not 404`)
  }

  const server: RunningServer = {
    url,
    dist,
    async deploy(next) {
      assertBuild(next)
      const staged = path.join(prefix, 'next')
      await rm(staged, { force: true })
      await symlink(next, staged)
      await rename(staged, root)
      server.dist = next
    },
    stop,
  }
  return server
}

/** Resolves once the server serves the API as JSON; rejects if it exits or takes too long. */
async function waitUntilAnswering(url: string, isRunning: () => boolean) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS
  let last = ''
  while (Date.now() < deadline) {
    if (!isRunning()) throw new Error('it exited')
    try {
      const response = await fetch(`${url}/api/site.json`)
      const type = response.headers.get('content-type') ?? ''
      if (response.ok && type.includes('json')) return
      last = `/api/site.json answered ${response.status} ${type}`
    } catch (error) {
      last = (error as Error).message
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no JSON answer from /api/site.json within ${STARTUP_TIMEOUT_MS} ms (${last})`)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
