import { Worker } from 'node:worker_threads'
import type { SourceArticle, Taxonomy } from './content.ts'
import type { RenderedImage } from './images.ts'
import type { ListingsJob } from './listings.ts'
import type { SearchIndexPart } from './search-index.ts'
import type { Validate } from './stories.ts'
import type { WordPressBodies } from '../wordpress/source.ts'

/**
 * The API build's worker thread, seen from the main thread (scripts/api/build-api.ts; the worker's side is
 * scripts/api/build-worker.ts). It converts and writes the batches of stories it is given, asking the main
 * thread for their images (rendered there, once each), and reports each story's reading time. It keeps
 * their summaries and their share of the search index, and is sent the main thread's: once every story is
 * written, it writes the listings and the search index while the main thread completes the article files.
 */

/** What the worker starts with. */
export interface StoryWorkerData {
  outDir: string
  validate: Validate
  taxonomy: Taxonomy
  /** Every story's slug, for checking links between stories. */
  slugs: string[]
  /** For stories from WordPress: what their bodies' links and images refer to. */
  wordpress: WordPressBodies | null
  /** For the share cards the worker draws itself (scripts/api/share-card.ts). */
  siteName: string
  imageCacheDir: string | undefined
}

export type ToWorker =
  /** Convert and write these stories ([id, front matter]). */
  | { type: 'stories'; stories: [number, SourceArticle][] }
  /** Summaries of stories the main thread wrote ([id, JSON text]), for the listings. */
  | { type: 'summaries'; summaries: [number, string][] }
  | { type: 'image'; id: string; image: RenderedImage | null; error: string | null }
  /** No more stories: finish writing them. */
  | { type: 'finish' }
  /** Write the listings and the search index, with the main thread's share of the index. */
  | { type: 'indexes'; job: ListingsJob; search: SearchIndexPart }

export type FromWorker =
  | { type: 'image'; id: string }
  /** Something the build changed in a body on the way, for the newsroom to read. */
  | { type: 'report'; message: string }
  /** A batch of stories written: [id, reading time] of each. */
  | { type: 'stories'; readingMinutes: [number, number][] }
  /** Every story given is written, every file whole. */
  | { type: 'finished' }
  /** The indexes are written, and this is what the worker wrote in all. */
  | { type: 'indexes'; files: number; bytes: number }
  | { type: 'error'; message: string }

/** Stories per batch, and batches the worker holds at once: it never waits for the next. */
const BATCH = 50
const BATCHES_AHEAD = 2
/** Summaries handed to the worker per message. */
const SUMMARIES_PER_MESSAGE = 100

interface MainThread {
  image: (id: string) => Promise<RenderedImage>
  readingMinutes: (id: number, minutes: number) => void
  report?: ((message: string) => void) | undefined
}

export class StoryWorker {
  private readonly worker: Worker
  /** Rejects when the worker fails: a story's problem, or the thread dying. */
  private readonly failure: Promise<never>
  /** The handler of the next reply of each kind. */
  private readonly replies: {
    stories?: () => void
    finished?: () => void
    indexes?: (counts: { files: number; bytes: number }) => void
  } = {}
  /** Summaries of stories the main thread wrote, not handed over yet. */
  private summaries: [number, string][] = []

  constructor(data: StoryWorkerData, main: MainThread) {
    this.worker = startTypeScriptWorker(new URL('./build-worker.ts', import.meta.url), data)
    let fail!: (error: Error) => void
    this.failure = new Promise<never>((_, reject) => (fail = reject))
    // Seen through convert() and writeIndexes(); after a failure elsewhere, nobody may be waiting.
    this.failure.catch(() => undefined)
    this.worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'image':
          main.image(message.id).then(
            (image) => this.send({ type: 'image', id: message.id, image, error: null }),
            (error: Error) =>
              this.send({ type: 'image', id: message.id, image: null, error: error.message }),
          )
          break
        case 'report':
          main.report?.(message.message)
          break
        case 'stories':
          for (const [id, minutes] of message.readingMinutes) main.readingMinutes(id, minutes)
          this.replies.stories?.()
          break
        case 'finished':
          this.replies.finished?.()
          break
        case 'indexes':
          this.replies.indexes?.(message)
          break
        case 'error':
          fail(new Error(message.message))
      }
    })
    this.worker.on('error', fail)
    this.worker.on('exit', (code) => fail(new Error(`the API build's worker stopped (${code})`)))
  }

  /**
   * Has the worker convert the stories `take` hands out, BATCH at a time, until it hands out none; resolves
   * once they are all written.
   */
  convert(take: (max: number) => [number, SourceArticle][]): Promise<void> {
    const done = new Promise<void>((resolve) => {
      let inFlight = 0
      const next = () => {
        const stories = take(BATCH)
        if (stories.length === 0) return false
        inFlight++
        this.send({ type: 'stories', stories })
        return true
      }
      this.replies.stories = () => {
        inFlight--
        if (!next() && inFlight === 0) this.send({ type: 'finish' })
      }
      this.replies.finished = resolve
      for (let i = 0; i < BATCHES_AHEAD; i++) next()
      if (inFlight === 0) this.send({ type: 'finish' })
    })
    return Promise.race([done, this.failure])
  }

  /** Hands over the summary of a story written by the main thread, for the listings (in batches). */
  summary(id: number, summary: string) {
    if (this.summaries.push([id, summary]) === SUMMARIES_PER_MESSAGE) this.sendSummaries()
  }

  /**
   * Has the worker write the listings, the id indexes, site.json and the search index, given this thread's
   * share of the index; resolves with what the worker wrote in all.
   */
  writeIndexes(
    job: ListingsJob,
    search: SearchIndexPart,
  ): Promise<{ files: number; bytes: number }> {
    const done = new Promise<{ files: number; bytes: number }>((resolve) => {
      this.replies.indexes = resolve
    })
    this.sendSummaries()
    this.send({ type: 'indexes', job, search })
    return Promise.race([done, this.failure])
  }

  async terminate() {
    await this.worker.terminate()
  }

  private send(message: ToWorker) {
    this.worker.postMessage(message)
  }

  private sendSummaries() {
    this.send({ type: 'summaries', summaries: this.summaries })
    this.summaries = []
  }
}

/**
 * Starts a TypeScript module in a worker thread. A worker inherits no module loader from its parent, whether
 * the build runs under tsx (`npm run api`, the benches), inside Vite (which loads this file through its
 * config bundler) or in vitest: a bootstrap registers tsx's loader in the worker, then imports the module.
 */
function startTypeScriptWorker(entry: URL, workerData: StoryWorkerData): Worker {
  const tsx = import.meta.resolve('tsx/esm/api')
  const bootstrap = `import(${JSON.stringify(tsx)})
    .then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}) })`
  return new Worker(bootstrap, { eval: true, workerData })
}
