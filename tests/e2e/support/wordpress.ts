import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, openSync, rmSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { ensureSystemPackages, findProgram, wordpressPackages } from './system-packages'

/**
 * A real WordPress for the tests: Debian's `wordpress` package on its own MariaDB (a private data
 * folder, a Unix socket, no network) and PHP's built-in server on a free localhost port, like the
 * nginx of scripts/serve/nginx.ts. Each test file that needs one starts its own (beforeAll) and stops it
 * (afterAll); content is made with PHP scripts that load WordPress directly (support/wordpress-php/), as
 * an administrator would make it in the editor, so the tests read it back over the public REST API.
 *
 * WordPress runs with a configuration of its own in the data folder, loaded by the router, not through
 * Debian's /usr/share/wordpress/wp-config.php (which reads /etc/wordpress/config-<host>.php): nothing
 * is written under /etc, two runs never share settings, and uploads land in the data folder.
 * ../shared/notes/wordpress.md has the measured facts behind each choice.
 */

export type PostStatus = 'publish' | 'draft' | 'private' | 'future' | 'pending'

/** A photo made for the post: a plain JPEG with this IPTC caption, credit and title. */
export interface FeaturedImage {
  caption: string
  credit: string
  alt: string
  /** The IPTC title and the attachment's title; the alt text when left out. */
  title?: string
  /** 1600 × 1000 when left out: large enough for every size WordPress makes but 2048. */
  width?: number
  height?: number
}

export interface PostInput {
  title: string
  /** Block markup (`<!-- wp:paragraph -->…`) or classic HTML, as the editor saves it. */
  content: string
  excerpt?: string
  /** `publish` when left out. `future` without a date is scheduled a week ahead. */
  status?: PostStatus
  /** ISO 8601 with an offset (`2025-05-01T09:00:00Z`); now when left out. */
  date?: string
  password?: string
  slug?: string
  /** Category names, created when missing; "Uncategorized" when left out. */
  categories?: string[]
  tags?: string[]
  /** The byline: a user with this login (role author), created with this display name when missing. */
  author?: { login: string; name: string }
  featuredImage?: FeaturedImage
  sticky?: boolean
}

/** What updatePost can change; categories and tags replace the post's own. */
export type PostUpdate = Partial<
  Pick<
    PostInput,
    | 'title'
    | 'content'
    | 'excerpt'
    | 'slug'
    | 'status'
    | 'date'
    | 'categories'
    | 'tags'
    | 'featuredImage'
  >
>

export interface PageInput {
  title: string
  content: string
  status?: PostStatus
  slug?: string
}

export interface SavedPost {
  id: number
  /** The post's slug as WordPress keeps it: non-ASCII percent-encoded in lower case; empty for drafts. */
  slug: string
  /** Its permalink (for drafts, the `?p=<id>` form). */
  link: string
  status: string
  /** The attachment id of the featured image, 0 when there is none. */
  featuredMedia: number
}

export interface StartOptions {
  /** The site's name and tagline (`/wp-json/` `name` and `description`). */
  title?: string
  description?: string
  /**
   * The site's time zone. Not UTC by default, so `date` and `date_gmt` differ and code that reads the
   * wrong one fails its tests.
   */
  timezone?: string
  /** PHP_CLI_SERVER_WORKERS: requests served at once (a build fetches in parallel). */
  workers?: number
}

