// @vitest-environment node
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ArticleSchema } from '@/features/articles/api/schemas'
import { buildApi } from '../../../scripts/api/build-api.ts'
import {
  findContentImage,
  IMAGE_WIDTHS,
  renderImage,
  type RenderOutcome,
} from '../../../scripts/api/images.ts'
import { articleSource, contentWith, tempDir } from '../../utils/content-dir'
import { cameraJpeg, drawing, isBlue, isRed, picture } from '../../utils/photos'
import { cropsOf, srcsetOf } from '../../utils/renditions'

/** The test photos, made once in a folder of their own; see tests/utils/photos.ts. */
let photos: string
const photo = (name: string) => path.join(photos, name)

beforeAll(async () => {
  photos = await mkdtemp(path.join(tmpdir(), 'newsroom-photos-'))
  const files: Record<string, Buffer | Promise<Buffer>> = {
    'camera.jpg': cameraJpeg(2400, 1600),
    'alpha.png': picture(1000, 500, { alpha: true }).png().toBuffer(),
    'photo.webp': picture(1400, 900).webp().toBuffer(),
    'tiny.jpg': picture(300, 200).jpeg().toBuffer(),
    'drawing.svg': drawing(1600, 900),
    'png-named.jpg': picture(900, 600).png().toBuffer(),
    'tiff-named.png': picture(900, 600).tiff().toBuffer(),
    'garbage.jpg': Buffer.from('this is no photo at all, just a text file with a .jpg name'),
  }
  for (const [name, data] of Object.entries(files)) await writeFile(photo(name), await data)
  // A JPEG cut off after its first few kilobytes, as an interrupted upload leaves it: its header reads.
  const whole = await picture(1600, 1000).jpeg().toBuffer()
  await writeFile(photo('truncated.jpg'), whole.subarray(0, 4096))
})
afterAll(() => rm(photos, { recursive: true, force: true }))

/** A fresh cache and output folder, removed when the test finishes. */
async function folders() {
  return { cacheDir: await tempDir('image-cache'), outDir: await tempDir('image-out') }
}

async function render(name: string, id = 'pic', dirs?: { cacheDir: string; outDir: string }) {
  const { cacheDir, outDir } = dirs ?? (await folders())
  const result = await renderImage({ id, file: photo(name) }, outDir, { cacheDir })
  return { result, cacheDir, outDir }
}

/** Each rendition's metadata, as a reader's browser gets the file. */
function renditions(outDir: string, result: RenderOutcome) {
  return Promise.all(result.srcset.map(({ src }) => sharp(path.join(outDir, src)).metadata()))
}

/** The RGB of one pixel of a rendition. */
async function pixel(file: string, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const at = (y * info.width + x) * info.channels
  return [...data.subarray(at, at + 3)]
}

