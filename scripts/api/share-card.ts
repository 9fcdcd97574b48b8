import { createHash, randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { copyFile, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { DEFAULT_IMAGE_CACHE } from './images.ts'

/**
 * A story's share card: the picture a chat app or a social network shows beside a link to a story that
 * has no photo (docs/decisions/026-link-previews.md). 1200 × 630, the size Open Graph previews are drawn at,
 * with the headline, the section and the site's name on the newsroom's colours, rendered at build time by
 * sharp (libvips: Pango lays the text out, wraps it and shapes every script it has glyphs for).
 */

export const CARD_WIDTH = 1200
export const CARD_HEIGHT = 630

/**
 * Part of every card's cache key and file name: bump it when cards would look different for the same
 * story (layout, colours, font), so that no old card is reused and every link gets the new picture.
 */
export const CARD_VERSION = 1

/** The app's palette (src/styles.css, Tailwind's sky and stone; the manifest's theme colour is sky-900). */
export const CARD_COLOURS = {
  /** sky-900, the theme colour. */
  background: '#0c4a6e',
  /** sky-950: the band with the site's name. */
  band: '#082f49',
  headline: '#ffffff',
  /** sky-200: the section's name. */
  section: '#bae6fd',
  /** stone-100: the site's name. */
  site: '#f5f5f4',
} as const

const MARGIN = 72
const BAND_HEIGHT = 120
const SECTION_TOP = 64
const HEADLINE_TOP = 136
/** The headline's box: between the section's line and the band, with a margin. */
const HEADLINE_WIDTH = CARD_WIDTH - 2 * MARGIN
const HEADLINE_HEIGHT = CARD_HEIGHT - BAND_HEIGHT - HEADLINE_TOP - 40
/** The headline's size when it fits; a longer one is set smaller until it does. */
const HEADLINE_PX = 64
/** Past this many characters a headline is cut at a word with an ellipsis: a card is not the story. */
const HEADLINE_MAX_CHARS = 180
const SECTION_PX = 30
const SITE_PX = 34
const LOGO_SIZE = 64

/**
 * DejaVu Sans Bold, shipped as an npm package (dejavu-fonts-ttf, a free licence): the same font on every
 * machine, whatever the system has. It covers Latin, Greek, Cyrillic, Arabic, Hebrew, Armenian and
 * Georgian; Pango falls back to the system's fonts for any other script (CJK shows only if one is installed).
 */
const require = createRequire(import.meta.url)
export const CARD_FONT = path.join(
  path.dirname(require.resolve('dejavu-fonts-ttf/package.json')),
  'ttf/DejaVuSans-Bold.ttf',
)

/** The newsroom's logo (the favicon the app icons are made from), drawn in the band. */
const LOGO_FILE = path.resolve(import.meta.dirname, '../../public/favicon.svg')

/** What a card shows: all of it is part of its cache key and file name. */
export interface CardContent {
  headline: string
  section: string
  siteName: string
  /** The story's direction: a right-to-left headline is set from the right. */
  dir?: 'ltr' | 'rtl'
}

export interface RenderedCard {
  /** Path relative to the API's base URL: images/card-<key>.png. */
  src: string
  width: number
  height: number
  cached: boolean
}

/** Text as Pango markup reads it: sharp's text input is markup, so a headline's `<` or `&` must not be. */
export const escapeMarkup = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A headline cut at a word boundary past HEADLINE_MAX_CHARS, with an ellipsis. */
export function fitHeadline(headline: string): string {
  const text = headline.replace(/\s+/g, ' ').trim()
  const chars = [...text]
  if (chars.length <= HEADLINE_MAX_CHARS) return text
  const cut = chars.slice(0, HEADLINE_MAX_CHARS).join('')
  const space = cut.lastIndexOf(' ')
  return `${(space > HEADLINE_MAX_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`
}

/** Raw RGBA pixels: composited without being encoded and decoded again. */
interface Layer {
  data: Buffer
  width: number
  height: number
  channels?: 3
}

const input = (layer: Layer) => ({
  input: layer.data,
  raw: { width: layer.width, height: layer.height, channels: layer.channels ?? (4 as const) },
})

/** A line of text rendered transparent around its glyphs, at `px` pixels, wrapped to `width`. */
async function textLayer(
  text: string,
  options: { px: number; colour: string; width: number },
): Promise<Layer> {
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="${options.colour}">${escapeMarkup(text)}</span>`,
      // Pango's size is in points: at 72 dpi a point is a pixel.
      font: `DejaVu Sans Bold ${options.px}px`,
      fontfile: CARD_FONT,
      width: options.width,
      dpi: 72,
      wrap: 'word-char',
      // Pango sets each paragraph from its own start: the right for Arabic or Hebrew.
      align: 'left',
      rgba: true,
      spacing: Math.round(options.px * 0.25),
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

/** The headline at HEADLINE_PX, or smaller until it fits its box (at most four tries). */
async function headlineLayer(headline: string) {
  let px = HEADLINE_PX
  for (;;) {
    const layer = await textLayer(headline, {
      px,
      colour: CARD_COLOURS.headline,
      width: HEADLINE_WIDTH,
    })
    if (layer.height <= HEADLINE_HEIGHT || px <= 36) return layer
    px = Math.max(36, Math.floor(px * Math.sqrt(HEADLINE_HEIGHT / layer.height) * 0.97))
  }
}

/** The newsroom's logo as a PNG, LOGO_SIZE square. */
const logoPng = async () =>
  sharp(await readFile(LOGO_FILE), { density: 72 * 4 })
    .resize(LOGO_SIZE, LOGO_SIZE)
    .png()
    .toBuffer()

/**
 * What every card of a site has in common, drawn once per site name and thread: the background, the band
 * at the foot, the logo and the site's name, as raw RGB pixels.
 */
const bases = new Map<string, Promise<Layer>>()
function base(siteName: string): Promise<Layer> {
  let drawn = bases.get(siteName)
  if (!drawn) {
    drawn = (async () => {
      const [site, mark] = await Promise.all([
        textLayer(siteName.trim(), {
          px: SITE_PX,
          colour: CARD_COLOURS.site,
          width: HEADLINE_WIDTH - LOGO_SIZE - 24,
        }),
        logoPng(),
      ])
      const bandTop = CARD_HEIGHT - BAND_HEIGHT
      const band = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${BAND_HEIGHT}"><rect width="100%" height="100%" fill="${CARD_COLOURS.band}"/></svg>`,
      )
      const { data, info } = await sharp({
        create: {
          width: CARD_WIDTH,
          height: CARD_HEIGHT,
          channels: 3,
          background: CARD_COLOURS.background,
        },
      })
        .composite([
          { input: band, top: bandTop, left: 0 },
          { input: mark, top: bandTop + (BAND_HEIGHT - LOGO_SIZE) / 2, left: MARGIN },
          {
            ...input(site),
            top: bandTop + Math.round((BAND_HEIGHT - site.height) / 2),
            left: MARGIN + LOGO_SIZE + 24,
          },
        ])
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true })
      return { data, width: info.width, height: info.height, channels: 3 }
    })()
    bases.set(siteName, drawn)
    drawn.catch(() => bases.delete(siteName))
  }
  return drawn
}

