import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { copyFile, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'

/**
 * Widths every image is rendered at. A browser takes the narrowest at least as wide as the image's CSS
 * width times the screen's density: 640 serves a phone at 1× and a card (14rem) at 2×; 800 a phone up to
 * 800 device px (360 px at 2×; Lighthouse's emulated Moto G Power, 412 px at 1.75×, needs 721) and a story's
 * photo (42rem) on a desktop at 1×; 1280 the rest. Without 800 those took the 1280 w file, about twice the
 * bytes.
 */
export const IMAGE_WIDTHS = [640, 800, 1280] as const

/** WebP quality of every rendition. */
const QUALITY = 78

/**
 * Part of every cache key: bump it whenever the renditions would come out different for the same source
 * (a new resize kernel, colour handling, encoder options), so old cache entries are not reused.
 */
export const RENDER_VERSION = 5

/**
 * Crops made of every image beside its widths, for link previews and search engines: Google's article
 * guidelines ask for 1:1 and 4:3 pictures besides 16:9 (docs/decisions/026-link-previews.md). Each is cut
 * from the largest rendition, at most `max` px wide; sharp's attention strategy keeps the busiest part.
 */
export const IMAGE_CROPS = [
  { name: '1x1', ratio: [1, 1], max: 1200 },
  { name: '4x3', ratio: [4, 3], max: 1280 },
] as const

/** Where renditions are cached between builds unless told otherwise; `.cache` is git-ignored. */
export const DEFAULT_IMAGE_CACHE = path.resolve(import.meta.dirname, '../../.cache/images')

/** Content image files, looked for in this order; SVG last, so the "not found" message ends with it. */
const CONTENT_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'svg'] as const

/** The formats sharp must find in a source, whatever its file name says. */
const FORMATS: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'svg'])

/** An id names files in the API's images/ folder: no separators, no leading dot. */
const ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/

/** An image to render: `id` names its files in the API (images/<id>-<width>.webp); `file` is the source. */
export interface ImageFile {
  id: string
  file: string
}

export interface RenderedImage {
  width: number
  height: number
  /** Paths relative to the API's base URL, narrowest first. */
  srcset: { src: string; width: number }[]
  /** The IMAGE_CROPS, in that order: paths relative to the API's base URL, with their sizes. */
  crops: { src: string; width: number; height: number }[]
}

/** What renderImage did: the image, and whether its renditions came from the cache. */
export interface RenderOutcome extends RenderedImage {
  cached: boolean
}

/** A complete cache entry's manifest: the largest rendition's size, and every width rendered. */
interface CacheEntry {
  width: number
  height: number
  widths: number[]
  crops: { name: string; width: number; height: number }[]
}

const ENTRY_MANIFEST = 'entry.json'

/**
 * Finds a story image's source file in content/images, whatever its format, so authors may drop in a photo
 * (JPEG, PNG, WebP) or a drawing (SVG) under the same id. Exactly one must exist: two files for one id
 * would make the build's choice depend on a rule nobody remembers.
 */
export function findContentImage(contentDir: string, id: string): string {
  const candidates = CONTENT_EXTENSIONS.map((ext) =>
    path.join(contentDir, 'images', `${id}.${ext}`),
  )
  const found = candidates.filter((file) => existsSync(file))
  const shown = (files: string[]) => files.map((file) => path.relative(process.cwd(), file))
  if (found.length === 0)
    throw new Error(`image "${id}" not found: expected one of ${shown(candidates).join(', ')}`)
  if (found.length > 1)
    throw new Error(`image "${id}" has more than one file: ${shown(found).join(', ')}; keep one`)
  return found[0]!
}

/**
 * Renders an image (JPEG, PNG, WebP or SVG) to WebP at each of IMAGE_WIDTHS that it is at least as wide as
 * (a narrower photo gets one rendition at its own width: upscaling only adds bytes), and its IMAGE_CROPS
 * cut from the largest rendition (images/<id>-1x1.webp, images/<id>-4x3.webp), upright, in sRGB and
 * with no metadata (a reporter's photo may carry GPS). Renditions are rendered once into a cache keyed by
 * the source's path, size and modification time, and from there linked or copied into
 * <outDir>/images/<id>-<width>.webp, so a rebuild, or a sync into a fresh folder, renders nothing that has
 * not changed.
 */
