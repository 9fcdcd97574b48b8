import { spawn } from 'node:child_process'
import path from 'node:path'

/**
 * Runs a command to completion and returns its output; rejects with that output when it fails, so a
 * failed build or Lighthouse run is reported with its reason in the bench's table, not as a bare code.
 */
export async function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', resolve)
  })
  if (code !== 0)
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed (${code}):\n${output}`)
  return output
}
