import path from 'node:path'
import { viteBuild } from '../../scripts/vite-build.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')

/**
 * What a build inside vitest must not inherit to be the one `npm run build` makes: the runner's
 * NODE_ENV=test and VITEST* variables, and a prerender cap from the developer's shell. Each is handed
 * on empty, which vite and the prerender read as unset.
 */
const isTestRunnerVariable = (name: string) =>
  name === 'NODE_ENV' || name.startsWith('VITEST') || name === 'NEWSROOM_PRERENDER_LIMIT'

/**
 * `vite build` of this repository into `outDir` (emptied first), as `npm run build` runs it, with `env`
 * added (the content folder, say): for tests that compare what a build writes.
 */
export function productionBuild(outDir: string, env: Record<string, string>): Promise<void> {
  const blanked = Object.keys(process.env)
    .filter(isTestRunnerVariable)
    .map((name) => [name, ''])
  return viteBuild(ROOT, outDir, { ...Object.fromEntries(blanked), ...env })
}
