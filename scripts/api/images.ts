import { mkdir, readFile, stat } from 'node:fs/promises'
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

export interface RenderedImage {
  width: number
  height: number
  /** Paths relative to the API's base URL, narrowest first. */
  srcset: { src: string; width: number }[]
}

/**
 * Renders content/images/<id>.svg to WebP at each of IMAGE_WIDTHS (never wider than the source),
 * into <outDir>/images. A rendition newer than its source is kept, so dev rebuilds stay quick.
 */
export async function renderImage(
  contentDir: string,
  outDir: string,
  id: string,
): Promise<RenderedImage> {
  const source = path.join(contentDir, 'images', `${id}.svg`)
  let svg: Buffer
  try {
    svg = await readFile(source)
  } catch {
    throw new Error(`image "${id}" not found: expected ${path.relative(process.cwd(), source)}`)
  }
  const meta = await sharp(svg).metadata()
  if (!meta.width || !meta.height) throw new Error(`image "${id}" has no width and height`)
  const widths: number[] = IMAGE_WIDTHS.filter((w) => w <= meta.width!)
  if (widths.length === 0) widths.push(meta.width)
  const sourceTime = (await stat(source)).mtimeMs
  await mkdir(path.join(outDir, 'images'), { recursive: true })
  const srcset = await Promise.all(
    widths.map(async (width) => {
      const src = `images/${id}-${width}.webp`
      const target = path.join(outDir, src)
      const existing = await stat(target).catch(() => null)
      if (!existing || existing.mtimeMs < sourceTime) {
        // Render the vector at the density that gives the target width, so edges stay sharp.
        const density = Math.max(72, Math.ceil((72 * width) / meta.width!))
        await sharp(svg, { density }).resize({ width }).webp({ quality: 78 }).toFile(target)
      }
      return { src, width }
    }),
  )
  const largest = widths.at(-1)!
  return { width: largest, height: Math.round((largest * meta.height) / meta.width), srcset }
}
