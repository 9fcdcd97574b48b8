import path from 'node:path'
import { createClient } from './rest.ts'
import type { PullResult } from './mirror.ts'
import type { WordPressSource } from './source.ts'

/**
 * Building from WordPress, configured by environment variables (README "Use with WordPress"):
 *
 *   NEWSROOM_WORDPRESS_URL           the site's root; unset, the build reads content/
 *   NEWSROOM_WORDPRESS_CREDIT_FIELD  where a photo's credit is, as a dot path in the media object
 *                                    (default: the IPTC credit, media_details.image_meta.credit)
 *   NEWSROOM_WORDPRESS_PER_PAGE      posts per request, 1–100 (default 100)
 *   NEWSROOM_WORDPRESS_CONCURRENCY   requests at once (default 4)
 *   NEWSROOM_WORDPRESS_MIRROR        where the copy of the site is kept (default .cache/wordpress/<host>)
 *   NEWSROOM_WORDPRESS_FULL_EVERY    minutes a quick pull (only what changed) may stand in for the list of
 *                                    every post (default 60; docs/decisions/023-quick-pull.md)
 *   NEWSROOM_WORDPRESS_OFFLINE=1     build from that copy as it is, asking WordPress nothing (the sync
 *                                    pulls first, then builds this way)
 */
export interface WordPressConfig {
  url: string
  mirrorDir: string
  creditField?: string
  perPage?: number
  concurrency?: number
  fullEveryMinutes?: number
  /** Build from the copy as it is, without asking WordPress for changes. */
  offline?: boolean
}

export function wordpressConfig(
  env: Record<string, string | undefined>,
  root: string,
): WordPressConfig | null {
  const url = env.NEWSROOM_WORDPRESS_URL?.trim()
  if (!url) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error(`NEWSROOM_WORDPRESS_URL is not a web address: ${url}`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`NEWSROOM_WORDPRESS_URL must be http(s): ${url}`)
  const number = (name: string) => {
    const value = env[name]
    if (value === undefined || value === '') return undefined
    const n = Number(value)
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${name} must be a whole number ≥ 1: ${value}`)
    return n
  }
  const host = `${parsed.hostname}${parsed.port ? `_${parsed.port}` : ''}`
  return {
    url: parsed.href.replace(/\/+$/, ''),
    mirrorDir: path.resolve(
      root,
      env.NEWSROOM_WORDPRESS_MIRROR ?? path.join('.cache/wordpress', host),
    ),
    creditField: env.NEWSROOM_WORDPRESS_CREDIT_FIELD || undefined,
    perPage: number('NEWSROOM_WORDPRESS_PER_PAGE'),
    concurrency: number('NEWSROOM_WORDPRESS_CONCURRENCY'),
    fullEveryMinutes: number('NEWSROOM_WORDPRESS_FULL_EVERY'),
    offline: env.NEWSROOM_WORDPRESS_OFFLINE === '1',
  }
}

/** Brings the copy of the site up to date, then loads it as the build's source. */
export async function pullWordPress(
  config: WordPressConfig,
  log: (message: string) => void = () => undefined,
): Promise<{ source: WordPressSource; pulled: PullResult | null }> {
  // Loaded when used: they bring jsdom, which every other Vite command (and each unit test run, which
  // reads vite.config.ts) would otherwise load for nothing.
  const [{ pull }, { loadWordPress }] = await Promise.all([
    import('./mirror.ts'),
    import('./source.ts'),
  ])
  const pulled = config.offline
    ? null
    : await pull(wordpressClient(config, log), config.mirrorDir, {
        fullEveryMinutes: config.fullEveryMinutes,
      })
  const source = await loadWordPress(config.mirrorDir, { creditField: config.creditField })
  for (const line of source.skipped) log(`wordpress: left out ${line}`)
  return { source, pulled }
}

export function wordpressClient(config: WordPressConfig, log: (message: string) => void) {
  return createClient({
    siteUrl: config.url,
    perPage: config.perPage,
    concurrency: config.concurrency,
    onRetry: (message) => log(`wordpress: ${message}`),
  })
}

/** Notes that the copy as it is now was built into `live` (the folder holding index.html and api/). */
export async function recordBuild(config: WordPressConfig, live: string): Promise<void> {
  const { fingerprintOf, writePublished } = await import('./mirror.ts')
  await writePublished(config.mirrorDir, {
    fingerprint: await fingerprintOf(config.mirrorDir),
    live,
  })
}
