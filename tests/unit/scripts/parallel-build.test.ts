// @vitest-environment node
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { tokenize } from '@/features/search/lib/tokenize'
import { buildApi } from '../../../scripts/api/build-api.ts'
import { Tokenizer } from '../../../scripts/api/search-index.ts'
import { generateCorpus } from '../../../scripts/bench/corpus.ts'
import { articleSource, contentWith, FIXTURE_CONTENT, tempDir } from '../../utils/content-dir'

/**
 * The API build with a worker thread (docs/decisions/015-parallel-api-build.md): the worker takes the first
 * batches of stories as soon as the build starts, so with a few hundred stories both threads write some.
 */

/** Every file under `dir`, by path, with its bytes. */
async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = new Map<string, Buffer>()
  for (const entry of names.filter((e) => e.isFile())) {
    const full = path.join(entry.parentPath, entry.name)
    files.set(path.relative(dir, full), await readFile(full))
  }
  return files
}

async function buildBothWays(contentDir: string) {
  const [one, two] = [await tempDir('one-thread'), await tempDir('two-threads')]
  // Each build renders its images afresh (its own cache), so the two report the same work.
  const results = [
    await buildApi({
      contentDir,
      outDir: one,
      parallel: false,
      imageCacheDir: await tempDir('c1'),
    }),
    await buildApi({ contentDir, outDir: two, parallel: true, imageCacheDir: await tempDir('c2') }),
  ]
  return { results, one: await filesOf(one), two: await filesOf(two) }
}

describe('building on two threads', () => {
  test('writes the same files, byte for byte, as one thread: the fixture newsroom', async () => {
    const { results, one, two } = await buildBothWays(FIXTURE_CONTENT)
    expect(results[1]).toEqual(results[0])
    expect([...two.keys()].sort()).toEqual([...one.keys()].sort())
    for (const [file, bytes] of one) expect(two.get(file)?.equals(bytes), file).toBe(true)
  })

  test('writes the same files, byte for byte, as one thread: 300 generated stories', async () => {
    const contentDir = await tempDir('corpus')
    await generateCorpus({ count: 300, seed: 3, outDir: contentDir })
    const { results, one, two } = await buildBothWays(contentDir)
    expect(results[1]).toEqual(results[0])
    expect(results[0]).toMatchObject({ articles: 300 })
    expect([...two.keys()].sort()).toEqual([...one.keys()].sort())
    for (const [file, bytes] of one) expect(two.get(file)?.equals(bytes), file).toBe(true)
  }, 30_000)

  test('a problem in a story the worker converts names the file', async () => {
    const contentDir = await contentWith({
      'good-story.md': articleSource(),
      'bad-story.md': articleSource({}, 'See [this](/articles/no-such-story).'),
    })
    await expect(
      buildApi({ contentDir, outDir: await tempDir('out'), parallel: true }),
    ).rejects.toThrow(/^bad-story\.md: link to a missing article \/articles\/no-such-story$/)
  })

  test('a missing image, asked for by the worker, names the file', async () => {
    const hero = '\n  image: no-such-image\n  alt: Alt\n  caption: Caption\n  credit: Credit'
    const contentDir = await contentWith({ 'bad-story.md': articleSource({ hero }) })
    await expect(
      buildApi({ contentDir, outDir: await tempDir('out'), parallel: true }),
    ).rejects.toThrow(
      /^bad-story\.md: image "no-such-image" not found: expected .*no-such-image\.svg$/,
    )
  })
})

describe("the search index's tokenizer", () => {
  test('gives the terms tokenize gives, again and again', () => {
    const tokenizer = new Tokenizer()
    const texts = [
      'Café owners’ COVID-19 plan: Zoë, São Paulo',
      'The vote and the vote: a result of it',
      'Москва и Киев; ÉLÉPHANT and éléphant',
      'Counterintelligence counterintelligence COUNTERINTELLIGENCE 2024 x y',
      'مرحبا بالعالم 東京 ﬁnance ２０２４',
    ]
    for (let round = 0; round < 2; round++)
      for (const text of texts) expect(tokenizer.tokenize(text)).toEqual(tokenize(text))
  })
})
