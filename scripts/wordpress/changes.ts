import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises'
import path from 'node:path'
import type { LoadedSource, Taxonomy } from '../api/content.ts'
import type { Ledger, LedgerStory } from '../api/ledger.ts'
import { mediaInContent, readPost, readRenames } from './mirror.ts'
import { loadWordPress, redirectsOf, type WordPressOptions } from './source.ts'

/**
 * The posts one pull changed, loaded from the WordPress copy as the full build loads them (the same
 * scripts/wordpress/source.ts, over a small copy holding only those posts), with what the whole site's
 * source needs besides (its sections, tags and authors in the build's order, every post's slug for links
 * between posts, the redirects) worked out from the ledger instead of from 100,000 posts.
 */

/** The files whose content decides every page's names and the taxonomy: a change means a full build. */
const TERM_FILES = ['site.json', 'categories.json', 'tags.json', 'users.json'] as const

/** A hash of the copy's site details, terms and authors, kept in the ledger. */
export async function termsHash(dir: string): Promise<string> {
  const hash = createHash('sha1')
  for (const file of TERM_FILES) {
    const text = await readFile(path.join(dir, file), 'utf8').catch(() => '')
    hash
      .update(JSON.stringify(withoutCounts(text ? (JSON.parse(text) as unknown) : null)))
      .update('\0')
  }
  return hash.digest('hex')
}

/**
 * The terms without WordPress's `count` of posts in each: every new post in a category changes it, and no
 * page shows it (the API counts stories itself), so it must not turn a new story into a full build.
 */
function withoutCounts(value: unknown): unknown {
  if (!Array.isArray(value)) return value
  return value.map((term: unknown) => {
    if (term === null || typeof term !== 'object') return term
    return Object.fromEntries(Object.entries(term).filter(([key]) => key !== 'count'))
  })
}

export interface PulledChanges {
  added: readonly number[]
  updated: readonly number[]
  removed: readonly number[]
  mediaIds: readonly number[]
}

export interface ChangedPosts {
  /** The source for scripts/api/update-api.ts: the changed stories, and the whole site's taxonomy. */
  source: LoadedSource
  /** Ledger keys of the stories gone (deleted, unpublished, or now hidden). */
  removed: string[]
  /** Removes the small copy: call once the update is published or given up. */
  dispose: () => Promise<void>
}

/**
 * The pull's changed posts as a source, or why only a full build can take them: changed terms or site
 * details, a site that hides its users (the bylines come from each post), an image changed that a story
 * not in this pull shows.
 */
export async function loadChangedPosts(
  dir: string,
  ledger: Ledger,
  pulled: PulledChanges,
  site: Taxonomy,
  options: WordPressOptions = {},
): Promise<ChangedPosts | { reason: string }> {
  if ((await termsHash(dir)) !== ledger.terms)
    return { reason: "the site's details, categories, tags or authors changed" }
  if ((await readFile(path.join(dir, 'users.json'), 'utf8').catch(() => 'null')).trim() === 'null')
    return { reason: 'WordPress hides its users: bylines come from each post' }

  const changed = [...new Set([...pulled.added, ...pulled.updated])]
  const posts = await Promise.all(changed.map((id) => readPost(dir, id)))
  const ownMedia = new Set(
    posts.flatMap((post) => [post.featured_media, ...mediaInContent(post.content.rendered)]),
  )
  if (pulled.mediaIds.some((id) => !ownMedia.has(id)))
    return { reason: 'an image changed that a story not in this pull shows' }

  // A copy of the mirror holding only the changed posts (links to the rest: nothing is copied).
  const small = await mkdtemp(path.join(path.dirname(dir), 'changes-'))
  const dispose = () => rm(small, { recursive: true, force: true })
  try {
    for (const file of [...TERM_FILES, 'renames.json'])
      await symlink(path.join(dir, file), path.join(small, file)).catch(() => undefined)
    await symlink(path.join(dir, 'media'), path.join(small, 'media'))
    await mkdir(path.join(small, 'posts'))
    for (const id of changed)
      await symlink(path.join(dir, 'posts', `${id}.json`), path.join(small, 'posts', `${id}.json`))
    const loaded = await loadWordPress(small, options)

    const byWpId = new Map<number, LedgerStory>()
    for (const story of ledger.stories) if (story?.wpId != null) byWpId.set(story.wpId, story)
    const fresh = new Map(loaded.articles.map((a) => [Number(path.basename(a.file, '.json')), a]))
    const gone = new Set(pulled.removed)
    // A changed post the build now leaves out (made private, protected, no headline) is withdrawn.
    for (const id of changed) if (!fresh.has(id)) gone.add(id)
    const removed = [...gone].flatMap((id) => (byWpId.has(id) ? [byWpId.get(id)!.key] : []))

    // The taxonomy as the full build finds it: terms in the order posts first use them, posts in the
    // order the copy's folder lists them.
    const used = {
      sections: new Set<string>(),
      tags: new Set<string>(),
      authors: new Set<string>(),
    }
    for (const name of await readdir(path.join(dir, 'posts'))) {
      if (!/^\d+\.json$/.test(name)) continue
      const id = Number(name.slice(0, -5))
      if (gone.has(id)) continue
      const story = fresh.get(id) ?? byWpId.get(id)
      if (!story) continue // left out by the build
      used.sections.add(story.section)
      for (const tag of story.tags) used.tags.add(tag)
      used.authors.add(story.author)
    }
    const entries = <K extends keyof Taxonomy>(kind: K): Taxonomy[K] =>
      [...used[kind]].map((slug) => {
        const found =
          loaded.taxonomy[kind].find((entry) => entry.slug === slug) ??
          site[kind].find((entry) => entry.slug === slug)
        if (!found) throw new Error(`${kind}: ${slug} is neither in the pull nor in the site`)
        return found
      }) as Taxonomy[K]
    const taxonomy: Taxonomy = {
      sections: entries('sections').map(({ slug, name, description }) => ({
        slug,
        name,
        description,
      })),
      tags: entries('tags').map(({ slug, name }) => ({ slug, name })),
      authors: entries('authors').map(({ slug, name, role, bio }) => ({ slug, name, role, bio })),
    }

    const slugs = loaded.bodies.slugs.concat(
      ledger.stories.flatMap((story) =>
        story?.wpId != null && !gone.has(story.wpId) && !fresh.has(story.wpId)
          ? [[story.wpSlug ?? story.slug, story.wpId, story.slug] as [string, number, string]]
          : [],
      ),
    )
    return {
      source: {
        ...loaded,
        taxonomy,
        bodies: { ...loaded.bodies, slugs },
        redirects: redirectsOf(await readRenames(dir), slugs),
      },
      removed,
      dispose,
    }
  } catch (error) {
    await dispose()
    throw error
  }
}