/** Section names are few: each is set once per thread. */
const sections = new Map<string, Promise<Layer>>()
function sectionLayer(section: string): Promise<Layer> {
  let layer = sections.get(section)
  if (!layer) {
    layer = textLayer(section.trim(), {
      px: SECTION_PX,
      colour: CARD_COLOURS.section,
      width: HEADLINE_WIDTH,
    })
    sections.set(section, layer)
    layer.catch(() => sections.delete(section))
  }
  return layer
}

/**
 * Draws a card as a PNG, 1200 × 630: the section's name at the top, the headline below it (wrapped at
 * words, set smaller when long, cut with an ellipsis when very long), and a band at the foot with the
 * newsroom's logo and name. A right-to-left story's text is set from the right. PNG because every
 * preview reader takes it and its flat colours keep it small (about 20 KB); a 64-colour palette would
 * halve that but triple the time (docs/decisions/026-link-previews.md).
 */
export async function drawShareCard(content: CardContent): Promise<Buffer> {
  const rtl = content.dir === 'rtl'
  const [background, section, headline] = await Promise.all([
    base(content.siteName),
    sectionLayer(content.section),
    headlineLayer(fitHeadline(content.headline)),
  ])
  const left = (layer: Layer) =>
    rtl ? CARD_WIDTH - MARGIN - Math.min(layer.width, HEADLINE_WIDTH) : MARGIN
  return sharp(background.data, {
    raw: { width: background.width, height: background.height, channels: 3 },
  })
    .composite([
      { ...input(section), top: SECTION_TOP, left: left(section) },
      { ...input(headline), top: HEADLINE_TOP, left: left(headline) },
    ])
    .png({ compressionLevel: 9 })
    .toBuffer()
}

