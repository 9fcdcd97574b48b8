import { spawn } from 'node:child_process'
import path from 'node:path'

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
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
    ],
    { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', resolve)
  })
  if (code !== 0)
    throw new Error(`the build failed (exit ${code}); nothing was published:\n${output}`)
}
