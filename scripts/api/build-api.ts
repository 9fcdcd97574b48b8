import { availableParallelism } from 'node:os'
import { copyFile, mkdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { loadContentFolder, type LoadedSource, type SourceArticle } from './content.ts'
import { renderImage, type RenderedImage } from './images.ts'
import { shareCards } from './share-card.ts'
import { groupStories, writeIndexes, type ListingsJob } from './listings.ts'
import { findRelated } from './related.ts'
import { SearchIndexBuilder } from './search-index.ts'
import { appendRelated, READ_CONCURRENCY, storyContext, writeStory } from './stories.ts'
import { StoryWorker } from './story-worker.ts'
import { TextStore } from './text-store.ts'
import { Writer, WRITE_CONCURRENCY } from './writer.ts'

export interface BuildApiOptions {
  /** The content folder: sections.yml, authors.yml, tags.yml, site.yml, articles/, images/. */
  contentDir?: string
  /** Or a source already loaded: a WordPress copy (scripts/wordpress/source.ts). */
  source?: LoadedSource
  /** Told what the build changed in a story's body on the way (a WordPress shortcode removed). */
  report?: (message: string) => void
  /** Where the API goes; it is emptied first, apart from rendered images. */
  outDir: string
  /**
   * Check files written against the API's schemas: `true` checks every file, `'sample'` checks site.json,
   * the first page of every listing and one article in a hundred (with its summary), `false` none. By
   * default every file up to 5,000 stories, and a sample above, where checking everything would cost more
   * than the rest of the build.
   */
  validate?: boolean | 'sample'
  /** Overrides content/site.yml's page size. */
  pageSize?: number
  /**
   * Convert stories in a worker thread too, on a second core. By default from 2,000 stories, when the
   * machine has a second core. The output is the same either way.
   */
  parallel?: boolean
  /** Where rendered images are cached between builds; by default <repo>/.cache/images. */
  imageCacheDir?: string
}

export interface BuildApiResult {
  articles: number
  files: number
  bytes: number
  /** Images rendered by this build, and images whose renditions came from the cache. */
  images: { rendered: number; cached: number }
}

/** Above this many stories, files are checked against the schemas by sample unless told otherwise. */
const VALIDATE_ALL_UP_TO = 5000
/**
 * From this many stories the build uses a worker thread by default. It takes the worker about a second to
 * start (it loads its modules through tsx): below this, the main thread would have written most stories
 * by then.
 */
const PARALLEL_FROM = 2000

/**
 * Builds the static article-JSON API described in docs/api.md from the content folder.
 *
 * It streams, so its memory does not grow with the bodies of the archive: front matter is read first (to
 * number the stories in publication order), then each story is read, converted and written in turn, keeping
 * only its summary, as JSON text, for the listings; listings, id indexes and site.json come last. Writes go
 * through a bounded queue.
 *
 * Each story's related stories (scripts/api/related.ts) are found from front matter alone; but they carry
 * the others' reading times, known only once their bodies are: each article file is written without its
 * closing brace, and completed with `,"related":[…]}` once every story has been read.
 *
 * With `parallel` (docs/decisions/015-parallel-api-build.md), a worker thread (scripts/api/story-worker.ts)
 * converts and writes stories beside this thread, taking them in batches from the same queue, so the
 * busier thread takes fewer; this thread renders the images. Then the worker, which has been handed every
 * summary and this thread's share of the search index, writes the listings and the index, while this thread
 * completes the article files. The output is the same byte for byte.
 */
export async function buildApi(options: BuildApiOptions): Promise<BuildApiResult> {
  const { outDir } = options
  const source = options.source ?? (await loadContentFolder(options.contentDir!))
  const { site: siteConfig, taxonomy, articles: sources } = source
  const pageSize = options.pageSize ?? siteConfig.pageSize
  const validate = options.validate ?? (sources.length <= VALIDATE_ALL_UP_TO ? true : 'sample')
  const parallel =
    options.parallel ?? (sources.length >= PARALLEL_FROM && availableParallelism() > 1)

  for (const dir of ['articles', 'lists', 'ids', 'search', 'redirects.json'])
    await rm(path.join(outDir, dir), { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })

  const images = new Map<string, Promise<RenderedImage>>()
  const imageCounts = { rendered: 0, cached: 0 }
  const cacheDir = options.imageCacheDir
  const image = (id: string) => {
    if (!images.has(id))
      images.set(
        id,
        (async () => {
          const file = source.imageFile(id)
          const rendered = await renderImage({ id, file }, outDir, { cacheDir })
          imageCounts[rendered.cached ? 'cached' : 'rendered']++
          return rendered
        })(),
      )
    return images.get(id)!
  }

  // Ids follow publication order, oldest first, so adding new stories leaves old ids alone.
  sources.sort(
    (a, b) => a.published.getTime() - b.published.getTime() || a.slug.localeCompare(b.slug),
  )
  const slugs = sources.map((s) => s.slug)
  const writer = new Writer(outDir, WRITE_CONCURRENCY)
  const ctx = storyContext(taxonomy, {
    slugs: new Set(slugs),
    image,
    card: shareCards({ outDir, siteName: siteConfig.name, cacheDir }),
    validate,
    writer,
    searchIndex: new SearchIndexBuilder(),
    wordpress: source.bodies,
    report: options.report,
  })
  /** Each story's reading time, by id, for the related lists of the others. */
  const readingMinutes = new Uint16Array(sources.length)
  const worker = parallel
    ? new StoryWorker(
        {
          outDir,
          validate,
          taxonomy,
          slugs,
          wordpress: source.bodies,
          siteName: siteConfig.name,
          imageCacheDir: cacheDir,
        },
        {
          image,
          readingMinutes: (id, minutes) => (readingMinutes[id] = minutes),
          report: options.report,
        },
      )
    : null
  try {
    const queue = new StoryQueue(sources)
    const workerDone = worker?.convert((max) => queue.takeBatch(max))
    // A problem in the worker stops this thread taking stories; it is thrown below.
    workerDone?.catch(() => queue.stop())
    // Found from front matter alone, while the worker starts.
    const related = findRelated(sources)

    // The summaries of the stories written here: kept for the listings, here or in the worker.
    const summaries = new TextStore(worker ? 0 : sources.length)
    await writeQueuedStories(queue, async (source, id) => {
      const written = await writeStory(ctx, source, id)
      readingMinutes[id] = written.readingMinutes
      if (worker) worker.summary(id, written.summary)
      else summaries.set(id, written.summary)
    })
    await writer.flush()
    await workerDone

    // Every story is written and every reading time known. The listings and the search index (by the
    // worker, which holds the summaries, or here) and the related stories (here) are written at once.
    const job: ListingsJob = {
      count: sources.length,
      groups: groupStories(sources, taxonomy),
      site: { name: siteConfig.name, description: siteConfig.description },
      pageSize,
      newest: newestChange(sources),
      // Ids follow publication order: the newest marked story is the last marked.
      lead: sources.findLastIndex((s) => s.featured),
    }
    const indexed = worker
      ? worker.writeIndexes(job, ctx.searchIndex.part())
      : writeIndexes(writer, { ...job, summaries, taxonomy, validate }, ctx.searchIndex).then(
          () => null,
        )
    indexed.catch(() => undefined) // thrown when awaited below
    await appendRelated(ctx, sources, related, readingMinutes)
    const theirs = (await indexed) ?? { files: 0, bytes: 0 }
    // Only now is every file queued (writeIndexes resolves once its last file is queued, not written):
    // flushing before it could return with writes still in flight.
    await writer.flush()
    await Promise.all(images.values())
    const redirected = await writeRedirects(outDir, source.redirects)
    return {
      articles: sources.length,
      files: writer.files + theirs.files + redirected.files,
      bytes: writer.bytes + theirs.bytes + redirected.bytes,
      images: imageCounts,
    }
  } catch (error) {
    // Nothing may still be writing into outDir when the build fails.
    await Promise.allSettled(images.values())
    await writer.flush().catch(() => undefined)
    throw error
  } finally {
    await worker?.terminate()
  }
}

/**
 * A renamed story's old slug answers with the story itself (its `slug` the new one), so the app, a saved
 * copy or a bookmark reaches it; `redirects.json` lists them for the pages and hosts (docs/api.md).
 */
async function writeRedirects(
  outDir: string,
  redirects: readonly { from: string; to: string }[],
): Promise<{ files: number; bytes: number }> {
  if (redirects.length === 0) return { files: 0, bytes: 0 }
  const map = Object.fromEntries(redirects.map(({ from, to }) => [from, to]))
  const text = JSON.stringify(map)
  await writeFile(path.join(outDir, 'redirects.json'), text)
  let bytes = text.length
  for (const { from, to } of redirects) {
    await copyFile(
      path.join(outDir, `articles/${to}.json`),
      path.join(outDir, `articles/${from}.json`),
    )
    bytes += (await stat(path.join(outDir, `articles/${from}.json`))).size
  }
  return { files: redirects.length + 1, bytes }
}

/** Stories not yet handed out, in id order: the main thread takes them one at a time, the worker in batches. */
class StoryQueue {
  private next = 0
  constructor(private readonly sources: readonly SourceArticle[]) {}

  take(): [number, SourceArticle] | null {
    if (this.next === this.sources.length) return null
    const id = this.next++
    return [id, this.sources[id]!]
  }

  takeBatch(max: number): [number, SourceArticle][] {
    const batch: [number, SourceArticle][] = []
    while (batch.length < max) {
      const story = this.take()
      if (!story) break
      batch.push(story)
    }
    return batch
  }

  /** Hands out nothing more: after a problem, so that no thread starts another story. */
  stop() {
    this.next = this.sources.length
  }
}

/** Writes the stories the queue hands out, READ_CONCURRENCY at a time, until it is empty or one fails. */
async function writeQueuedStories(
  queue: StoryQueue,
  write: (source: SourceArticle, id: number) => Promise<void>,
): Promise<void> {
  const loop = async () => {
    try {
      for (let story = queue.take(); story; story = queue.take()) await write(story[1], story[0])
    } catch (error) {
      queue.stop()
      throw error
    }
  }
  // Settled, not all: a failure returns only once the other loops' stories (their images and share
  // cards among them) are done writing, so a caller may remove the folder at once.
  const results = await Promise.allSettled(Array.from({ length: READ_CONCURRENCY }, loop))
  const failed = results.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
}

/** The latest change to the newsroom: the newest publication or update, in ms. */
function newestChange(sources: readonly SourceArticle[]): number {
  let newest = 0
  for (const s of sources) newest = Math.max(newest, (s.updated ?? s.published).getTime())
  return newest
}
