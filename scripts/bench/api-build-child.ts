import { execFile, spawn } from 'node:child_process'
import { buildApi } from '../api/build-api.ts'
import { runsAlone } from './flags.ts'
import { timed } from './timing.ts'

/**
 * One API build in a child process of its own, so that its peak RSS is the build's own (plus Node and the
 * TypeScript loader, about 60 MB): the scale group's unit of measurement. The child times the build alone
 * and reports it, with its peak RSS, as one JSON line on stdout.
 *
 *   npx tsx scripts/bench/api-build-child.ts <content folder> <output folder>
 */
export interface ChildBuild {
  /** The build alone, timed inside the child. */
  ms: number
  /** The child's peak RSS, kilobytes (2^10 bytes). */
  maxRssKb: number
}

const SELF = import.meta.filename

/** Builds the API of `contentDir` into `outDir` in a child process; its time and peak memory. */
export function buildApiInChild(contentDir: string, outDir: string): Promise<ChildBuild> {
  return new Promise<ChildBuild>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, contentDir, outDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`API build of ${contentDir} exited with ${code}`))
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildBuild)
    })
  })
}

/**
 * Flushes the file system's pending writes and deletions (`sync`), so that they are not timed with the
 * next build.
 */
export async function settleDisk(): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    execFile('sync', (error) => (error ? reject(error) : resolve())),
  )
}

if (runsAlone(import.meta)) {
  const [contentDir, outDir] = process.argv.slice(2) as [string, string]
  const { ms } = await timed(() => buildApi({ contentDir, outDir }))
  const report: ChildBuild = { ms, maxRssKb: process.resourceUsage().maxRSS }
  console.log(JSON.stringify(report))
}