describe('rendering a photo', () => {
  test('a camera JPEG is turned upright (EXIF orientation 6) and rendered at every width', async () => {
    const { result, outDir } = await render('camera.jpg', 'camera')
    // Stored 2400 × 1600 and turned a quarter: upright it is 1600 wide and 2400 high.
    expect(result).toEqual({
      width: 1280,
      height: (1280 * 2400) / 1600,
      srcset: srcsetOf('camera', IMAGE_WIDTHS),
      // The widest of each shape, within IMAGE_CROPS' 1200 and 1280.
      crops: cropsOf('camera', 1200, [1280, 960]),
      cached: false,
    })
    const metas = await renditions(outDir, result)
    expect(metas.map((m) => [m.format, m.width, m.height])).toEqual(
      IMAGE_WIDTHS.map((w) => ['webp', w, (w * 2400) / 1600]),
    )
    // Turned clockwise: the stored top-left block is now at the top right.
    const small = path.join(outDir, 'images/camera-640.webp')
    expect(isBlue(await pixel(small, 600, 50))).toBe(true)
    expect(isRed(await pixel(small, 40, 50))).toBe(true)
  })

  test('no rendition carries the photo’s metadata: no EXIF (GPS), XMP, IPTC or profile; sRGB', async () => {
    const source = await sharp(photo('camera.jpg')).metadata()
    expect(source).toMatchObject({ orientation: 6, space: 'srgb' })
    expect(source.exif?.toString('latin1')).toContain('Safe house')
    expect(source.icc).toBeDefined()
    expect(source.xmp).toBeDefined()

    const { result, outDir } = await render('camera.jpg')
    for (const meta of await renditions(outDir, result)) {
      expect(meta).toMatchObject({ space: 'srgb' })
      expect(meta.exif).toBeUndefined()
      expect(meta.xmp).toBeUndefined()
      expect(meta.iptc).toBeUndefined()
      expect(meta.icc).toBeUndefined()
      expect(meta.orientation).toBeUndefined()
    }
    for (const { src } of result.srcset) {
      const bytes = await readFile(path.join(outDir, src))
      expect(bytes.includes('A Reporter')).toBe(false)
      expect(bytes.includes('Safe house')).toBe(false)
    }
  })

  test('a PNG keeps its transparency, at the widths it is wide enough for', async () => {
    const { result, outDir } = await render('alpha.png')
    expect(result).toMatchObject({ width: 800, height: 400, srcset: srcsetOf('pic', [640, 800]) })
    for (const meta of await renditions(outDir, result))
      expect(meta).toMatchObject({ format: 'webp', hasAlpha: true })
  })

  test('a WebP is rendered like any photo', async () => {
    const { result, outDir } = await render('photo.webp')
    expect(result).toMatchObject({ width: 1280, height: Math.round((1280 * 900) / 1400) })
    expect((await renditions(outDir, result)).map((m) => m.width)).toEqual([...IMAGE_WIDTHS])
  })

  test('a photo narrower than every width is never upscaled: one rendition at its own width', async () => {
    const { result, outDir } = await render('tiny.jpg', 'tiny')
    expect(result).toEqual({
      width: 300,
      height: 200,
      srcset: srcsetOf('tiny', [300]),
      // Crops are never upscaled either: the widest square and 4:3 the photo holds.
      crops: cropsOf('tiny', 200, [266, 200]),
      cached: false,
    })
    expect((await readdir(path.join(outDir, 'images'))).sort()).toEqual([
      'tiny-1x1.webp',
      'tiny-300.webp',
      'tiny-4x3.webp',
    ])
    for (const crop of result.crops)
      expect(await sharp(path.join(outDir, crop.src)).metadata()).toMatchObject({
        format: 'webp',
        width: crop.width,
        height: crop.height,
      })
    expect(await renditions(outDir, result)).toMatchObject([{ width: 300, height: 200 }])
  })

  test('an SVG drawing is still rasterised sharp at each width', async () => {
    const { result, outDir } = await render('drawing.svg')
    expect(result).toMatchObject({
      width: 1280,
      height: 720,
      srcset: srcsetOf('pic', IMAGE_WIDTHS),
    })
    const metas = await renditions(outDir, result)
    expect(metas.map((m) => [m.width, m.height])).toEqual([
      [640, 360],
      [800, 450],
      [1280, 720],
    ])
  })

  test('the format is read from the file, not its name: a PNG named .jpg renders', async () => {
    const { result } = await render('png-named.jpg')
    expect(result).toMatchObject({ width: 800, height: 533 })
  })

  test('a format we do not take is refused, naming the file and the format', async () => {
    await expect(render('tiff-named.png')).rejects.toThrow(
      `image ${photo('tiff-named.png')} is tiff: expected JPEG, PNG, WebP or SVG`,
    )
  })

  test('a file that is no image is refused, naming the file', async () => {
    await expect(render('garbage.jpg')).rejects.toThrow(
      `image ${photo('garbage.jpg')} is not a readable image`,
    )
  })

  test('a cut-off JPEG is refused, naming the file, and leaves nothing in the cache', async () => {
    const dirs = await folders()
    await expect(render('truncated.jpg', 'pic', dirs)).rejects.toThrow(
      `image ${photo('truncated.jpg')} could not be rendered`,
    )
    expect(await readdir(dirs.cacheDir).catch(() => [])).toEqual([])
  })

  test('a missing source file and an id that cannot name a file are refused', async () => {
    await expect(render('no-such-photo.jpg', 'gone')).rejects.toThrow(
      `image "gone": cannot read ${photo('no-such-photo.jpg')} (ENOENT)`,
    )
    await expect(render('tiny.jpg', '../escape')).rejects.toThrow(
      'image id "../escape" cannot name a file',
    )
  })
})

