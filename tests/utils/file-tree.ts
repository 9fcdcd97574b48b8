import { readdir } from 'node:fs/promises'
import path from 'node:path'

/**
 * Every file under `dir`, relative to it with `/` between folders, sorted: what a build or a sync wrote,
 * in a form a test can compare with a list or with another build's.
 */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
    .sort()
}
