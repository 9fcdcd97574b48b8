/**
 * Captures the web app manifest's screenshots (scripts/pwa-options.ts names them) from the production
 * build, served by nginx exactly as the browser tests serve it:
 *
 *   npx vite build --outDir /tmp/newsroom-shots && \
 *     NEWSROOM_DIST=/tmp/newsroom-shots npx tsx scripts/capture-screenshots.ts
 *
 * (without NEWSROOM_DIST it uses dist/). Writes public/screenshots/home-narrow.png (540x1080) and
 * home-wide.png (1280x800) as palette PNGs, each well under 150 KB. Run it by hand when the look of
 * the home page changes, and commit the two files. Needs Chromium and nginx, like the browser tests.
 */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { launchBrowser } from './chromium.ts'
import { DIST, ROOT, startServer } from './serve/nginx.ts'

const SHOTS = [
  { file: 'home-narrow.png', width: 540, height: 1080 },
  { file: 'home-wide.png', width: 1280, height: 800 },
]
const MAX_BYTES = 150 * 1024

const server = await startServer(DIST)
const browser = await launchBrowser()
try {
  for (const shot of SHOTS) {
    const context = await browser.newContext({
      viewport: { width: shot.width, height: shot.height },
      deviceScaleFactor: 1,
      colorScheme: 'light',
      reducedMotion: 'reduce',
      // No service worker: no "new version" or offline notice in the picture.
      serviceWorkers: 'block',
    })
    const page = await context.newPage()
    await page.goto(`${server.url}/`)
    await page.locator('main article h2 a').first().waitFor()
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
    // Bring every lazy image in, then back to the top, and wait until those on screen are drawn.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
        window.scrollTo(0, y)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      window.scrollTo(0, 0)
    })
    await page.waitForFunction(() =>
      [...document.images].every((img) => {
        const box = img.getBoundingClientRect()
        const onScreen = box.top < window.innerHeight && box.bottom > 0
        return !onScreen || (img.complete && img.naturalWidth > 0)
      }),
    )
    await page.mouse.move(0, 0)
    const raw = await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide' })
    await context.close()

    // 256-colour palette, dithered: the page is flat colours and text; the illustrations survive it.
    let quality = 90
    let png = await sharp(raw)
      .png({ palette: true, quality, effort: 10, compressionLevel: 9 })
      .toBuffer()
    while (png.length > MAX_BYTES && quality > 40) {
      quality -= 10
      png = await sharp(raw)
        .png({ palette: true, quality, effort: 10, compressionLevel: 9 })
        .toBuffer()
    }
    const { width, height } = await sharp(png).metadata()
    if (width !== shot.width || height !== shot.height) {
      throw new Error(`${shot.file} is ${width}x${height}, not ${shot.width}x${shot.height}`)
    }
    const out = path.join(ROOT, 'public/screenshots', shot.file)
    await writeFile(out, png)
    console.log(
      `${path.relative(ROOT, out)}: ${width}x${height}, ${Math.round(png.length / 1024)} KB (raw ${Math.round(raw.length / 1024)} KB, quality ${quality})`,
    )
  }
} finally {
  await browser.close()
  await server.stop()
}
