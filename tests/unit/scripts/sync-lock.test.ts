// @vitest-environment node
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { takeSyncLock } from '../../../scripts/sync-lock.ts'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-sync-lock-'))
  file = path.join(dir, 'sync.lock')
})
afterEach(() => rm(dir, { recursive: true, force: true }))

test('the lock holds this process id until released', async () => {
  const release = await takeSyncLock(file)
  expect(await readFile(file, 'utf8')).toBe(String(process.pid))
  await release()
  expect(existsSync(file)).toBe(false)
})

test('a lock held by a live process refuses a second sync, saying which process', async () => {
  await writeFile(file, String(process.pid))
  await expect(takeSyncLock(file)).rejects.toThrow(
    `another sync is running (process ${process.pid})`,
  )
  expect(await readFile(file, 'utf8')).toBe(String(process.pid))
})

test('a lock left by a sync that died is taken over', async () => {
  // A process that has exited: its id is free.
  const gone = spawnSync(process.execPath, ['-e', '0']).pid!
  await writeFile(file, String(gone))
  const release = await takeSyncLock(file)
  expect(await readFile(file, 'utf8')).toBe(String(process.pid))
  await release()
})