export interface RunningWordPress {
  /** The site's root, without a trailing slash: `http://127.0.0.1:41234`. */
  url: string
  /** The run's folder: database, configuration, uploads, logs. Gone after stop(). */
  dataDir: string
  /** The process groups of MariaDB and PHP's server: each is empty after stop(). */
  processGroups: { mariadb: number; php: number }
  /** The administrator the content is made as (an application password is the source's business). */
  admin: { login: string; password: string }
  /** WordPress's version (6.1.9 on Debian 12). */
  version: string
  createPost(input: PostInput): Promise<SavedPost>
  updatePost(id: number, fields: PostUpdate): Promise<SavedPost>
  /** To the trash, as the editor's "Move to trash" does (the post can come back). */
  trashPost(id: number): Promise<SavedPost>
  /** Gone for good (no trash): its id answers 404. */
  deletePost(id: number): Promise<void>
  /** The attachment's caption (its excerpt), as the media library edits it; the file's IPTC stays. */
  setImageCaption(mediaId: number, caption: string): Promise<void>
  createPage(input: PageInput): Promise<SavedPost>
  /** Kills MariaDB and PHP (their whole process groups) and removes the data folder. */
  stop(): Promise<void>
}

const WORDPRESS_ROOT = '/usr/share/wordpress'
const SCRIPTS = path.join(import.meta.dirname, 'wordpress-php')
const STARTUP_TIMEOUT_MS = 30_000
const STOP_GRACE_MS = 3_000
const ADMIN = { login: 'admin', password: 'newsroom-test-admin', email: 'admin@example.test' }

/**
 * Checks that Debian's WordPress, PHP (with mysqli, gd, xml, mbstring, curl) and MariaDB are
 * installed; as root installs what is missing, otherwise throws with the apt-get command. Called by the
 * browser tests' global setup (with Chromium and nginx) and by startWordPress, so a missing package is
 * named before any WordPress test runs.
 */
export function ensureWordPressPackages(): void {
  ensureSystemPackages([wordpressPackages])
}

/**
 * Starts a WordPress of its own for the calling test file and resolves once `/wp-json/` answers.
 * 1.5–7 s here (MariaDB 1–4 s of it), the time and its parts printed. Stop it in afterAll: it is
 * also killed, and its folder removed, when the test process exits or is interrupted (SIGINT, SIGTERM).
 */
