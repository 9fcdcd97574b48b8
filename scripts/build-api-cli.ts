// Builds the article-JSON API on its own: `npm run api -- [contentDir] [outDir]`.
import path from 'node:path'
import { buildApi } from './api/build-api.ts'

const [contentDir = 'content', outDir = '.cache/api'] = process.argv.slice(2)
const started = performance.now()
try {
  const result = await buildApi({
    contentDir: path.resolve(contentDir),
    outDir: path.resolve(outDir),
  })
  console.log(
    `API: ${result.articles} articles, ${result.files} files, ${(result.bytes / 1024).toFixed(0)} KiB ` +
      `in ${path.relative(process.cwd(), outDir)} (${Math.round(performance.now() - started)} ms)`,
  )
} catch (error) {
  console.error(`API build failed: ${(error as Error).message}`)
  process.exitCode = 1
}
