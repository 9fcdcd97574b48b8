import { open, readFile, rm } from 'node:fs/promises'

/**
 * The lock that keeps two syncs of one copy from running at once (the WordPress sync, scripts/sync.ts, and
 * the feeds sync, scripts/feeds-in/sync.ts, take it the same way): a file created exclusively, holding the
 * process id. A lock left by a sync that died (its process is gone) is taken over; one held by a live
 * process fails at once, saying which. Returns what releases it.
 */
export async function takeSyncLock(file: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => rm(file, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number(await readFile(file, 'utf8').catch(() => ''))
      if (pid && isAlive(pid)) throw new Error(`another sync is running (process ${pid})`)
      // Left by a sync that died: take it over.
      await rm(file, { force: true })
    }
  }
  throw new Error(`could not take the lock ${file}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
