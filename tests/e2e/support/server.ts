import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'

/**
 * The one place that knows how the built app is served to the browser tests. Today it is `vite preview`
 * (the project's plugin answers a missing /api file with 404 JSON, as a static host does); swapping in
 * another server (nginx) means rewriting this module only: tests see nothing but a base URL.
 */
export interface RunningServer {
  /** Where the app answers, without a trailing slash: `http://127.0.0.1:41234`. */
  url: string
  stop(): Promise<void>
}

export const ROOT = path.resolve(import.meta.dirname, '../../..')
/** The build under test: `dist`, or NEWSROOM_DIST to test a build kept elsewhere. */
export const DIST = path.resolve(ROOT, process.env.NEWSROOM_DIST ?? 'dist')

const STARTUP_TIMEOUT_MS = 30_000

export async function startServer(): Promise<RunningServer> {
  if (!existsSync(path.join(DIST, 'index.html')) || !existsSync(path.join(DIST, 'api/site.json'))) {
    throw new Error(`No build in ${DIST}: run \`vite build\` first (npm run test:e2e does).`)
  }
  // A free port can be taken between asking and binding: try again on a new one.
  let lastError: unknown
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    try {
      return await startPreview(port)
    } catch (error) {
      lastError = error
    }
  }
  throw lastError
}

async function startPreview(port: number): Promise<RunningServer> {
  const url = `http://127.0.0.1:${port}`
  // Vitest marks its own process with VITEST, and vite.config.ts leaves the API plugin (and with it the
  // 404 answers for missing /api files) out when it sees it: the server must not inherit the mark.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')),
  )
  // Node itself, not `npx vite`: killing an npx wrapper would leave vite running.
  const child = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--outDir',
      DIST,
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))

  const stop = () => stopChild(child, exited)
  try {
    await waitUntilAnswering(url, exited)
  } catch (error) {
    await stop()
    throw new Error(`vite preview did not start on ${url}: ${(error as Error).message}\n${output}`)
  }
  // The server must answer a missing API file as a static host does (404, not the SPA's index.html).
  const missing = await fetch(`${url}/api/no-such-file-e2e.json`, {
    headers: { Accept: 'text/html' },
  })
  if (missing.status !== 404) {
    await stop()
    throw new Error(`${url} answers a missing /api file with ${missing.status}, not 404`)
  }
  return { url, stop }
}

/** Resolves once the server serves the API as JSON; rejects if it exits or takes too long. */
async function waitUntilAnswering(url: string, exited: Promise<number | null>) {
  let exitCode: number | null | undefined
  void exited.then((code) => (exitCode = code))
  const deadline = Date.now() + STARTUP_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`it exited with code ${exitCode}`)
    try {
      const response = await fetch(`${url}/api/site.json`)
      const type = response.headers.get('content-type') ?? ''
      if (response.ok && type.includes('json')) return
      throw new Error(`/api/site.json answered ${response.status} ${type}`)
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  throw new Error(`no JSON answer from /api/site.json within ${STARTUP_TIMEOUT_MS} ms`)
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>) {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
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
