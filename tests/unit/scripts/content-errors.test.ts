// @vitest-environment node
import { describe, expect, test } from 'vitest'
import { buildApi } from '../../../scripts/api/build-api.ts'
import { articleSource, contentWith, tempDir } from '../../utils/content-dir'

/** Builds content holding these articles (beside a valid one) and returns the build's error message. */
async function buildError(
  articles: Record<string, string>,
  options: Parameters<typeof contentWith>[1] = {},
): Promise<string> {
  const contentDir = await contentWith({ 'good-story.md': articleSource(), ...articles }, options)
  const outDir = await tempDir('out')
  const error: unknown = await buildApi({ contentDir, outDir }).then(
    () => {
      throw new Error('expected the build to fail')
    },
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(Error)
  return (error as Error).message
}

describe('front matter problems name the file and the problem', () => {
  test.each([
    ['a missing title', { title: null }, /^ {2}bad-story\.md: title .*"title"/m],
    ['an empty summary', { summary: '"  "' }, /^ {2}bad-story\.md: summary must not be empty/m],
    [
      'a summary over 300 characters',
      { summary: 'x'.repeat(301) },
      /^ {2}bad-story\.md: summary must be at most 300 characters/m,
    ],
    ['an unknown section', { section: 'sport' }, /^ {2}bad-story\.md: unknown section "sport"$/m],
    ['an unknown author', { author: 'nobody' }, /^ {2}bad-story\.md: unknown author "nobody"$/m],
    ['an unknown tag', { tags: '[alpha, delta]' }, /^ {2}bad-story\.md: unknown tag "delta"$/m],
    [
      'a tag listed twice',
      { tags: '[alpha, alpha]' },
      /^ {2}bad-story\.md: a tag is listed twice$/m,
    ],
    ['no tags', { tags: '[]' }, /^ {2}bad-story\.md: tags /m],
    [
      'a tag that is not a slug',
      { tags: '[Alpha]' },
      /^ {2}bad-story\.md: tags\.0 must be a lowercase slug/m,
    ],
    [
      'an unreadable date',
      { published: 'last tuesday' },
      /^ {2}bad-story\.md: published must be a date-time like 2024-05-01T09:30:00Z$/m,
    ],
    [
      'an update before publication',
      { updated: '2024-01-01T00:00:00Z' },
      /^ {2}bad-story\.md: updated must be later than published$/m,
    ],
    ['an unknown kind', { kind: 'opinion' }, /^ {2}bad-story\.md: kind /m],
  ])('%s', async (_, fields, message) => {
    const error = await buildError({ 'bad-story.md': articleSource(fields) })

    expect(error).toMatch(/^content has problems:/)
    expect(error).toMatch(message)
    expect(error).not.toMatch(/good-story/)
  })

  test('a file name that is not a slug', async () => {
    const error = await buildError({ 'Bad Story.md': articleSource() })
    expect(error).toMatch(/^ {2}Bad Story\.md: file name must be a lowercase slug$/m)
  })

  test('every bad file is reported at once, each on its own line', async () => {
    const error = await buildError({
      'bad-one.md': articleSource({ section: 'sport' }),
      'bad-two.md': articleSource({ author: 'nobody', tags: '[delta]' }),
    })
    expect(error.split('\n')).toEqual([
      'content has problems:',
      '  bad-one.md: unknown section "sport"',
      '  bad-two.md: unknown author "nobody"; unknown tag "delta"',
    ])
  })
})

describe('body problems name the file and the problem', () => {
  test('a link to a missing article fails the build', async () => {
    const error = await buildError({
      'bad-story.md': articleSource({}, 'See [this](/articles/no-such-story).'),
    })
    expect(error).toBe('bad-story.md: link to a missing article /articles/no-such-story')
  })

  test('a link to an existing article is fine', async () => {
    const contentDir = await contentWith({
      'good-story.md': articleSource(),
      'linking.md': articleSource(
        {},
        'See [this](/articles/good-story) and [that](/sections/world).',
      ),
    })
    await expect(buildApi({ contentDir, outDir: await tempDir('out') })).resolves.toMatchObject({
      articles: 2,
    })
  })

  test('a link with an unsafe scheme fails the build', async () => {
    const error = await buildError({
      'bad-story.md': articleSource({}, '[Click](javascript:alert(1))'),
    })
    expect(error).toBe('bad-story.md: unsafe link javascript:alert(1)')
  })

  test('Markdown the API cannot hold names the file', async () => {
    const error = await buildError({ 'bad-story.md': articleSource({}, '# A second headline') })
    expect(error).toBe('bad-story.md: the headline is the only level-1 heading: use ## or ###')
  })

  test('a body image needs alt text and "Caption | Credit"', async () => {
    const error = await buildError({
      'bad-story.md': articleSource({}, "![A sky](sky 'Only a caption')"),
    })
    expect(error).toBe(
      'bad-story.md: body image "sky" needs alt text and a title "Caption | Credit"',
    )
  })

  test('a hero image that does not exist fails the build', async () => {
    const hero = '\n  image: no-such-image\n  alt: Alt\n  caption: Caption\n  credit: Credit'
    const error = await buildError({ 'bad-story.md': articleSource({ hero }) })
    expect(error).toMatch(
      /^bad-story\.md: image "no-such-image" not found: expected .*images\/no-such-image\.svg$/,
    )
  })
})

describe('taxonomy problems', () => {
  test('a section slug that is not a slug fails the build', async () => {
    const error = await buildError(
      {},
      { files: { 'sections.yml': '- { slug: World News, name: World, description: x }\n' } },
    )
    expect(error).toMatch(/^content taxonomy: sections\.0\.slug must be a lowercase slug/)
  })
})
