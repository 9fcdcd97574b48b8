import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, test } from 'vitest'
import {
  CARD_COLOURS,
  CARD_HEIGHT,
  CARD_WIDTH,
  cardKey,
  drawShareCard,
  fitHeadline,
  renderShareCard,
  type CardContent,
} from '../../../scripts/api/share-card'

/** The share card renderer (scripts/api/share-card.ts), checked on the pixels it draws. */

const folders: string[] = []
afterAll(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))))
async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'newsroom-cards-'))
  folders.push(dir)
  return dir
}

const STORY: CardContent = {
  headline: 'Puffins return to the Skerra cliffs in record numbers after a decade of decline',
  section: 'Science',
  siteName: 'Newsroom',
}

/** The card's pixels, RGB. */
async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

const hex = (colour: string) => [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16))

/**
 * How many pixels of a region differ from the plain background colour: the ink of whatever is drawn
 * there. The region is [left, top, right, bottom) in card pixels.
 */
async function ink(png: Buffer, [left, top, right, bottom]: number[]): Promise<number> {
  const { data, width } = await pixels(png)
  const background = hex(CARD_COLOURS.background)
  let count = 0
  for (let y = top!; y < bottom!; y++)
    for (let x = left!; x < right!; x++) {
      const at = (y * width + x) * 3
      if (background.some((c, i) => Math.abs(data[at + i]! - c) > 24)) count++
    }
  return count
}

/** Where the headline goes: below the section's name, above the band with the site's name. */
const HEADLINE_BOX = [0, 120, CARD_WIDTH, CARD_HEIGHT - 120]
const SECTION_BOX = [0, 40, CARD_WIDTH, 110]

describe('drawing a share card', () => {
  test('is a 1200 × 630 PNG', async () => {
    const meta = await sharp(await drawShareCard(STORY)).metadata()
    expect(meta).toMatchObject({ format: 'png', width: CARD_WIDTH, height: CARD_HEIGHT })
  })

  test('is not blank: the headline and the section are drawn on the background', async () => {
    const card = await drawShareCard(STORY)
    const area = (HEADLINE_BOX[2]! - HEADLINE_BOX[0]!) * (HEADLINE_BOX[3]! - HEADLINE_BOX[1]!)
    const headlineInk = await ink(card, HEADLINE_BOX)
    // Three lines of 64 px bold type: a few percent of the box, never all of it.
    expect(headlineInk).toBeGreaterThan(area * 0.04)
    expect(headlineInk).toBeLessThan(area * 0.5)
    expect(await ink(card, SECTION_BOX)).toBeGreaterThan(500)
    // The corner stays the newsroom's colour.
    const { data } = await pixels(card)
    expect([...data.subarray(0, 3)]).toEqual(hex(CARD_COLOURS.background))
  })

  test('the text drawn is the headline: another headline draws other pixels', async () => {
    const [one, other] = await Promise.all([
      pixels(await drawShareCard(STORY)),
      pixels(await drawShareCard({ ...STORY, headline: 'Harbour ferry timetable changes' })),
    ])
    expect(one.data.equals(other.data)).toBe(false)
  })

  test('Greek, Cyrillic and Arabic headlines are drawn with the shipped font', async () => {
    for (const headline of [
      'Η Βουλή ψηφίζει τον νέο νόμο για το κλίμα',
      'Парламент принял закон о климате',
      'عودة طيور البفن إلى منحدرات سكيرا',
    ]) {
      const card = await drawShareCard({
        ...STORY,
        headline,
        dir: /[\u0600-\u06ff]/.test(headline) ? 'rtl' : 'ltr',
      })
      expect(await ink(card, HEADLINE_BOX), headline).toBeGreaterThan(5000)
    }
  })

  test('a right-to-left headline is set from the right', async () => {
    const card = await drawShareCard({ ...STORY, headline: 'عودة طيور', dir: 'rtl' })
    const half = CARD_WIDTH / 2
    expect(await ink(card, [0, 120, half, 500])).toBe(0)
    expect(await ink(card, [half, 120, CARD_WIDTH, 500])).toBeGreaterThan(1000)
  })

  test('markup in a headline is text, not Pango markup', async () => {
    const card = await drawShareCard({
      ...STORY,
      headline: '<b>Bold</b> & <span size="1">tiny</span>',
    })
    expect(await ink(card, HEADLINE_BOX)).toBeGreaterThan(5000)
  })

  test('a very long headline is cut with an ellipsis and never spills into the band', async () => {
    const long = 'Council approves the harbour plan after a long night of debate '.repeat(8)
    expect([...fitHeadline(long)].length).toBeLessThanOrEqual(181)
    expect(fitHeadline(long).endsWith('…')).toBe(true)
    const [short, tall] = await Promise.all([
      drawShareCard(STORY),
      drawShareCard({ ...STORY, headline: long }),
    ])
    const band = [0, CARD_HEIGHT - 120, CARD_WIDTH, CARD_HEIGHT]
    expect(await ink(tall, band)).toBe(await ink(short, band))
  })
})

describe('rendering cards into a build', () => {
  test('a card is drawn once and published under a name that says what it shows', async () => {
    const [outDir, again, cacheDir] = await Promise.all([folder(), folder(), folder()])
    const first = await renderShareCard(STORY, outDir, { cacheDir })
    expect(first).toEqual({
      src: `images/card-${cardKey(STORY)}.png`,
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      cached: false,
    })
    const second = await renderShareCard(STORY, again, { cacheDir })
    expect(second).toEqual({ ...first, cached: true })
    expect(
      (await readFile(path.join(outDir, first.src))).equals(
        await readFile(path.join(again, second.src)),
      ),
    ).toBe(true)
    // Linked from the cache, not copied: no bytes written for an unchanged card.
    expect((await stat(path.join(again, second.src))).nlink).toBeGreaterThan(1)
  })

  test('an edited headline, section or site name is a new card at a new address', async () => {
    const [outDir, cacheDir] = await Promise.all([folder(), folder()])
    const cards = await Promise.all(
      [
        STORY,
        { ...STORY, headline: `${STORY.headline}, officials say` },
        { ...STORY, section: 'World' },
        { ...STORY, siteName: 'The Coast Times' },
      ].map((content) => renderShareCard(content, outDir, { cacheDir })),
    )
    expect(new Set(cards.map((c) => c.src)).size).toBe(4)
    expect(cards.every((c) => !c.cached)).toBe(true)
    expect((await readdir(path.join(outDir, 'images'))).length).toBe(4)
  })
})
