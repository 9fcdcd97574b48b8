/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'
import { VitePWA } from 'vite-plugin-pwa'
import { newsroomApi } from './scripts/vite-plugin-newsroom-api.ts'
import { pwaOptions } from './scripts/pwa-options.ts'
import { prerender } from './scripts/vite-plugin-prerender.ts'

/** The release the footer shows: VITE_APP_VERSION, else the package's version and the build date. */
const appVersion =
  process.env.VITE_APP_VERSION ||
  `${JSON.parse(readFileSync(path.resolve(import.meta.dirname, 'package.json'), 'utf8')).version} (${new Date().toISOString().slice(0, 10)})`

export default defineConfig(({ mode }) => ({
  define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(appVersion) },
  plugins: [
    react(),
    tailwindcss(),
    // Unit tests (mode "test") mock the network with MSW and need no API build.
    // NEWSROOM_CONTENT_DIR builds another newsroom (a test fixture, a generated corpus).
    mode !== 'test' &&
      newsroomApi({
        contentDir: path.resolve(
          import.meta.dirname,
          process.env.NEWSROOM_CONTENT_DIR ?? 'content',
        ),
      }),
    // Renders every listing's first page and the newest NEWSROOM_PRERENDER_LIMIT stories (all by default)
    // into the build, after the API is written and before the service worker is generated.
    mode !== 'test' && prerender({ articleLimit: process.env.NEWSROOM_PRERENDER_LIMIT }),
    VitePWA(pwaOptions),
  ],
  resolve: { alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  build: { target: 'es2022', sourcemap: true },
  preview: { port: 4173 },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    // Builds tests/fixtures/content into a temp dir once; MSW serves those real files.
    globalSetup: ['tests/mocks/global-setup.ts'],
    setupFiles: ['tests/setup.ts'],
    restoreMocks: true,
    unstubEnvs: true,
  },
}))