describe('the rendition cache', () => {
  test('a second render into a new output folder renders nothing and gives the same files', async () => {
    const { result: first, cacheDir, outDir } = await render('camera.jpg')
    const again = await tempDir('image-out-again')
    const second = await renderImage({ id: 'pic', file: photo('camera.jpg') }, again, { cacheDir })
    expect(first.cached).toBe(false)
    expect(second).toEqual({ ...first, cached: true })
    // Cache and outputs share a file system here: each output is a link to its cache entry, not a copy.
    for (const { src } of first.srcset) expect((await stat(path.join(again, src))).nlink).toBe(3)
    for (const { src } of first.srcset)
      expect(
        (await readFile(path.join(again, src))).equals(await readFile(path.join(outDir, src))),
      ).toBe(true)
  })

  test('the same photo under two ids is rendered once and published under both names', async () => {
    const dirs = await folders()
    const one = await render('tiny.jpg', 'one', dirs)
    const two = await render('tiny.jpg', 'two', dirs)
    expect([one.result.cached, two.result.cached]).toEqual([false, true])
    expect((await readdir(path.join(dirs.outDir, 'images'))).sort()).toEqual([
      'one-1x1.webp',
      'one-300.webp',
      'one-4x3.webp',
      'two-1x1.webp',
      'two-300.webp',
      'two-4x3.webp',
    ])
  })

  test('touching the source (a new modification time) renders it again', async () => {
    const dirs = await folders()
    await writeFile(path.join(dirs.outDir, 'source.jpg'), await readFile(photo('tiny.jpg')))
    const file = path.join(dirs.outDir, 'source.jpg')
    const options = { cacheDir: dirs.cacheDir }
    expect((await renderImage({ id: 'pic', file }, dirs.outDir, options)).cached).toBe(false)
    expect((await renderImage({ id: 'pic', file }, dirs.outDir, options)).cached).toBe(true)
    const later = new Date((await stat(file)).mtimeMs + 60_000)
    await utimes(file, later, later)
    expect((await renderImage({ id: 'pic', file }, dirs.outDir, options)).cached).toBe(false)
  })

  test('a changed source is rendered again, and its new renditions replace the old ones', async () => {
    const dirs = await folders()
    const file = path.join(dirs.outDir, 'source.jpg')
    // A whole second, which the file system keeps exactly, so the second file's time can be the same.
    const mtime = new Date('2026-01-02T03:04:05Z')
    await writeFile(file, await readFile(photo('tiny.jpg')))
    await utimes(file, mtime, mtime)
    const before = await renderImage({ id: 'pic', file }, dirs.outDir, { cacheDir: dirs.cacheDir })
    // The same name, the same modification time, other content (another size): a wider photo.
    await writeFile(file, await picture(700, 350).jpeg().toBuffer())
    await utimes(file, mtime, mtime)
    expect((await stat(file, { bigint: true })).mtimeNs).toBe(BigInt(mtime.getTime()) * 1_000_000n)
    const after = await renderImage({ id: 'pic', file }, dirs.outDir, { cacheDir: dirs.cacheDir })
    expect(before).toMatchObject({ width: 300, height: 200 })
    expect(after).toEqual({
      width: 640,
      height: 320,
      srcset: srcsetOf('pic', [640]),
      crops: cropsOf('pic', 320, [426, 320]),
      cached: false,
    })
    expect(await sharp(path.join(dirs.outDir, 'images/pic-640.webp')).metadata()).toMatchObject({
      width: 640,
      height: 320,
    })
  })

  test('a rendition already in the output but from an older source is replaced', async () => {
    const dirs = await folders()
    const stale = await picture(640, 100).webp().toBuffer()
    await mkdir(path.join(dirs.outDir, 'images'), { recursive: true })
    await writeFile(path.join(dirs.outDir, 'images/pic-640.webp'), stale)
    const { result } = await render('photo.webp', 'pic', dirs)
    expect(await renditions(dirs.outDir, result)).toMatchObject([
      { width: 640, height: Math.round((640 * 900) / 1400) },
      { width: 800 },
      { width: 1280 },
    ])
  })

  test('an interrupted cache write (a temporary folder, a half entry) is ignored', async () => {
    const dirs = await folders()
    await render('photo.webp', 'pic', dirs)
    const [entry] = await readdir(dirs.cacheDir)
    const half = (await readFile(path.join(dirs.cacheDir, entry!, '640.webp'))).subarray(0, 100)
    // What a build killed while writing would leave: its temporary folder, and (from a writer that did not
    // rename whole folders) an entry with a cut-off rendition and no manifest.
    await rm(path.join(dirs.cacheDir, entry!), { recursive: true })
    for (const dir of [`.tmp-${entry}-4242-dead`, entry!]) {
      await mkdir(path.join(dirs.cacheDir, dir))
      await writeFile(path.join(dirs.cacheDir, dir, '640.webp'), half)
    }
    const outDir = await tempDir('image-out-after')
    const { result } = await render('photo.webp', 'pic', { cacheDir: dirs.cacheDir, outDir })
    expect(result.cached).toBe(false)
    expect((await renditions(outDir, result)).map((m) => m.width)).toEqual([...IMAGE_WIDTHS])
    expect((await render('photo.webp', 'pic', dirs)).result.cached).toBe(true)
  })

  test('two builds rendering the same photo at once both succeed and leave one whole entry', async () => {
    const cacheDir = await tempDir('image-cache')
    const outs = [await tempDir('out-a'), await tempDir('out-b')]
    const results = await Promise.all(
      outs.map((outDir) =>
        renderImage({ id: 'pic', file: photo('camera.jpg') }, outDir, { cacheDir }),
      ),
    )
    expect(results[1]).toMatchObject({ width: results[0]!.width, srcset: results[0]!.srcset })
    expect(await readdir(cacheDir)).toHaveLength(1)
    for (const outDir of outs)
      expect((await renditions(outDir, results[0]!)).map((m) => m.width)).toEqual([...IMAGE_WIDTHS])
  })
})

