import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'

/**
 * The bytes and the number of files in a folder, all the way down: what a build or an index costs on
 * disk, as the scale and search groups report it.
 */
export async function sizeOf(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0
  let files = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      const inner = await sizeOf(full)
      bytes += inner.bytes
      files += inner.files
    } else if (entry.isFile()) {
      files++
      bytes += (await stat(full)).size
    }
  }
  return { bytes, files }
}