export async function renderImage(
  source: ImageFile,
  outDir: string,
  options: { cacheDir?: string } = {},
): Promise<RenderOutcome> {
  if (!ID.test(source.id)) throw new Error(`image id "${source.id}" cannot name a file`)
  const file = path.resolve(source.file)
  const cacheDir = path.resolve(options.cacheDir ?? DEFAULT_IMAGE_CACHE)
  const entryDir = path.join(cacheDir, await cacheKey(source.id, file))

  let entry = await readEntry(entryDir)
  const cached = entry !== null
  entry ??= await renderEntry(file, cacheDir, entryDir)

  await mkdir(path.join(outDir, 'images'), { recursive: true })
  const srcset = await Promise.all(
    entry.widths.map(async (width) => {
      const src = `images/${source.id}-${width}.webp`
      await publish(path.join(entryDir, `${width}.webp`), path.join(outDir, src))
      return { src, width }
    }),
  )
  const crops = await Promise.all(
    entry.crops.map(async ({ name, width, height }) => {
      const src = `images/${source.id}-${name}.webp`
      await publish(path.join(entryDir, `${name}.webp`), path.join(outDir, src))
      return { src, width, height }
    }),
  )
  return { width: entry.width, height: entry.height, srcset, crops, cached }
}

/**
 * A source's cache key: its content identity and modification (absolute path, size, modification time to
 * the nanosecond) and everything that shapes the renditions. A changed or touched file gets a new key.
 */
async function cacheKey(id: string, file: string): Promise<string> {
  const info = await stat(file, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`image "${id}": cannot read ${file} (${error.code ?? error.message})`)
  })
  if (!info.isFile()) throw new Error(`image "${id}": ${file} is not a file`)
  const identity = [
    RENDER_VERSION,
    file,
    info.size,
    info.mtimeNs,
    IMAGE_WIDTHS,
    IMAGE_CROPS,
    QUALITY,
  ]
  return createHash('sha256')
    .update(
      JSON.stringify(identity, (_, value: unknown) =>
        typeof value === 'bigint' ? `${value}` : value,
      ),
    )
    .digest('hex')
    .slice(0, 32)
}

/** A complete cache entry, or null. Entries appear whole (see renderEntry): anything less is a miss. */
async function readEntry(entryDir: string): Promise<CacheEntry | null> {
  try {
    const entry = JSON.parse(
      await readFile(path.join(entryDir, ENTRY_MANIFEST), 'utf8'),
    ) as CacheEntry
    await Promise.all([
      ...entry.widths.map((width) => stat(path.join(entryDir, `${width}.webp`))),
      ...entry.crops.map(({ name }) => stat(path.join(entryDir, `${name}.webp`))),
    ])
    return entry
  } catch {
    return null
  }
}

/**
 * Renders a source into a new cache entry. The renditions are written into a temporary folder that is
 * renamed into place only when complete, so an interrupted build leaves only a temporary folder (never
 * read), and two builds rendering the same photo at once both end with one whole entry.
 */