export async function startWordPress(options: StartOptions = {}): Promise<RunningWordPress> {
  const started = performance.now()
  ensureWordPressPackages()
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-wordpress-'))
  const processes = new Set<ChildProcess>()
  const killAll = () => {
    for (const child of processes) killGroup(child, 'SIGKILL')
  }
  // If the test process ends without stop(), take both servers and the folder with it.
  const onExit = () => {
    killAll()
    rmSync(dataDir, { recursive: true, force: true })
  }
  const onSignal = (signal: NodeJS.Signals) => {
    onExit()
    removeHandlers()
    // Ours was the only handler: end the process as the signal would have.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
  }
  const removeHandlers = () => {
    process.off('exit', onExit)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
  process.once('exit', onExit)
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  let stopped: Promise<void> | undefined
  const stop = () =>
    (stopped ??= (async () => {
      removeHandlers()
      await Promise.all([...processes].map((child) => killAndWait(child)))
      await rm(dataDir, { recursive: true, force: true })
    })())

  try {
    const times: string[] = []
    const lap = (() => {
      let last = performance.now()
      return (what: string) => {
        const now = performance.now()
        times.push(`${what} ${((now - last) / 1000).toFixed(1)} s`)
        last = now
      }
    })()
    const mariadb = await startMariaDB(dataDir, processes)
    lap('MariaDB')
    const site = await prepareSite(dataDir, mariadb.socket)
    let port = await freePort()
    await writeConfig(site, port)
    const env = phpEnv(site.config, port)
    const { version } = await runPhp<{ version: string }>('install.php', [], env, {
      title: options.title ?? 'Newsroom Test Desk',
      description: options.description ?? 'Stories from the test desk, in a real WordPress',
      timezone: options.timezone ?? 'America/New_York',
      admin: ADMIN,
    })
    lap('install')
    // A free port can be taken between asking and binding: try again on a new one.
    let php: ChildProcess | undefined
    for (let attempt = 0; ; attempt++) {
      try {
        php = await startPhpServer(site, port, options.workers ?? 3, processes)
        break
      } catch (error) {
        if (attempt === 2) throw error
        port = await freePort()
        await writeConfig(site, port)
      }
    }
    lap('PHP server')
    const url = `http://127.0.0.1:${port}`
    const phpEnvironment = phpEnv(site.config, port)
    const content = <T>(action: string, input: unknown) =>
      runPhp<T>('content.php', [action], phpEnvironment, input)

    const total = ((performance.now() - started) / 1000).toFixed(1)
    console.log(`WordPress ${version} at ${url}: started in ${total} s (${times.join(', ')})`)
    return {
      url,
      dataDir,
      processGroups: { mariadb: mariadb.process.pid!, php: php.pid! },
      admin: { login: ADMIN.login, password: ADMIN.password },
      version,
      createPost: (input) => content('createPost', input),
      updatePost: (id, fields) => content('updatePost', { id, fields }),
      trashPost: (id) => content('trashPost', { id }),
      deletePost: async (id) => void (await content('deletePost', { id })),
      setImageCaption: async (id, caption) =>
        void (await content('setImageCaption', { id, caption })),
      createPage: (input) => content('createPage', input),
      stop,
    }
  } catch (error) {
    const logs = await Promise.all(
      ['mariadb.log', 'php.log', 'php-errors.log'].map(async (name) => {
        const text = await readFile(path.join(dataDir, name), 'utf8').catch(() => '')
        return text ? `--- ${name} (last lines)\n${text.split('\n').slice(-15).join('\n')}` : ''
      }),
    )
    await stop()
    throw new Error(
      `WordPress did not start: ${(error as Error).message}\n${logs.filter(Boolean).join('\n')}`,
    )
  }
}

interface Site {
  dataDir: string
  /** The PHP server's document root: wp-content (WP_CONTENT_DIR) and links to core's static files. */
  publicDir: string
  contentDir: string
  config: string
  socket: string
}

/** MariaDB in dataDir/mysql, on a socket only, with the database created at start-up. */
async function startMariaDB(dataDir: string, processes: Set<ChildProcess>) {
  const datadir = path.join(dataDir, 'mysql')
  const socket = path.join(dataDir, 'mysql.sock')
  const log = path.join(dataDir, 'mariadb.log')
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : []
  // A smaller redo log than the default 96 MB: a test database is tiny, and the folder is written
  // on every start. The same size must be given to the server, or it resizes the log at start.
  const logSize = '--innodb-log-file-size=8M'
  await runProgram(findProgram('mariadb-install-db') ?? 'mariadb-install-db', [
    '--no-defaults',
    ...asRoot,
    `--datadir=${datadir}`,
    // The user running the tests connects as itself over the socket, with no password.
    '--auth-root-authentication-method=socket',
    '--skip-test-db',
    logSize,
  ])
  const init = path.join(dataDir, 'init.sql')
  await writeFile(
    init,
    'CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;\n',
  )
  const child = spawnGroup(
    findProgram('mariadbd') ?? 'mariadbd',
    [
      '--no-defaults',
      ...asRoot,
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      '--skip-networking',
      `--pid-file=${path.join(dataDir, 'mariadb.pid')}`,
      `--log-error=${log}`,
      `--init-file=${init}`,
      logSize,
      // Durability is worthless for a database thrown away after the test: skip the flushes.
      '--innodb-flush-log-at-trx-commit=0',
      '--innodb-doublewrite=0',
      '--innodb-buffer-pool-size=64M',
      '--skip-log-bin',
    ],
    processes,
    log,
  )
  await waitFor('MariaDB to answer on its socket', child, () => greets(socket))
  return { process: child, socket }
}

/**
 * The run's site folder: its own WP_CONTENT_DIR (uploads, Debian's plugins, our must-use plugin),
 * the document root the PHP server serves (wp-content, and core's wp-includes for its static files).
 */
async function prepareSite(dataDir: string, socket: string): Promise<Site> {
  const publicDir = path.join(dataDir, 'public')
  const contentDir = path.join(publicDir, 'wp-content')
  await mkdir(path.join(contentDir, 'uploads'), { recursive: true })
  await mkdir(path.join(contentDir, 'themes'))
  await mkdir(path.join(contentDir, 'mu-plugins'))
  await symlink(path.join(WORDPRESS_ROOT, 'wp-content/plugins'), path.join(contentDir, 'plugins'))
  await symlink(
    path.join(SCRIPTS, 'mu-plugin.php'),
    path.join(contentDir, 'mu-plugins/newsroom-harness.php'),
  )
  await symlink(path.join(WORDPRESS_ROOT, 'wp-includes'), path.join(publicDir, 'wp-includes'))
  return { dataDir, publicDir, contentDir, config: path.join(dataDir, 'wp-config.php'), socket }
}

/** A PHP string literal. */
const phpString = (value: string) => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`

/** The run's wp-config.php: this port, this socket, this WP_CONTENT_DIR, nothing from /etc. */
async function writeConfig(site: Site, port: number) {
  const url = `http://127.0.0.1:${port}`
  const constants: Record<string, string | boolean> = {
    DB_NAME: 'wordpress',
    DB_USER: os.userInfo().username,
    DB_PASSWORD: '',
    DB_HOST: `localhost:${site.socket}`,
    DB_CHARSET: 'utf8mb4',
    DB_COLLATE: '',
    WP_HOME: url,
    WP_SITEURL: url,
    WP_CONTENT_DIR: site.contentDir,
    WP_CONTENT_URL: `${url}/wp-content`,
    // No internet here: without this, WordPress's update checks and embeds wait for timeouts.
    WP_HTTP_BLOCK_EXTERNAL: true,
    // Application passwords over plain http need it.
    WP_ENVIRONMENT_TYPE: 'local',
    DISABLE_WP_CRON: true,
    AUTOMATIC_UPDATER_DISABLED: true,
    WP_AUTO_UPDATE_CORE: false,
    WP_DEBUG: false,
  }
  for (const key of ['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE']) {
    constants[`${key}_KEY`] = randomBytes(24).toString('hex')
    constants[`${key}_SALT`] = randomBytes(24).toString('hex')
  }
  const lines = Object.entries(constants).map(
    ([name, value]) =>
      `define('${name}', ${typeof value === 'boolean' ? String(value) : phpString(value)});`,
  )
  await writeFile(
    site.config,
    `<?php
// Written by tests/e2e/support/wordpress.ts for one run; removed with its data folder.
${lines.join('\n')}
$table_prefix = 'wp_';
define('ABSPATH', ${phpString(`${WORDPRESS_ROOT}/`)});
require_once ABSPATH . 'wp-settings.php';
`,
  )
}

