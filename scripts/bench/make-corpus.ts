import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * A large newsroom for measuring the build (docs/decisions/008-prerendering.md): the demo content, with
 * every story copied under new slugs until there are `count` of them, each copy an hour older than the
 * one before. Taxonomy and images are the demo's own.
 *
 *   npx tsx scripts/bench/make-corpus.ts 5000 /tmp/corpus-5000
 *   NEWSROOM_CONTENT_DIR=/tmp/corpus-5000 npx vite build --outDir /tmp/dist-5000 --emptyOutDir
 */
const [countArg, outArg] = process.argv.slice(2)
const count = Number(countArg)
if (!Number.isInteger(count) || count < 1 || !outArg) {
  console.error('usage: tsx scripts/bench/make-corpus.ts <count> <outDir>')
  process.exit(1)
}
const source = path.resolve(import.meta.dirname, '../../content')
const out = path.resolve(outArg)

await rm(out, { recursive: true, force: true })
await mkdir(out, { recursive: true })
await cp(source, out, { recursive: true, filter: (file) => !file.includes(`${path.sep}articles`) })
await mkdir(path.join(out, 'articles'))

const originals = (await readdir(path.join(source, 'articles'))).filter((f) => f.endsWith('.md'))
const texts = await Promise.all(
  originals.map((f) => readFile(path.join(source, 'articles', f), 'utf8')),
)
const start = Date.UTC(2026, 0, 1)
for (let i = 0; i < count; i++) {
  const n = i % originals.length
  const slug =
    i < originals.length ? originals[n]!.slice(0, -3) : `${originals[n]!.slice(0, -3)}-${i}`
  const published = new Date(start - i * 3_600_000).toISOString()
  const text = texts[n]!.replace(/^published: .*$/m, `published: ${published}`).replace(
    /^updated: .*\n/m,
    '',
  )
  await writeFile(path.join(out, 'articles', `${slug}.md`), text)
}
console.log(`${count} stories in ${out}`)
