// @vitest-environment node
// Builds whole sites (vite build: API, prerendered pages, service worker) and compares them file by file.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { articleSource, FIXTURE_CONTENT } from '../../utils/content-dir'
import { filesUnder } from '../../utils/file-tree'
import { buildProduction } from '../../../scripts/bench/production-build.ts'

/**
 * A page changes only when what it shows changes, and a build depends on nothing but its content
 * (docs/decisions/021-stable-pages.md). One new story must change its own files, the listings it joins,
 * the stories that now name it as related, and the search index, and nothing else: a value of the build
 * (its time, a temp folder, a count every page embeds) would change every page on every sync.
 */

/**
 * The new story: the newest, in Science by Bo Editor, tagged Gamma. Of the fixture's stories, the second
 * (Science) and the third (Gamma) are related to it; the first (World, Ada Writer, Alpha and Beta) shares
 * nothing with it, nor do the World, Empty, Alpha, Beta and Ada Writer listings.
 */
const NEW_STORY = articleSource(
  {
    title: 'Solar sails',
    summary: 'Sails set.',
    section: 'science',
    author: 'bo-editor',
    tags: '[gamma]',
    published: '2025-04-01T08:00:00Z',
  },
  'Sails sold.',
)

/** Every file one new story changes or adds, and why. */
const CHANGED_BY_ONE_STORY = [
  // The story itself.
  'api/articles/fourth-story.json',
  'articles/fourth-story/index.html',
  // The listings it joins: their first page (API head and prerendered page) and their id index.
  'api/lists/latest/1.json',
  // (four stories, pages of two: the latest listing's oldest page is sealed in a chunk of its own)
  'api/lists/latest/chunks/0.json',
  'index.html',
  'api/lists/sections/science/1.json',
  'api/ids/sections/science.json',
  'sections/science/index.html',
  'api/lists/tags/gamma/1.json',
  'api/ids/tags/gamma.json',
  'tags/gamma/index.html',
  'api/lists/authors/bo-editor/1.json',
  'api/ids/authors/bo-editor.json',
  'authors/bo-editor/index.html',
  // The stories that now list it under "Related stories" (the second shares its section, the third its tag).
  'api/articles/second-story.json',
  'articles/second-story/index.html',
  'api/articles/third-story.json',
  'articles/third-story/index.html',
  // The counts and the time of the latest change, which no page embeds.
  'api/site.json',
  // The front page's section rows (home, above, shows them): Science's newest stories.
  'api/front.json',
  // The search index: its manifest, the documents' chunk, and the shards of the words it adds (solar,
  // sails, set, sold; its section, tag and author: science, gamma, bo editor).
  'api/search/manifest.json',
  'api/search/docs/0.json',
  'api/search/terms/so.json',
  'api/search/terms/sa.json',
  'api/search/terms/se.json',
  'api/search/terms/ga.json',
  'api/search/terms/bo.json',
  'api/search/terms/ed.json',
  // Its share card (it has no photo), named by what it shows (docs/decisions/026-link-previews.md).
  'api/images/card-<key>.png',
  // The feeds of the listings it joins (docs/decisions/025-feeds-out.md).
  'feed.xml',
  'feed.atom',
  'feed.json',
  'sections/science/feed.xml',
  'sections/science/feed.atom',
  'sections/science/feed.json',
  'tags/gamma/feed.xml',
  'tags/gamma/feed.atom',
  'tags/gamma/feed.json',
  'authors/bo-editor/feed.xml',
  'authors/bo-editor/feed.atom',
  'authors/bo-editor/feed.json',
  // The sitemaps that list it: its month's, the listings' (their lastmod), the index, the news sitemap
  // (docs/decisions/024-sitemaps.md).
  'sitemaps/stories-2025-04.xml',
  'sitemaps/listings.xml',
  'sitemap.xml',
  'news-sitemap.xml',
].sort()

let work: string
let builds: { first: string; again: string; plusOne: string }

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'newsroom-stable-pages-'))
  const content = path.join(work, 'content')
  const plusOne = path.join(work, 'content-plus-one')
  await cp(FIXTURE_CONTENT, content, { recursive: true })
  await cp(FIXTURE_CONTENT, plusOne, { recursive: true })
  await writeFile(path.join(plusOne, 'articles/fourth-story.md'), NEW_STORY)
  builds = {
    first: path.join(work, 'first'),
    again: path.join(work, 'again'),
    plusOne: path.join(work, 'plus-one'),
  }
  // The same content twice, at the same time (each build has its own temp folders), then one more story.
  // As `npm run build` makes it: every story prerendered, whatever the developer's shell caps it at.
  const build = (contentDir: string, outDir: string) =>
    buildProduction(outDir, {
      env: { NEWSROOM_CONTENT_DIR: contentDir, NEWSROOM_PRERENDER_LIMIT: '' },
    })
  await Promise.all([build(content, builds.first), build(content, builds.again)])
  await build(plusOne, builds.plusOne)
}, 240_000)

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

describe('builds of a newsroom', () => {
  test('two builds of the same content are the same, file for file', async () => {
    const { changed, added, removed } = await compare(builds.first, builds.again)
    expect({ changed, added, removed }).toEqual({ changed: [], added: [], removed: [] })
  })

  test('one new story changes exactly its own files, the listings it joins and its related stories', async () => {
    const { changed, added, removed } = await compare(builds.first, builds.plusOne)
    expect(removed).toEqual([])
    const named = (file: string) => file.replace(/\/card-[0-9a-f]+\.png$/, '/card-<key>.png')
    expect([...changed, ...added].map(named).sort()).toEqual(CHANGED_BY_ONE_STORY)
  })

  test('a page that does not show the new story is the same file', async () => {
    const { changed } = await compare(builds.first, builds.plusOne)
    const pages = (await filesUnder(builds.first)).filter((file) => file.endsWith('.html'))
    const untouched = pages.filter((page) => !changed.includes(page))
    // The shell, and the pages of the first story and of the listings the new story is not in.
    expect(untouched.sort()).toEqual([
      'articles/first-story/index.html',
      'authors/ada-writer/index.html',
      'sections/empty/index.html',
      'sections/world/index.html',
      'shell.html',
      'tags/alpha/index.html',
      'tags/beta/index.html',
    ])
  })
})

/** The files that differ between two builds, those only the second has, and those only the first has. */
async function compare(before: string, after: string) {
  const [old, next] = await Promise.all([filesUnder(before), filesUnder(after)])
  const had = new Set(old)
  const changed: string[] = []
  for (const file of next.filter((f) => had.has(f))) {
    const [a, b] = await Promise.all([
      readFile(path.join(before, file)),
      readFile(path.join(after, file)),
    ])
    if (!a.equals(b)) changed.push(file)
  }
  const has = new Set(next)
  return {
    changed,
    added: next.filter((file) => !had.has(file)),
    removed: old.filter((file) => !has.has(file)),
  }
}