/** What every PHP process of the run is told: its configuration and its address. */
function phpEnv(config: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEWSROOM_WP_CONFIG: config,
    NEWSROOM_WP_URL: `http://127.0.0.1:${port}`,
    NEWSROOM_WP_ADMIN: ADMIN.login,
  }
}

/**
 * PHP's settings for WordPress 6.1 on PHP 8.2: its deprecation notices go to a log, never into an
 * answer's JSON.
 */
const phpSettings = (dataDir: string) => [
  '-d',
  'display_errors=0',
  '-d',
  'log_errors=1',
  '-d',
  `error_log=${path.join(dataDir, 'php-errors.log')}`,
  '-d',
  'memory_limit=512M',
]

/** PHP's built-in server with the router, in its own process group (its workers are its children). */
async function startPhpServer(
  site: Site,
  port: number,
  workers: number,
  processes: Set<ChildProcess>,
): Promise<ChildProcess> {
  const child = spawnGroup(
    'php',
    [
      ...phpSettings(site.dataDir),
      '-S',
      `127.0.0.1:${port}`,
      '-t',
      site.publicDir,
      path.join(SCRIPTS, 'router.php'),
    ],
    processes,
    path.join(site.dataDir, 'php.log'),
    { ...phpEnv(site.config, port), PHP_CLI_SERVER_WORKERS: String(workers) },
  )
  try {
    await waitFor('/wp-json/ to answer', child, async () => {
      const response = await fetch(`http://127.0.0.1:${port}/wp-json/`)
      return response.ok && (response.headers.get('content-type') ?? '').includes('json')
    })
  } catch (error) {
    await killAndWait(child)
    processes.delete(child)
    throw error
  }
  return child
}

