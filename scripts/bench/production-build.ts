import path from 'node:path'
import { ROOT } from '../serve/nginx.ts'
import { runViteBuild } from '../vite-build.ts'
import { timed } from './timing.ts'

export interface ProductionBuildOptions {
  /** The app's folder: this repository by default, the floor app's temp folder for the floor. */
  root?: string
  /** Variables added to the build's environment (the sync group's WordPress source, say). */
  env?: NodeJS.ProcessEnv
}

/**
 * `vite build` of an app into `outDir` (emptied first): the one production-build step every group of the
 * bench uses, so they all measure the same kind of build. It is a production build whatever the calling
 * shell says (vitest's variables and NODE_ENV are left out), and it refuses the repository's dist/, which
 * belongs to the developer. Rejects with vite's output when the build fails.
 */
export async function buildProduction(
  outDir: string,
  { root = ROOT, env = {} }: ProductionBuildOptions = {},
): Promise<void> {
  if (path.resolve(outDir) === path.join(ROOT, 'dist')) {
    throw new Error('The bench never builds into dist/: give it a temp folder.')
  }
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV'),
  )
  await runViteBuild(root, outDir, { ...inherited, ...env })
}

/**
 * The build a measurement runs on: the one made already in `given` (the `--dist` flag), or a fresh
 * production build into `<temp>/dist`, timed. The bench and the files that run alone start the same way.
 */
export async function appToMeasure(
  given: string | undefined,
  temp: string,
  log: (message: string) => void,
): Promise<{ dist: string; buildMs?: number }> {
  if (given) {
    const dist = path.resolve(given)
    log(`measuring the build in ${dist}`)
    return { dist }
  }
  const dist = path.join(temp, 'dist')
  log(`building the app into ${dist}`)
  const { ms } = await timed(() => buildProduction(dist))
  return { dist, buildMs: Math.round(ms) }
}
