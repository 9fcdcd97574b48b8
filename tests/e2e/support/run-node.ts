import { spawn } from 'node:child_process'
import { ROOT } from '../../../scripts/serve/nginx'

/**
 * Runs `node <args>` in the project, with `env` added to this process's environment, as a deploy runs a
 * build or a sync; resolves with everything it printed, and rejects with that output when it fails, so a
 * test that builds its own site says why the build broke.
 */
export function runNode(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${args.join(' ')} exited ${code}:\n${output}`)),
    )
  })
}