/**
 * A card's key: what it shows and how it is drawn. The card's file is named by it, so a changed headline
 * gets a new address (chat apps cache previews by address) and an unchanged one is never drawn again.
 */
export function cardKey(content: CardContent): string {
  const identity = [
    CARD_VERSION,
    content.headline,
    content.section,
    content.siteName,
    content.dir ?? 'ltr',
  ]
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 20)
}

/**
 * Puts a story's card at <outDir>/images/card-<key>.png, drawing it only when the cache has no card for
 * that key (the cache is shared with the photos' renditions, .cache/images by default): a rebuild or a
 * sync draws only the cards of new and edited stories. Files appear whole (written aside and renamed).
 */
export async function renderShareCard(
  content: CardContent,
  outDir: string,
  options: { cacheDir?: string } = {},
): Promise<RenderedCard> {
  const key = cardKey(content)
  const cacheDir = path.resolve(options.cacheDir ?? DEFAULT_IMAGE_CACHE, 'cards')
  const cached = path.join(cacheDir, `${key}.png`)
  const hit = await stat(cached).then(
    (s) => s.isFile() && s.size > 0,
    () => false,
  )
  if (!hit) {
    await mkdir(cacheDir, { recursive: true })
    await writeWhole(cached, (temp) => drawShareCard(content).then((data) => writeFile(temp, data)))
  }
  const src = `images/card-${key}.png`
  await mkdir(path.join(outDir, 'images'), { recursive: true })
  const target = path.join(outDir, src)
  const [from, to] = await Promise.all([stat(cached), stat(target).catch(() => null)])
  if (!to || to.ino !== from.ino || to.dev !== from.dev)
    await writeWhole(target, (temp) => link(cached, temp).catch(() => copyFile(cached, temp)))
  return { src, width: CARD_WIDTH, height: CARD_HEIGHT, cached: hit }
}

/** Writes a file under a temporary name and renames it into place, so no reader sees half of it. */
async function writeWhole(target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  try {
    await write(temp)
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** What a story's card shows besides the site's name, which is the same for every story of a build. */
export type StoryCard = Omit<CardContent, 'siteName'>

/**
 * The function a build hands each thread that writes stories (StoryContext.card): draws, or takes from
 * the cache, the card of a story without a photo, into `outDir`'s images. Each thread makes its own, so a
 * build's two threads draw cards side by side.
 */
export function shareCards(options: {
  outDir: string
  siteName: string
  cacheDir?: string | undefined
}): (story: StoryCard) => Promise<RenderedCard> {
  return (story) =>
    renderShareCard({ ...story, siteName: options.siteName }, options.outDir, {
      cacheDir: options.cacheDir,
    })
}
