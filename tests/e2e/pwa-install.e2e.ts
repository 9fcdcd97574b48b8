import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { openProfile, type Profile } from './support/browser'
import { h1, settled } from '../../scripts/app-page'
import { untilControlled } from './support/pwa'
import { busiest, SEED } from './support/site-data'

const baseURL = inject('baseURL')

interface ManifestImage {
  src: string
  sizes?: string
  type?: string
  purpose?: string
  form_factor?: string
  label?: string
}
interface Manifest {
  [field: string]: unknown
  icons: ManifestImage[]
  screenshots: ManifestImage[]
  shortcuts: { name: string; short_name?: string; url: string; icons?: ManifestImage[] }[]
}

async function fetchManifest(): Promise<{ manifest: Manifest; type: string | null }> {
  const response = await fetch(`${baseURL}/manifest.webmanifest`)
  expect(response.status).toBe(200)
  return {
    manifest: (await response.json()) as Manifest,
    type: response.headers.get('content-type'),
  }
}

/** Fetches an image the manifest names, and checks it is what the manifest says it is. */
async function expectImage(image: ManifestImage, where: string) {
  const url = new URL(image.src, `${baseURL}/manifest.webmanifest`)
  const response = await fetch(url)
  expect(response.status, `${where}: ${url.pathname}`).toBe(200)
  expect(response.headers.get('content-type'), `${where}: ${url.pathname}`).toMatch(/^image\/png/)
  const { width, height, format } = await sharp(
    Buffer.from(await response.arrayBuffer()),
  ).metadata()
  expect(format).toBe('png')
  if (image.sizes) expect(`${width}x${height}`, `${where}: ${url.pathname}`).toBe(image.sizes)
}

describe('installing the app', () => {
  let profile: Profile
  beforeEach(async () => {
    profile = await openProfile(baseURL)
  })
  afterEach(async () => {
    expect(await profile.close(), 'console errors and page errors').toEqual([])
  })

  it('Chromium reports no installability errors on home, an article and a listing', async () => {
    const { page } = await profile.open('/')
    await untilControlled(page)
    const cdp = await profile.context.newCDPSession(page)
    const section = busiest('sections')
    const pages = [
      { path: '/', heading: 'Latest stories' },
      { path: `/articles/${SEED.slug}`, heading: SEED.headline },
      { path: `/sections/${section.slug}`, heading: section.name },
    ]
    for (const { path, heading } of pages) {
      await page.goto(path)
      await h1(page).filter({ hasText: heading }).waitFor()
      await settled(page)
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null), path).toBe(
        true,
      )

      const manifest = await cdp.send('Page.getAppManifest')
      expect(new URL(manifest.url).pathname, path).toBe('/manifest.webmanifest')
      expect(manifest.errors, `${path}: manifest errors`).toEqual([])
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
      expect(
        installabilityErrors.map((e) => `${e.errorId} ${JSON.stringify(e.errorArguments)}`),
        `${path}: installability errors`,
      ).toEqual([])
    }
  })

  it('declares a complete manifest, served as application/manifest+json', async () => {
    const { manifest, type } = await fetchManifest()
    expect(type).toMatch(/^application\/manifest\+json/)
    expect(manifest).toMatchObject({
      name: 'Newsroom',
      short_name: expect.stringMatching(/^.{1,12}$/),
      description: expect.stringMatching(/\S{3,}/),
      id: '/',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
    })

    const sizes = (purpose: string) =>
      manifest.icons
        .filter((i) => (i.purpose ?? 'any').split(/\s+/).includes(purpose))
        .map((i) => i.sizes)
    expect(sizes('any')).toEqual(expect.arrayContaining(['192x192', '512x512']))
    expect(sizes('maskable').length).toBeGreaterThan(0)
    for (const icon of manifest.icons) await expectImage(icon, 'icon')

    const shortcuts = new Map(manifest.shortcuts.map((s) => [s.url, s]))
    expect(shortcuts.get('/')?.name).toMatch(/latest/i)
    expect(shortcuts.get('/saved')?.name).toMatch(/saved/i)
    for (const shortcut of manifest.shortcuts) {
      for (const icon of shortcut.icons ?? []) await expectImage(icon, `shortcut ${shortcut.url}`)
    }

    expect(manifest.screenshots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide'])
    for (const shot of manifest.screenshots) {
      expect(shot.label, shot.src).toBeTruthy()
      await expectImage(shot, 'screenshot')
      const bytes = (await (await fetch(new URL(shot.src, baseURL))).arrayBuffer()).byteLength
      expect(bytes, `${shot.src} stays small`).toBeLessThan(150 * 1024)
    }
  })

  it('links the manifest from every kind of page the server sends', async () => {
    for (const path of ['/', '/shell.html', '/page/2', `/articles/${SEED.slug}`]) {
      const html = await (await fetch(`${baseURL}${path}`)).text()
      expect(html, path).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/)
    }
  })
})
