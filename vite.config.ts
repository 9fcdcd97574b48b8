/// <reference types="vitest/config" />
import path from 'node:path'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'
import { VitePWA } from 'vite-plugin-pwa'
import { newsroomApi } from './scripts/vite-plugin-newsroom-api.ts'
import { pwaOptions } from './scripts/pwa-options.ts'

export default defineConfig(({ mode }) => ({
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
