import path from 'node:path'
import { run } from './run-command.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')

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
  await run(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
    ],
    root,
    { ...inherited, ...env },
  )
}
