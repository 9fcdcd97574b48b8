import path from 'node:path'
import { defineConfig } from 'vitest/config'
import { dataSchemaHash } from '../../scripts/data-schema-hash'

const root = path.resolve(import.meta.dirname, '../..')

/**
 * Real-browser tests: `vite build`, then `vitest run --config tests/e2e/vitest.config.ts` (npm run
 * test:e2e). The global setup serves the build with nginx and the configuration we ship, and builds two
 * more releases for the update tests (docs/deploy.md); each file drives Debian's Chromium with
 * playwright-core.
 */
export default defineConfig({
  root,
  // As the app's build defines it (vite.config.ts): tests that import app modules see the same values.
  define: { 'import.meta.env.VITE_DATA_SCHEMA': JSON.stringify(dataSchemaHash()) },
  resolve: { alias: { '@': path.join(root, 'src') } },
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // One browser at a time: the machine has two cores, and the files share one server.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for the page to catch up (a title, a list after navigation): 1 s by default.
    expect: { poll: { timeout: 5_000 } },
  },
})
