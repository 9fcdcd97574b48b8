import path from 'node:path'
import { CommandFailed, run } from './run-command.ts'

/**
 * `vite build` of the project at `root` into `outDir` (emptied first), in a child process whose whole
 * environment is `env`: the one way scripts/ start a build, for the syncs (viteBuild below) and the bench
 * (scripts/bench/production-build.ts, which leaves the test runner's variables out). Rejects with a
 * CommandFailed holding the build's output.
 */
export async function runViteBuild(
  root: string,
  outDir: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  await run(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
    ],
    root,
    env,
  )
}

/**
 * `vite build` of the project at `root` into `outDir`, in a child process with `env` added to this one's:
 * how a sync builds the whole site from its source's copy beside the live folder. Rejects with the build's
 * output when it fails.
 */
export async function viteBuild(
  root: string,
  outDir: string,
  env: Record<string, string>,
): Promise<void> {
  try {
    await runViteBuild(root, outDir, { ...process.env, ...env })
  } catch (error) {
    if (!(error instanceof CommandFailed)) throw error
    throw new Error(
      `the build failed (exit ${error.code}); nothing was published:\n${error.output}`,
    )
  }
}
