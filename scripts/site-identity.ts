import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import * as v from 'valibot'
import { parse as parseYaml } from 'yaml'
import { decodeText } from './wordpress/text.ts'
import { SiteIndexSchema } from './wordpress/rest.ts'
import type { WordPressConfig } from './wordpress/config.ts'

/**
 * The newsroom's name and the line under every page, known before the app is bundled (vite.config.ts
 * defines them as VITE_SITE_NAME and VITE_SITE_NOTE, so the masthead and every document title carry them
 * with no request): from content/site.yml, or from the WordPress site's own name and tagline.
 */
export interface SiteIdentity {
  name: string
  description: string
  note: string
}

const DEMO_NOTE = 'demo stories written for this project. Images are illustrations.'

/** The content folder's: its site.yml's name, and the note that its stories are the demo's. */
export function contentIdentity(contentDir: string): SiteIdentity {
  const site = parseYaml(readFileSync(path.join(contentDir, 'site.yml'), 'utf8')) as {
    name: string
    description: string
  }
  return { name: site.name, description: site.description, note: `${site.name} — ${DEMO_NOTE}` }
}

/** The WordPress site's: its name and tagline, from /wp-json/ (or the copy, when building offline). */
export async function wordpressIdentity(wordpress: WordPressConfig): Promise<SiteIdentity> {
  const site = wordpress.offline
    ? v.parse(
        SiteIndexSchema,
        JSON.parse(await readFile(path.join(wordpress.mirrorDir, 'site.json'), 'utf8')),
      )
    : await fetchSiteIndex(wordpress.url)
  const name = decodeText(site.name) || new URL(wordpress.url).host
  const tagline = decodeText(site.description)
  return { name, description: tagline, note: tagline ? `${name} — ${tagline}` : name }
}

async function fetchSiteIndex(url: string) {
  const response = await fetch(`${url}/wp-json/`, { signal: AbortSignal.timeout(30_000) })
  if (!response.ok) throw new Error(`${url}/wp-json/: HTTP ${response.status}`)
  return v.parse(SiteIndexSchema, await response.json())
}
