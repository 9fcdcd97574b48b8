/**
 * Texts by id (story summaries, search documents), kept as UTF-8 bytes outside the JavaScript heap. At
 * 100,000 stories they come to about 120 MB that live until the end of the API build: held as strings, the
 * garbage collector would go through them again and again, and let the heap grow well past their size.
 */
export class TextStore {
  private readonly chunks: Buffer[]
  /** Where each id's text is: its chunk (0 for none, else the chunk's index + 1), start and length. */
  private chunkOf: Uint16Array
  private start: Uint32Array
  private length: Uint32Array
  /** Bytes used in the last chunk. */
  private used: number

  /** A store for ids up to about `count` (it grows for larger ones), or one made from data(). */
  constructor(count = 0, data?: TextStoreData) {
    this.chunks = data?.chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.length)) ?? []
    this.chunkOf = data?.chunkOf ?? new Uint16Array(count)
    this.start = data?.start ?? new Uint32Array(count)
    this.length = data?.length ?? new Uint32Array(count)
    this.used = data?.used ?? CHUNK_SIZE
  }

  set(id: number, text: string) {
    if (id >= this.chunkOf.length) this.grow(id + 1)
    const bytes = Buffer.byteLength(text)
    let chunk = this.chunks.at(-1)
    if (!chunk || this.used + bytes > chunk.length) {
      chunk = Buffer.allocUnsafeSlow(Math.max(CHUNK_SIZE, bytes))
      this.chunks.push(chunk)
      this.used = 0
    }
    chunk.write(text, this.used, 'utf8')
    this.chunkOf[id] = this.chunks.length
    this.start[id] = this.used
    this.length[id] = bytes
    this.used += bytes
  }

  get(id: number): string | undefined {
    const chunk = this.chunkOf[id]
    if (!chunk) return undefined
    const start = this.start[id]!
    return this.chunks[chunk - 1]!.toString('utf8', start, start + this.length[id]!)
  }

  /** Adds every text of another store, given as its data(). */
  merge(data: TextStoreData) {
    const other = new TextStore(0, data)
    other.chunkOf.forEach((chunk, id) => {
      if (chunk) this.set(id, other.get(id)!)
    })
  }

  /** The store as plain data, for postMessage (which sends each Buffer as a Uint8Array). */
  data(): TextStoreData {
    const { chunks, chunkOf, start, length, used } = this
    return { chunks, chunkOf, start, length, used }
  }

  private grow(atLeast: number) {
    const size = Math.max(atLeast, this.chunkOf.length * 2)
    const [chunkOf, start, length] = [
      new Uint16Array(size),
      new Uint32Array(size),
      new Uint32Array(size),
    ]
    chunkOf.set(this.chunkOf)
    start.set(this.start)
    length.set(this.length)
    this.chunkOf = chunkOf
    this.start = start
    this.length = length
  }
}

export interface TextStoreData {
  chunks: Uint8Array[]
  chunkOf: Uint16Array
  start: Uint32Array
  length: Uint32Array
  used: number
}

/** Texts are packed into buffers of this size (a longer text gets one of its own). */
const CHUNK_SIZE = 4 * 2 ** 20