describe('finding a content image', () => {
  const images = async (names: string[]) => {
    const dir = await tempDir('content-images')
    await mkdir(path.join(dir, 'images'))
    for (const name of names) await writeFile(path.join(dir, 'images', name), '')
    return dir
  }

  test('finds the one file for an id, whatever its extension', async () => {
    for (const name of ['a.jpg', 'a.jpeg', 'a.png', 'a.webp', 'a.svg']) {
      const dir = await images([name, 'b.png'])
      expect(findContentImage(dir, 'a')).toBe(path.join(dir, 'images', name))
    }
  })

  test('none: the error names every file it looked for', async () => {
    const dir = await images(['b.png'])
    const error = () => findContentImage(dir, 'a')
    for (const ext of ['jpg', 'jpeg', 'png', 'webp', 'svg'])
      expect(error).toThrow(path.relative(process.cwd(), path.join(dir, 'images', `a.${ext}`)))
    expect(error).toThrow(/^image "a" not found: expected one of /)
  })

  test('two: the error names both', async () => {
    const dir = await images(['a.jpg', 'a.svg'])
    const shown = (name: string) => path.relative(process.cwd(), path.join(dir, 'images', name))
    expect(() => findContentImage(dir, 'a')).toThrow(
      `image "a" has more than one file: ${shown('a.jpg')}, ${shown('a.svg')}; keep one`,
    )
  })
})

describe('building with a photo', () => {
  test('a JPEG hero is in the article at every width, and the next build takes it from the cache', async () => {
    const hero =
      '\n  image: harbour\n  alt: The harbour\n  caption: Boats at dawn\n  credit: A Reporter'
    const contentDir = await contentWith({ 'harbour.md': articleSource({ hero }) })
    await writeFile(
      path.join(contentDir, 'images/harbour.jpg'),
      await readFile(photo('camera.jpg')),
    )
    const imageCacheDir = await tempDir('build-cache')
    const outDirs = [await tempDir('build-one'), await tempDir('build-two')]

    const first = await buildApi({ contentDir, outDir: outDirs[0]!, imageCacheDir })
    const second = await buildApi({ contentDir, outDir: outDirs[1]!, imageCacheDir })
    expect(first.images).toEqual({ rendered: 1, cached: 0 })
    expect(second.images).toEqual({ rendered: 0, cached: 1 })

    for (const outDir of outDirs) {
      const json: unknown = JSON.parse(
        await readFile(path.join(outDir, 'articles/harbour.json'), 'utf8'),
      )
      const article = v.parse(ArticleSchema, json)
      expect(article.hero).toEqual({
        src: 'images/harbour-1280.webp',
        width: 1280,
        height: (1280 * 2400) / 1600,
        srcset: srcsetOf('harbour', IMAGE_WIDTHS),
        alt: 'The harbour',
        caption: 'Boats at dawn',
        credit: 'A Reporter',
      })
      for (const { src, width } of article.hero!.srcset) {
        const meta = await sharp(path.join(outDir, src)).metadata()
        expect([meta.width, meta.exif]).toEqual([width, undefined])
      }
    }
  })
})
