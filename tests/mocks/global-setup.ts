import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildApi } from '../../scripts/api/build-api.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fixture newsroom (tests/fixtures/content) built once by the real API build. */
    fixtureApiDir: string
  }
}

/**
 * Builds the fixture API once per run, so every component test reads real API output through MSW
 * instead of hand-written JSON that could drift from what scripts/api produces.
 */
export default async function setup(project: TestProject) {
  const outDir = await mkdtemp(path.join(tmpdir(), 'newsroom-fixture-api-'))
  await buildApi({
    contentDir: path.resolve(import.meta.dirname, '../fixtures/content'),
    outDir,
  })
  project.provide('fixtureApiDir', outDir)
  return async () => {
    await rm(outDir, { recursive: true, force: true })
  }
}
