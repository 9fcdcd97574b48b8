import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import sharp from 'sharp'
import { renderImage } from '../api/images.ts'
import { runsAlone, wholeNumberFlag } from './flags.ts'
import { median } from './median.ts'
import { timed } from './timing.ts'

/**
 * What a photo costs the API build (issue 11): the time to render one 4000 × 3000 camera JPEG to the app's
 * widths (a cache miss), and to put an unchanged one into a fresh output folder (a cache hit, as a rebuild
 * or a sync does). Medians of a few runs; the photo is made here: smooth colour with fine grain, so the
 * encoders see something like a photo rather than a flat colour.
 *
 *   npx tsx scripts/bench/images.ts [--runs 5]
 */

const WIDTH = 4000
const HEIGHT = 3000

async function cameraPhoto(file: string): Promise<void> {
  const blobs = await sharp({
    create: {
      width: 40,
      height: 30,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .resize(WIDTH, HEIGHT, { kernel: 'cubic' })
    .raw()
    .toBuffer()
  const grain = await sharp({
    create: {
      width: WIDTH,
      height: HEIGHT,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 0, sigma: 8 },
    },
  })
    .raw()
    .toBuffer()
  for (let i = 0; i < blobs.length; i++) blobs[i] = Math.min(255, blobs[i]! + grain[i]!)
  await sharp(blobs, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toFile(file)
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string' } } })
  const runs = wholeNumberFlag('runs', values.runs, 5)
  const dir = await mkdtemp(path.join(tmpdir(), 'newsroom-image-bench-'))
  try {
    const file = path.join(dir, 'camera.jpg')
    await cameraPhoto(file)
    const misses: number[] = []
    const hits: number[] = []
    let bytes = 0
    for (let run = 0; run < runs; run++) {
      const cacheDir = path.join(dir, `cache-${run}`)
      const miss = await timed(() =>
        renderImage({ id: 'photo', file }, path.join(dir, `miss-${run}`), { cacheDir }),
      )
      misses.push(miss.ms)
      if (miss.value.cached) throw new Error('a fresh cache answered')
      const hit = await timed(() =>
        renderImage({ id: 'photo', file }, path.join(dir, `hit-${run}`), { cacheDir }),
      )
      hits.push(hit.ms)
      const again = hit.value
      if (!again.cached) throw new Error('the cache did not answer')
      bytes = 0
      for (const { src } of again.srcset)
        bytes += (await stat(path.join(dir, `hit-${run}`, src))).size
    }
    const source = (await stat(file)).size
    const report = [
      `photo: ${WIDTH} × ${HEIGHT} JPEG, ${(source / 1024).toFixed(0)} KiB, EXIF orientation 6`,
      `render (cache miss) to 640/800/1280 WebP: median ${median(misses).toFixed(0)} ms ` +
        `(runs: ${misses.map((ms) => ms.toFixed(0)).join(', ')})`,
      `cache hit into a fresh folder: median ${median(hits).toFixed(1)} ms ` +
        `(runs: ${hits.map((ms) => ms.toFixed(1)).join(', ')})`,
      `renditions: ${(bytes / 1024).toFixed(0)} KiB together`,
    ]
    console.log(report.join('\n'))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (runsAlone(import.meta)) await main()
