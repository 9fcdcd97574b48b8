import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { format, resolveConfig } from 'prettier'
import { ROOT } from '../../../scripts/serve/nginx'

/**
 * Saves real REST answers of the harness's WordPress as fixtures for the unit tests of the WordPress
 * source (tests/fixtures/wordpress/, README.md there). The port changes every run, so the site's
 * address is replaced by http://wordpress.test; `_links` are dropped (kept on posts for the relations
 * that `_embed` follows) and `/wp-json/` loses its 200 KB route table, to keep the files small.
 */
export const RECORDING_DIR = path.join(ROOT, 'tests/fixtures/wordpress')
export const RECORDED_SITE = 'http://wordpress.test'

/** Set NEWSROOM_RECORD_WP=1 to record while tests/e2e/wordpress-harness.e2e.ts runs. */
export const recording = Boolean(process.env.NEWSROOM_RECORD_WP)

/** The `_links` relations a post keeps: the ones `_embed=author,wp:term,wp:featuredmedia` follows. */
const EMBEDDED_RELATIONS = ['author', 'wp:term', 'wp:featuredmedia']

export interface RecordedResponse {
  /** The request, relative to the site root, with the site's address replaced. */
  request: string
  status: number
  /** X-WP-Total and X-WP-TotalPages, when the answer is a listing. */
  total?: number
  totalPages?: number
}

/**
 * Fetches each request from the running site and writes `<name>.json` (the body, trimmed as above)
 * into the recording folder; returns what it recorded, for the folder's index.
 */
export async function recordResponses(
  siteUrl: string,
  requests: Record<string, string>,
): Promise<Record<string, RecordedResponse>> {
  await mkdir(RECORDING_DIR, { recursive: true })
  const recorded: Record<string, RecordedResponse> = {}
  for (const [name, request] of Object.entries(requests)) {
    const response = await fetch(`${siteUrl}${request}`)
    const body = trim(replaceSite(await response.json(), siteUrl), name === 'site')
    const total = response.headers.get('x-wp-total')
    const totalPages = response.headers.get('x-wp-totalpages')
    recorded[name] = {
      request: replaceSite(request, siteUrl),
      status: response.status,
      ...(total !== null && { total: Number(total) }),
      ...(totalPages !== null && { totalPages: Number(totalPages) }),
    }
    await writeJson(`${name}.json`, body)
  }
  return recorded
}

/** Writes index.json: every recorded file with its request, status and totals. */
export async function writeRecordingIndex(recorded: Record<string, RecordedResponse>) {
  const index = Object.fromEntries(
    Object.entries(recorded).map(([name, response]) => [`${name}.json`, response]),
  )
  await writeJson('index.json', index)
}

/** A JSON file as Prettier writes it, so `npm run lint` passes on freshly recorded files. */
async function writeJson(name: string, value: unknown) {
  const file = path.join(RECORDING_DIR, name)
  const options = await resolveConfig(file)
  await writeFile(file, await format(JSON.stringify(value), { ...options, filepath: file }))
}

/** Every string in the value with the site's address replaced (links, srcsets, guids). */
function replaceSite<T>(value: T, siteUrl: string): T {
  return JSON.parse(JSON.stringify(value).split(siteUrl).join(RECORDED_SITE)) as T
}

function trim(value: unknown, isSiteIndex: boolean, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((item) => trim(item, false, depth))
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value).flatMap(([key, child]): [string, unknown][] => {
    if (isSiteIndex && key === 'routes') return []
    if (key === '_links') {
      // A top-level item (a post) keeps the relations its _embedded answers; embedded objects none.
      if (depth > 0 || isSiteIndex) return []
      const links = Object.entries(child as Record<string, unknown>).filter(([relation]) =>
        EMBEDDED_RELATIONS.includes(relation),
      )
      return links.length ? [[key, Object.fromEntries(links)]] : []
    }
    return [[key, trim(child, false, key === '_embedded' ? depth + 1 : depth)]]
  })
  return Object.fromEntries(entries)
}
