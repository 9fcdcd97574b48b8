import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
const SCHEMAS = [
  'src/features/articles/api/schemas.ts',
  'src/features/site/api/schemas.ts',
  'src/lib/language-tag.ts',
  'src/lib/visible-text.ts',
]

/**
 * A fingerprint of the data contract: the schemas every response is parsed with. The device's saved query
 * cache is keyed by it (src/features/pwa/api/query-persister.ts), so a release that changes what cached
 * data looks like discards the old copy instead of handing components data of the old shape, even when
 * nobody remembers to bump a version by hand. vite.config.ts and the browser tests' config define it as
 * import.meta.env.VITE_DATA_SCHEMA.
 */
export function dataSchemaHash(): string {
  const hash = createHash('sha256')
  for (const file of SCHEMAS) hash.update(readFileSync(path.join(ROOT, file))).update('\0')
  return hash.digest('hex').slice(0, 12)
}
