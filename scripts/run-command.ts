import { spawn } from 'node:child_process'
import path from 'node:path'

/** A command that exited with another code than 0, with everything it printed. */
export class CommandFailed extends Error {
  constructor(
    readonly command: string,
    readonly args: string[],
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`${path.basename(command)} ${args.join(' ')} failed (${code}):\n${output}`)
  }
}

/**
 * Runs a command to completion and returns its output (stdout and stderr as they came); rejects with a
 * CommandFailed holding that output when it fails, so a failed build or Lighthouse run is reported with
 * its reason, not as a bare exit code. The one way scripts/ run a child command and collect what it says:
 * the bench's builds and Lighthouse runs, and the syncs' `vite build` (scripts/vite-build.ts).
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
  if (code !== 0) throw new CommandFailed(command, args, code, output)
  return output
}
