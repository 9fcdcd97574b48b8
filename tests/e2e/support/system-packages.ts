import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { CHROMIUM_PATH } from '../../../scripts/chromium'

/**
 * The Debian packages the browser tests run (Chromium, nginx, WordPress on MariaDB), checked before
 * any test starts. On a fresh Debian or Ubuntu machine `npm test` must still pass: as root, what is
 * missing is installed with apt-get; otherwise the run stops at once, naming the one command that
 * installs it. `.ci/run` installs the same packages with its own apt-get line, for the CI log.
 */
export interface PackageGroup {
  /** What the group is for, in messages: `WordPress`, `Chromium`. */
  name: string
  /** The packages that provide it. */
  packages: readonly string[]
  /** apt-get install options: WordPress leaves Recommends out (apache2 and the rest are not needed). */
  noRecommends?: boolean
  /** What is missing now (files, PHP extensions), empty when the group is ready. */
  missing(): string[]
}

/** How the installer acts on the machine; tests replace it. */
export interface PackageHost {
  isRoot: boolean
  /** Runs a command with its output shown; returns its exit status. */
  run(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): number
  log(message: string): void
}

export const systemHost: PackageHost = {
  isRoot: process.getuid?.() === 0,
  run(command, args, env) {
    const result = spawnSync(command, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env },
    })
    if (result.error) throw result.error
    return result.status ?? 1
  },
  log: (message) => console.log(message),
}

/** The apt-get install arguments for some groups (one line for the ones with Recommends, one without). */
export function installCommands(groups: readonly PackageGroup[]): string[][] {
  const lines: string[][] = []
  for (const noRecommends of [false, true]) {
    const packages = groups
      .filter((group) => Boolean(group.noRecommends) === noRecommends)
      .flatMap((group) => group.packages)
    if (packages.length === 0) continue
    lines.push(['install', '-y', ...(noRecommends ? ['--no-install-recommends'] : []), ...packages])
  }
  return lines
}

/** The shell command a person runs to install the groups: apt-get update, then each install line. */
export function installHint(groups: readonly PackageGroup[]): string {
  const installs = installCommands(groups).map(
    (args) => `DEBIAN_FRONTEND=noninteractive apt-get ${args.join(' ')}`,
  )
  return ['apt-get update', ...installs].join(' && ')
}

/**
 * Makes sure every group is ready: nothing to do when nothing is missing; as root, installs the
 * groups with something missing (printing each command) and checks again; not root, throws at once
 * with the command that installs them. Why fail fast: a missing mariadbd found twenty tests later is
 * a confusing failure, and a machine without root needs a person anyway.
 */
export function ensureSystemPackages(
  groups: readonly PackageGroup[],
  host: PackageHost = systemHost,
): void {
  const lacking = groups
    .map((group) => ({ group, missing: group.missing() }))
    .filter(({ missing }) => missing.length > 0)
  if (lacking.length === 0) return
  const what = lacking.map(({ group, missing }) => `${group.name} (${missing.join(', ')})`)
  const hint = installHint(lacking.map(({ group }) => group))
  if (!host.isRoot) {
    throw new Error(
      `The browser tests need ${what.join('; ')}. Install them as root with:\n  ${hint}`,
    )
  }
  host.log(`Missing ${what.join('; ')}: installing with \`${hint}\``)
  const env = { DEBIAN_FRONTEND: 'noninteractive' }
  for (const args of [['update'], ...installCommands(lacking.map(({ group }) => group))]) {
    host.log(`$ apt-get ${args.join(' ')}`)
    const status = host.run('apt-get', args, env)
    if (status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit status ${status})`)
  }
  const still = lacking
    .map(({ group }) => ({ group, missing: group.missing() }))
    .filter(({ missing }) => missing.length > 0)
  if (still.length > 0) {
    throw new Error(
      `Still missing after apt-get: ${still.map(({ group, missing }) => `${group.name} (${missing.join(', ')})`).join('; ')}`,
    )
  }
}

/** Where a program is: on PATH, or in /usr/sbin and /usr/bin (a non-root PATH often lacks sbin). */
export function findProgram(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin']
  return dirs
    .filter((dir) => path.isAbsolute(dir))
    .map((dir) => path.join(dir, name))
    .find((file) => existsSync(file))
}

const missingFiles = (...files: string[]) => files.filter((file) => !existsSync(file))

/** Debian's Chromium, which the browser tests drive (or CHROME_PATH). */
export const chromiumPackages: PackageGroup = {
  name: 'Chromium',
  packages: ['chromium'],
  missing: () => missingFiles(CHROMIUM_PATH),
}

/** nginx, which serves the build to the browser tests (or NGINX_PATH). */
export const nginxPackages: PackageGroup = {
  name: 'nginx',
  packages: ['nginx'],
  missing: () => missingFiles(process.env.NGINX_PATH || '/usr/sbin/nginx'),
}

/** The PHP extensions WordPress needs here: MariaDB, images (GD), and its XML, text and HTTP code. */
export const PHP_EXTENSIONS = ['mysqli', 'gd', 'xml', 'mbstring', 'curl'] as const

/** Debian's WordPress, run by PHP's built-in server on MariaDB (support/wordpress.ts). */
export const wordpressPackages: PackageGroup = {
  name: 'WordPress',
  packages: [
    'wordpress',
    'php-cli',
    'php-mysql',
    'php-gd',
    'php-xml',
    'php-mbstring',
    'php-curl',
    'mariadb-server',
  ],
  noRecommends: true,
  missing() {
    const missing = missingFiles('/usr/share/wordpress/wp-load.php')
    for (const program of ['mariadbd', 'mariadb-install-db']) {
      if (!findProgram(program)) missing.push(program)
    }
    const php = findProgram('php')
    if (!php) return [...missing, 'php']
    const check = spawnSync(
      php,
      [
        '-r',
        `foreach (${JSON.stringify(PHP_EXTENSIONS)} as $e) if (!extension_loaded($e)) echo "$e\\n";`,
      ],
      { encoding: 'utf8' },
    )
    const absent =
      check.status === 0 ? check.stdout.split('\n').filter(Boolean) : [...PHP_EXTENSIONS]
    return [...missing, ...absent.map((extension) => `php-${extension}`)]
  },
}
