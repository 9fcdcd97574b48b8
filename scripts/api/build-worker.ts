// The API build's worker thread: started by StoryWorker (scripts/api/story-worker.ts), which describes what
// it does and the messages it takes and sends.
import { parentPort, workerData } from 'node:worker_threads'
import { mapBounded } from './content.ts'
import type { RenderedImage } from './images.ts'
import { writeIndexes } from './listings.ts'
import { SearchIndexBuilder } from './search-index.ts'
import { shareCards } from './share-card.ts'
import { READ_CONCURRENCY, storyContext, writeStory } from './stories.ts'
import type { FromWorker, StoryWorkerData, ToWorker } from './story-worker.ts'
import { TextStore } from './text-store.ts'
import { Writer, WRITE_CONCURRENCY } from './writer.ts'

type ImageReply = Extract<ToWorker, { type: 'image' }>

const data = workerData as StoryWorkerData
const port = parentPort!
const send = (message: FromWorker) => port.postMessage(message)

/** Images are rendered by the main thread, once each: asked for there, remembered here. */
const images = new Map<
  string,
  { promise: Promise<RenderedImage>; settle: (reply: ImageReply) => void }
>()
function image(id: string): Promise<RenderedImage> {
  let request = images.get(id)
  if (!request) {
    let settle!: (reply: ImageReply) => void
    const promise = new Promise<RenderedImage>((resolve, reject) => {
      settle = (reply) => (reply.image ? resolve(reply.image) : reject(new Error(reply.error!)))
    })
    images.set(id, (request = { promise, settle }))
    send({ type: 'image', id })
  }
  return request.promise
}

const ctx = storyContext(data.taxonomy, {
  slugs: new Set(data.slugs),
  image,
  card: shareCards({ outDir: data.outDir, siteName: data.siteName, cacheDir: data.imageCacheDir }),
  validate: data.validate,
  writer: new Writer(data.outDir, WRITE_CONCURRENCY),
  searchIndex: new SearchIndexBuilder(),
  wordpress: data.wordpress,
  report: (message) => send({ type: 'report', message }),
})
/** Every story's summary as JSON text, by id: this thread's and those the main thread sends. */
const summaries = new TextStore(data.slugs.length)

const run = (task: () => Promise<void>) =>
  void task().catch((error: unknown) => send({ type: 'error', message: (error as Error).message }))

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'image':
      images.get(message.id)!.settle(message)
      break
    case 'stories':
      run(async () => {
        const readingMinutes = await mapBounded(
          message.stories,
          READ_CONCURRENCY,
          async ([id, source]): Promise<[number, number]> => {
            const written = await writeStory(ctx, source, id)
            summaries.set(id, written.summary)
            return [id, written.readingMinutes]
          },
        )
        send({ type: 'stories', readingMinutes })
      })
      break
    case 'summaries':
      for (const [id, summary] of message.summaries) summaries.set(id, summary)
      break
    case 'finish':
      run(async () => {
        // The main thread completes these files once every story is written: they must be whole.
        await ctx.writer.flush()
        send({ type: 'finished' })
      })
      break
    case 'indexes':
      run(async () => {
        const { taxonomy, validate } = data
        ctx.searchIndex.merge(message.search)
        await writeIndexes(
          ctx.writer,
          { ...message.job, summaries, taxonomy, validate },
          ctx.searchIndex,
        )
        await ctx.writer.flush()
        send({ type: 'indexes', files: ctx.writer.files, bytes: ctx.writer.bytes })
      })
  }
})
