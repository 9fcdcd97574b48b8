import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import type { Article } from '@/features/articles/api/schemas'
import { buildApi } from '../../../scripts/api/build-api.ts'
import { loadContentFolder } from '../../../scripts/api/content.ts'
import { ledgerFromBuild, storyKey } from '../../../scripts/api/ledger.ts'
import { CARD_HEIGHT, CARD_WIDTH, cardKey } from '../../../scripts/api/share-card.ts'
import { updateApi } from '../../../scripts/api/update-api.ts'
import { articleSource, contentWith, tempDir } from '../../utils/content-dir'

/**
 * The sync (scripts/api/update-api.ts) draws the share card of a new story and of an edited one into its
 * staging folder, where the full build would have drawn it, and the article it writes names that card.
 */
describe('share cards in an incremental update', () => {
  test('a new story and an edited headline get their cards, at the addresses a full build gives', async () => {
    const content = await contentWith({}, { keepArticles: true })
    const base = await loadContentFolder(content)
    const live = await tempDir('cards-live')
    const cacheDir = await tempDir('cards-cache')
    await buildApi({ source: base, outDir: live, imageCacheDir: cacheDir })
    const ledger = await ledgerFromBuild(live, base.articles)
    const before = JSON.parse(
      await readFile(path.join(live, 'articles/second-story.json'), 'utf8'),
    ) as Article
    expect(before.hero).toBeNull()

    // An edited headline on a story without a photo, and a new story without one.
    const second = base.articles.find((a) => a.slug === 'second-story')!
    const text = await readFile(second.file, 'utf8')
    await writeFile(second.file, text.replace(/^title: .*$/m, 'title: The second story, revised'))
    await writeFile(
      path.join(content, 'articles/zz-new.md'),
      articleSource({ title: 'Ferry timetable changes', published: '2031-01-01T08:00:00Z' }),
    )
    const next = await loadContentFolder(content)
    const changed = new Set([storyKey(second), 'zz-new.md'])
    const imagesDir = await tempDir('cards-staging')
    const update = await updateApi({
      ledger,
      apiDir: live,
      source: { ...next, articles: next.articles.filter((a) => changed.has(storyKey(a))) },
      removed: [],
      imagesDir,
      imageCacheDir: cacheDir,
    })
    if (!update.incremental) throw new Error(`fell back: ${update.reason}`)

    const rebuilt = await tempDir('cards-rebuilt')
    await buildApi({ source: next, outDir: rebuilt, imageCacheDir: cacheDir })
    const site = next.site.name
    for (const [slug, headline, section] of [
      ['second-story', 'The second story, revised', 'Science'],
      ['zz-new', 'Ferry timetable changes', 'World'],
    ] as const) {
      const synced = JSON.parse(`${update.files.get(`articles/${slug}.json`)}`) as Article
      const full = JSON.parse(
        await readFile(path.join(rebuilt, `articles/${slug}.json`), 'utf8'),
      ) as Article
      const card = `images/card-${cardKey({ headline, section, siteName: site })}.png`
      expect(synced.previews, slug).toEqual([{ src: card, width: CARD_WIDTH, height: CARD_HEIGHT }])
      expect(full.previews, slug).toEqual(synced.previews)
      expect(await sharp(path.join(imagesDir, card)).metadata(), slug).toMatchObject({
        format: 'png',
        width: CARD_WIDTH,
        height: CARD_HEIGHT,
      })
    }
    expect(before.previews![0]!.src).not.toBe(
      (JSON.parse(`${update.files.get('articles/second-story.json')}`) as Article).previews![0]!
        .src,
    )
  })
})
