import path from 'node:path'
import type { SiteIdentity } from '../site-identity.ts'
import type { FeedPull, PullLimits } from './mirror.ts'
import type { FeedsSource } from './source.ts'

/**
 * Building from feeds, configured by environment variables (README "Use with feeds"):
 *
 *   NEWSROOM_FEEDS            RSS, Atom or JSON Feed addresses, separated by commas or spaces; unset,
 *                             the build reads content/ (or WordPress)
 *   NEWSROOM_FEEDS_NAME       the newsroom's name (default: the feed's title for one feed, else "Newsroom")
 *   NEWSROOM_FEEDS_MIRROR     where the copy of the feeds is kept (default .cache/feeds)
 *   NEWSROOM_FEEDS_TIMEOUT    seconds a feed or an image may take to arrive (default 20)
 *   NEWSROOM_FEEDS_OFFLINE=1  build from the copy as it is, fetching nothing (the sync pulls first)
 */
export interface FeedsConfig {
  urls: string[]
  mirrorDir: string
  name: string | null
  timeoutMs: number
  offline: boolean
}

/** The feeds configuration from the environment, or null when NEWSROOM_FEEDS is unset. */
export function feedsConfig(
  env: Record<string, string | undefined>,
  root: string,
): FeedsConfig | null {
  const list = env.NEWSROOM_FEEDS?.trim()
  if (!list) return null
  const urls = [
    ...new Set(
      list
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((url) => {
          let parsed: URL
          try {
            parsed = new URL(url)
          } catch {
            throw new Error(`NEWSROOM_FEEDS: not a web address: ${url}`)
          }
          if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
            throw new Error(`NEWSROOM_FEEDS: must be http(s): ${url}`)
          return parsed.href
        }),
    ),
  ]
  const timeout = Number(env.NEWSROOM_FEEDS_TIMEOUT || 20)
  if (!(timeout > 0)) throw new Error(`NEWSROOM_FEEDS_TIMEOUT must be seconds > 0: ${timeout}`)
  return {
    urls,
    mirrorDir: path.resolve(root, env.NEWSROOM_FEEDS_MIRROR ?? '.cache/feeds'),
    name: env.NEWSROOM_FEEDS_NAME?.trim() || null,
    timeoutMs: timeout * 1000,
    offline: env.NEWSROOM_FEEDS_OFFLINE === '1',
  }
}

const PULLS = Symbol.for('newsroom.feeds-in.pulls')

export interface FeedsBuild {
  source: FeedsSource
  /** Each feed's pull, or null when building offline. */
  pulls: FeedPull[] | null
}

/**
 * Each configuration's pull, once per process. Kept on globalThis, keyed by what the configuration says:
 * the prerenderer loads vite.config.ts again (a new copy of this module), and must build from the same
 * pull rather than fetch every feed a second time mid-build.
 */
const pulls = ((globalThis as { [PULLS]?: Map<string, Promise<FeedsBuild>> })[PULLS] ??= new Map())

/**
 * Brings the copy of every feed up to date (all at once: one slow feed does not hold up the others),
 * then loads the copy as the build's source. Done once per configuration and process: the site's identity
 * (feedsIdentity, read before the app is bundled) and the API build share it. Each feed's problems are
 * logged as one line naming it; only when no feed has a copy to build from does it throw.
 */
export function pullFeeds(
  config: FeedsConfig,
  log: (message: string) => void = () => undefined,
): Promise<FeedsBuild> {
  const key = JSON.stringify(config)
  let pending = pulls.get(key)
  if (!pending) {
    pending = pullAndLoad(config, log)
    pulls.set(key, pending)
  }
  return pending
}

/** Pulls and loads now, whatever this process did before: pullFeeds's work, for tests and tools. */
export async function pullAndLoad(
  config: FeedsConfig,
  log: (message: string) => void,
): Promise<FeedsBuild> {
  // Loaded when used: they bring jsdom and sharp, which other Vite commands never need.
  const [{ pullFeed, DEFAULT_LIMITS, feedDir, readState }, { loadFeeds }] = await Promise.all([
    import('./mirror.ts'),
    import('./source.ts'),
  ])
  const limits: PullLimits = { ...DEFAULT_LIMITS, timeoutMs: config.timeoutMs }
  const pulled = config.offline
    ? null
    : await Promise.all(config.urls.map((url) => pullFeed(config.mirrorDir, url, limits)))
  for (const pull of pulled ?? []) {
    const what =
      pull.outcome === 'unchanged'
        ? 'not changed since the last pull'
        : pull.outcome === 'fetched'
          ? `${pull.added.length} new, ${pull.updated.length} changed`
          : 'could not be pulled; building from the copy, if any'
    log(`feeds: ${pull.url}: ${what}`)
    for (const problem of pull.problems) log(`feeds: ${pull.url}: ${problem}`)
  }
  const titles = await Promise.all(
    config.urls.map(async (url) => (await readState(feedDir(config.mirrorDir, url)))?.title),
  )
  const source = await loadFeeds(config.mirrorDir, config.urls, identityOf(config, titles))
  for (const line of source.report) log(`feeds: ${line}`)
  return { source, pulls: pulled }
}

/**
 * The newsroom's name and the line under every page when it is built from feeds: NEWSROOM_FEEDS_NAME, or
 * the one feed's title, and the feeds it reads. Pulls the feeds (once: the build reuses the pull).
 */
export async function feedsIdentity(config: FeedsConfig): Promise<SiteIdentity> {
  const { source } = await pullFeeds(config, (message) => console.log(message))
  return {
    name: source.site.name,
    description: source.site.description,
    note: `${source.site.name} — ${source.site.description}`,
  }
}

function identityOf(
  config: FeedsConfig,
  titles: (string | undefined)[],
): { name: string; description: string } {
  const named = titles.filter((title): title is string => Boolean(title))
  const name = config.name ?? (config.urls.length === 1 && named[0] ? named[0] : 'Newsroom')
  const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}` : named[0]
  return {
    name,
    description: list ? `stories from ${list}, each linked to its original` : 'stories from feeds',
  }
}