async function renderEntry(file: string, cacheDir: string, entryDir: string): Promise<CacheEntry> {
  const { entry, renditions, crops } = await render(file)
  const temp = `${path.join(cacheDir, `.tmp-${path.basename(entryDir)}`)}-${process.pid}-${randomBytes(4).toString('hex')}`
  await mkdir(temp, { recursive: true })
  try {
    await Promise.all([
      ...renditions.map(({ width, data }) => writeFile(path.join(temp, `${width}.webp`), data)),
      ...crops.map(({ name, data }) => writeFile(path.join(temp, `${name}.webp`), data)),
    ])
    await writeFile(path.join(temp, ENTRY_MANIFEST), JSON.stringify(entry))
    try {
      await rename(temp, entryDir)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
      // Another build finished the same entry first: use it. Or a broken entry is in the way: replace it.
      const theirs = await readEntry(entryDir)
      if (theirs) return theirs
      await rm(entryDir, { recursive: true, force: true })
      await rename(temp, entryDir)
    }
    return entry
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
}

/** Decodes a source and encodes its renditions, checking that it is an image of a format we take. */
async function render(file: string): Promise<{
  entry: CacheEntry
  renditions: { width: number; data: Buffer }[]
  crops: { name: string; data: Buffer }[]
}> {
  const input = await readFile(file)
  const meta = await sharp(input)
    .metadata()
    .catch((error: Error) => {
      throw new Error(`image ${file} is not a readable image (${error.message})`)
    })
  if (!meta.format || !FORMATS.has(meta.format))
    throw new Error(
      `image ${file} is ${meta.format ?? 'of no known format'}: expected JPEG, PNG, WebP or SVG`,
    )
  if (!meta.width || !meta.height) throw new Error(`image ${file} has no width and height`)
  const vector = meta.format === 'svg'
  // EXIF orientations 5–8 turn the picture a quarter: its upright width is the stored height.
  const quarterTurn = !vector && (meta.orientation ?? 1) >= 5
  const width = quarterTurn ? meta.height : meta.width
  const height = quarterTurn ? meta.width : meta.height

  // A vector is rasterised at the density that gives the target width, so edges stay sharp.
  const densityFor = (target: number) => Math.max(72, Math.ceil((72 * target) / width))
  const widths: number[] = IMAGE_WIDTHS.filter((w) => w <= width)
  if (widths.length === 0) widths.push(width)
  // The largest rendition is decoded once, to raw pixels: its file and the crops (IMAGE_CROPS) are both
  // cut from them, so the crops cost two small encodes, not another decode of the source each.
  const largest = widths.at(-1)!
  const upright = await sharp(input, vector ? { density: densityFor(largest) } : {})
    .rotate()
    .resize({ width: largest })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch((error: Error) => {
      throw new Error(`image ${file} could not be rendered (${error.message})`)
    })
  const { width: w, height: h, channels } = upright.info
  const pixels = () => sharp(upright.data, { raw: { width: w, height: h, channels } })
  const renditions = await Promise.all(
    widths.map(async (target) => {
      const data = await (
        target === largest
          ? pixels()
          : sharp(input, vector ? { density: densityFor(target) } : {})
              .rotate()
              .resize({ width: target })
              .toColourspace('srgb')
      )
        .webp({ quality: QUALITY })
        .toBuffer()
        .catch((error: Error) => {
          throw new Error(`image ${file} could not be rendered (${error.message})`)
        })
      return { width: target, data }
    }),
  )
  const crops = await Promise.all(
    IMAGE_CROPS.map(async ({ name, ratio: [across, down], max }) => {
      // The widest crop of that shape the rendition holds, no wider than `max`.
      const cropWidth = Math.min(max, w, Math.floor((h * across) / down))
      const cropHeight = Math.min(h, Math.round((cropWidth * down) / across))
      const data = await pixels()
        .resize({
          width: cropWidth,
          height: cropHeight,
          fit: 'cover',
          position: sharp.strategy.attention,
        })
        // Only crawlers fetch crops: WebP's fastest effort, a quarter of the default's time for files
        // about a third larger (decision 026).
        .webp({ quality: QUALITY, effort: 1 })
        .toBuffer()
      return { name, width: cropWidth, height: cropHeight, data }
    }),
  )
  return {
    entry: {
      width: largest,
      height: Math.round((largest * height) / width),
      widths,
      crops: crops.map(({ name, width, height }) => ({ name, width, height })),
    },
    renditions,
    crops: crops.map(({ name, data }) => ({ name, data })),
  }
}

/**
 * Puts a cached rendition at `target`: a hard link when the cache and the output share a file system (no
 * bytes copied), else a copy; either way under a temporary name renamed over the target, so a reader of
 * the output never sees half a file. A target that already is the cached file is left alone.
 */
async function publish(cached: string, target: string): Promise<void> {
  const [from, to] = await Promise.all([stat(cached), stat(target).catch(() => null)])
  if (to && to.ino === from.ino && to.dev === from.dev) return
  const temp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  try {
    await link(cached, temp).catch(() => copyFile(cached, temp))
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
