import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The release the footer shows (src/features/pwa/app-version.ts): `VITE_APP_VERSION` when given, else
 * the package's version and the date of the code, never the date of the build. The release is in every
 * page's scripts, so a build date would change every file of the site on the first build of each day
 * (docs/decisions/021-stable-pages.md). The code's date is `SOURCE_DATE_EPOCH` (the reproducible-builds
 * convention, in seconds) when set, else the last commit's; without either (a copy outside git), the
 * version alone.
 */
export function appVersion(root: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.VITE_APP_VERSION) return env.VITE_APP_VERSION
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version: string
  }
  const date = sourceDate(root, env)
  return date ? `${version} (${date})` : version
}

/** YYYY-MM-DD of SOURCE_DATE_EPOCH, else of the last commit, else null. */
function sourceDate(root: string, env: NodeJS.ProcessEnv): string | null {
  const epoch = Number(env.SOURCE_DATE_EPOCH)
  if (env.SOURCE_DATE_EPOCH && Number.isInteger(epoch))
    return new Date(epoch * 1000).toISOString().slice(0, 10)
  try {
    const committed = execFileSync('git', ['log', '-1', '--format=%ct'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
    return committed ? new Date(Number(committed) * 1000).toISOString().slice(0, 10) : null
  } catch {
    return null
  }
}
