// @vitest-environment node
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ArticleSchema } from '@/features/articles/api/schemas'
import { SiteSchema } from '@/features/site/api/schemas'
import { pull } from '../../../scripts/wordpress/mirror.ts'
import { createClient } from '../../../scripts/wordpress/rest.ts'
import { loadWordPress } from '../../../scripts/wordpress/source.ts'
import { jpegBody } from '../../utils/photos'
import { buildFromMirror } from '../../utils/wordpress-build'

/**
 * The WordPress source on answers recorded from a real WordPress (tests/fixtures/wordpress, made by
 * tests/e2e/wordpress-harness.e2e.ts): the build and then the sync's pull after the newsroom's edits, with
 * no WordPress running.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/wordpress')
const SITE = 'http://wordpress.test'
type Json = Record<string, unknown> & { id: number }

const fixture = async (name: string) =>
  JSON.parse(await readFile(path.join(FIXTURES, name), 'utf8')) as Json[]

let dir: string
/** The photo every media file of this WordPress serves. */
const photo = await jpegBody(1600, 1000)
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'newsroom-wp-recorded-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** Serves the recorded answers as WordPress would, for the requests the source makes. */
async function recordedWordPress(postsFile: string) {
  const [site, posts, categories, tags, users, media] = await Promise.all([
    readFile(path.join(FIXTURES, 'site.json'), 'utf8').then((t) => JSON.parse(t) as unknown),
    fixture(postsFile),
    fixture('categories.json'),
    fixture('tags.json'),
    fixture('users.json'),
    fixture('media.json'),
  ])
  // The edits gave post 4 a new featured photo (22), recorded in the listing's embedded copy.
  for (const post of posts) {
    const embedded = (post._embedded as Record<string, Json[]> | undefined)?.['wp:featuredmedia']
    for (const m of embedded ?? []) if (!media.some((held) => held.id === m.id)) media.push(m)
  }
  const json = (body: unknown, total?: number) =>
    new Response(JSON.stringify(body), {
      headers: {
        'content-type': 'application/json',
        ...(total === undefined ? {} : { 'x-wp-total': String(total), 'x-wp-totalpages': '1' }),
      },
    })
  return (async (input: string | URL | Request) => {
    const url = new URL(String(input))
    if (url.pathname.startsWith('/wp-content/uploads/')) return new Response(photo)
    const route = url.pathname.replace(/^\/wp-json\/?/, '')
    const include = url.searchParams.get('include')?.split(',').map(Number)
    const fields = url.searchParams.get('_fields')?.split(',')
    const pick = (item: Json) =>
      fields ? Object.fromEntries(Object.entries(item).filter(([k]) => fields.includes(k))) : item
    const list = (items: Json[]) => {
      const chosen = (include ? items.filter((i) => include.includes(i.id)) : items).map(pick)
      return json(chosen, chosen.length)
    }
    if (route === '') return json(site)
    if (route === 'wp/v2/posts') return list(posts)
    if (route === 'wp/v2/categories') return list(categories)
    if (route === 'wp/v2/tags') return list(tags)
    if (route === 'wp/v2/users') return list(users)
    if (route === 'wp/v2/media') return list(media)
    return new Response('{}', { status: 404 })
  }) as typeof fetch
}

const readApi = async (out: string, file: string): Promise<unknown> =>
  JSON.parse(await readFile(path.join(out, file), 'utf8'))

describe('recorded answers of a real WordPress', () => {
  const mirror = () => path.join(dir, 'mirror')

  test('build: what the public may read, as the newsroom wrote it, and nothing else', async () => {
    await pull(
      createClient({ siteUrl: SITE, fetch: await recordedWordPress('posts.json') }),
      mirror(),
    )
    const out = path.join(dir, 'api-1')
    const { source, reports } = await buildFromMirror(mirror(), {
      outDir: out,
      imageCacheDir: path.join(dir, 'cache'),
    })
    expect(source.skipped).toEqual([expect.stringMatching(/post 11 .*password-protected/)])

    const site = v.parse(SiteSchema, await readApi(out, 'site.json'))
    expect(site.totalArticles).toBe(6)
    const slugs = source.articles.map((a) => a.slug).sort()
    expect(slugs).toEqual([
      'a-classic-post-as-the-old-editor-saved-it',
      'an-administrator-pastes-markup',
      'cafe-zurich-offnet',
      'cranes-return-to-the-old-port',
      'post-10',
      'the-citys-harbour-block-by-block',
    ])

    const cranes = v.parse(
      ArticleSchema,
      await readApi(out, 'articles/cranes-return-to-the-old-port.json'),
    )
    expect(cranes.hero).toMatchObject({
      caption: 'The new cranes at the Old Port of Zürichsee, at dawn',
      credit: 'Photo: Zoë Müller / Newsroom',
    })
    const harbour = v.parse(
      ArticleSchema,
      await readApi(out, 'articles/the-citys-harbour-block-by-block.json'),
    )
    expect(harbour.headline).toBe('The city’s harbour, block by block')
    const kinds = harbour.body.map((b) => b.type)
    expect(kinds).toEqual(expect.arrayContaining(['paragraph', 'heading', 'quote', 'list', 'html']))

    const hostile = JSON.stringify(
      await readApi(out, 'articles/an-administrator-pastes-markup.json'),
    )
    expect(hostile).not.toMatch(/<script|<iframe|onerror|onload|javascript:/i)
    expect(reports.some((r) => r.includes('shortcode removed'))).toBe(true)
  })

  test('sync: the edits reach the copy (renamed, trashed, unpublished, re-categorised, a new photo)', async () => {
    const pulled = await pull(
      createClient({ siteUrl: SITE, fetch: await recordedWordPress('posts-after-edits.json') }),
      mirror(),
    )
    expect(pulled.removed.sort()).toEqual([8, 9])
    expect(pulled.updated.sort()).toEqual([4, 6, 7])
    const source = await loadWordPress(mirror())
    expect(source.articles.map((a) => a.slug).sort()).toEqual([
      'classic-post-renamed',
      'cranes-return-to-the-old-port',
      'post-10',
      'the-citys-harbour-block-by-block',
    ])
    expect(source.redirects).toEqual([
      { from: 'a-classic-post-as-the-old-editor-saved-it', to: 'classic-post-renamed' },
    ])
    const cranes = source.articles.find((a) => a.slug === 'cranes-return-to-the-old-port')!
    expect(cranes.hero?.image).toBe('wp-22')
  })
})
