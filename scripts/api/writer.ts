import { close, constants, open, writeFile as writeFileCallback } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'

/** Files being written at once by one thread. */
export const WRITE_CONCURRENCY = 32
/**
 * Appending opens the file without O_CREAT (it exists): opening with it takes the folder's lock, as
 * creating a file does, and 100,000 appends in articles/ would queue for it.
 */
const APPEND = constants.O_WRONLY | constants.O_APPEND

/** Writes files through a queue of at most `limit` at a time, making each folder once; counts files and bytes. */
export class Writer {
  files = 0
  bytes = 0
  private readonly pending = new Set<Promise<void>>()
  private readonly dirs = new Map<string, Promise<unknown>>()
  constructor(
    private readonly root: string,
    private readonly limit: number,
  ) {}

  /**
   * Resolves once the write is queued; a failed write fails the next json() or flush(). `partial`: the file
   * is completed later by append(), and counted then.
   */
  async json(file: string, text: string, partial = false) {
    if (!partial) this.files++
    await this.enqueue(file, text, 'write')
  }

  /** Appends to a file written by json(…, true): only after a flush() that followed that write. */
  async append(file: string, text: string) {
    this.files++
    await this.enqueue(file, text, 'append')
  }

  private async enqueue(file: string, text: string, how: 'write' | 'append') {
    this.bytes += Buffer.byteLength(text)
    while (this.pending.size >= this.limit) await Promise.race(this.pending)
    const write = this.write(path.join(this.root, file), text, how).finally(() =>
      this.pending.delete(write),
    )
    write.catch(() => undefined) // reported by the next json() or flush(), not as unhandled
    this.pending.add(write)
  }

  private async write(target: string, text: string, how: 'write' | 'append') {
    const dir = path.dirname(target)
    // Another thread may make the same folder at the same time: recursive mkdir does not mind.
    if (!this.dirs.has(dir)) this.dirs.set(dir, mkdir(dir, { recursive: true }))
    await this.dirs.get(dir)
    // The callback API: lighter than fs/promises' file handles for many small files.
    await new Promise<void>((resolve, reject) => {
      const done = (error: Error | null) => (error ? reject(error) : resolve())
      if (how === 'write') writeFileCallback(target, text, done)
      else
        open(target, APPEND, (error, fd) => {
          if (error) done(error)
          else
            writeFileCallback(fd, text, (failed) => close(fd, (closing) => done(failed ?? closing)))
        })
    })
  }

  async flush() {
    await Promise.all(this.pending)
  }
}