/** Runs one of the PHP scripts beside this file and returns the JSON it printed. */
async function runPhp<T>(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input: unknown,
): Promise<T> {
  const dataDir = path.dirname(env.NEWSROOM_WP_CONFIG!)
  const stdout = await runProgram(
    'php',
    [...phpSettings(dataDir), '-d', 'display_errors=stderr', path.join(SCRIPTS, script), ...args],
    { env, input: JSON.stringify(input) },
  )
  const line = stdout.split('\n').find((text) => text.startsWith('NEWSROOM_RESULT '))
  if (!line) throw new Error(`php ${script} ${args.join(' ')} printed no result:\n${stdout}`)
  return JSON.parse(line.slice('NEWSROOM_RESULT '.length)) as T
}

/** Runs a program to its end; resolves with its stdout, rejects with its output on failure. */
function runProgram(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('error', reject)
    child.once('close', (code) => {
      if (code === 0) resolve(stdout)
      else
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}${stdout}`))
    })
    child.stdin.end(options.input ?? '')
  })
}

/** A long-running server in a process group of its own (setsid), its output appended to a log file. */
function spawnGroup(
  command: string,
  args: string[],
  processes: Set<ChildProcess>,
  log: string,
  env: NodeJS.ProcessEnv = process.env,
): ChildProcess {
  const output = openSync(log, 'a')
  try {
    const child = spawn(command, args, { detached: true, env, stdio: ['ignore', output, output] })
    processes.add(child)
    return child
  } finally {
    closeSync(output)
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid !== undefined) signalGroup(child.pid, signal)
}

/**
 * Stops a server's whole group: SIGTERM, then SIGKILL after a grace period; resolves once no process
 * is left in the group (PHP's workers outlive their parent by a moment).
 */
async function killAndWait(child: ChildProcess) {
  if (child.pid === undefined) return
  const group = child.pid
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()))
  killGroup(child, 'SIGTERM')
  const timer = setTimeout(() => signalGroup(group, 'SIGKILL'), STOP_GRACE_MS)
  await exited
  clearTimeout(timer)
  const deadline = Date.now() + STOP_GRACE_MS
  while (signalGroup(group, 0)) {
    if (Date.now() > deadline) throw new Error(`process group ${group} does not end`)
    signalGroup(group, 'SIGKILL')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Sends a signal to a process group; false when the group is empty. */
function signalGroup(group: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-group, signal)
    return true
  } catch {
    return false
  }
}

/** Polls a condition until it holds; fails if the process exits or the time runs out. */
async function waitFor(what: string, child: ChildProcess, ready: () => Promise<boolean>) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS
  let last = ''
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `waiting for ${what}: the process exited (${child.exitCode ?? child.signalCode})`,
      )
    }
    try {
      if (await ready()) return
    } catch (error) {
      last = (error as Error).message
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`waiting for ${what}: no answer within ${STARTUP_TIMEOUT_MS} ms (${last})`)
}

/** Whether a MariaDB server greets a client on this socket (its handshake packet). */
function greets(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const client = connect(socket)
    client.once('data', () => {
      client.destroy()
      resolve(true)
    })
    client.once('error', () => resolve(false))
  })
}

export function freePort(): Promise<number> {
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
