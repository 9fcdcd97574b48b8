import { rm } from 'node:fs/promises'
import path from 'node:path'
import { buildApi } from '../api/build-api.ts'
import { ensureCorpus } from './corpus.ts'

/**
 * A generated newsroom's built API for the time of `measure`: the corpus (scripts/bench/corpus.ts) is made
 * once and kept in `dir`, as the other groups keep it; the API is built into a folder of this process's,
 * removed after `measure` (1.2 GB at 100,000 stories). The search groups, in Node and in the browser,
 * measure on it.
 */
export async function withNewsroomApi<T>(
  count: number,
  options: { dir: string; seed?: number; log?: (line: string) => void },
  measure: (apiDir: string) => Promise<T>,
): Promise<T> {
  const { dir, seed = 1, log } = options
  const contentDir = await ensureCorpus(dir, count, seed, log)
  const apiDir = path.join(dir, `api-${count}-${seed}-${process.pid}`)
  log?.(`${count}: building the API into ${apiDir}`)
  await rm(apiDir, { recursive: true, force: true })
  await buildApi({ contentDir, outDir: apiDir })
  try {
    return await measure(apiDir)
  } finally {
    await rm(apiDir, { recursive: true, force: true })
  }
}
