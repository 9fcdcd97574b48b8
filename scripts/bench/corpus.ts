import { parseArgs } from 'node:util'
import { existsSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runsAlone } from './flags.ts'

/**
 * A deterministic generator of realistic newsrooms at any size, for the scale benchmark
 * (scripts/bench/scale.ts), the JSON budget test and prerender timing (docs/decisions/008-prerendering.md).
 *
 *   npm run corpus -- --count 10000 --seed 1 [--out .cache/corpus-10000-1]
 *
 * The output is a content folder like content/: site.yml, sections.yml, tags.yml, authors.yml, articles/*.md
 * with front matter, and a few small SVG illustrations shared by every story that has a hero (so rendering
 * images costs the same at any size). Stories vary from 60-word briefs to 4,000-word long reads, with
 * subheadings, quotes, lists, emphasis and links; they carry 1–6 tags drawn from a Zipf-like distribution (a
 * few tags are on a tenth of the stories, most on a handful) and are spread over years. The same count and seed
 * give byte-identical files.
 */
export interface CorpusOptions {
  count: number
  seed: number
  outDir: string
}

/** mulberry32: small, fast and good enough for test data. */
function rng(seed: number) {
  let a = seed >>> 0 || 0x9e3779b9
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  return { next, int, pick }
}
type Rng = ReturnType<typeof rng>

const SECTIONS = [
  ['world', 'World', 'Reporting from every continent.'],
  ['politics', 'Politics', 'Elections, parliaments and policy.'],
  ['business', 'Business', 'Markets, companies, work and the economy.'],
  ['science', 'Science', 'Discoveries and research, explained plainly.'],
  ['technology', 'Technology', 'The tools and networks changing everyday life.'],
  ['health', 'Health', 'Medicine, care and public health.'],
  ['culture', 'Culture', 'Books, film, music and art.'],
  ['sport', 'Sport', 'Results, people and the business of games.'],
  ['environment', 'Environment', 'Climate, nature and the places we live.'],
  ['opinion', 'Opinion', 'Argument and analysis from our writers.'],
] as const
const SECTION_WEIGHTS = [18, 16, 14, 9, 10, 8, 9, 9, 4, 3]

const FIRST =
  `Amara Tomás Ingrid Rahul Nargiz Fatima Lena Kofi Mei Santiago Aiko Oskar Priya Dmitri Chloe Yusuf
  Hana Mateo Zainab Erik Leila Kwame Sofia Arjun Noor Felix Ines Tariq Yara Luca Mira Jonas Ada Bo Rosa Idris Elif
  Nils Amina Pablo`.split(/\s+/)
const LAST =
  `Okafor Herrera Solberg Mehta Mammadli Haddad Novak Mensah Chen Rivera Tanaka Lindqvist Sharma Volkov
  Dubois Demir Kim Alvarez Bello Larsen Farah Asante Rossi Iyer Karimi Weber Moreau Aziz Castillo Ferreira Nakamura
  Berg Ansah Ortiz Petrov Kowalski Osei Silva Yilmaz Brandt`.split(/\s+/)
const ROLES = [
  'Correspondent',
  'Reporter',
  'Senior editor',
  'Data journalist',
  'Science writer',
  'Political editor',
  'Sports reporter',
  'Culture critic',
]

const TOPICS =
  `economy climate elections inflation energy health education housing transport football
  athletics music film space artificial-intelligence trade migration water farming banking tax courts police
  cities rail aviation shipping oceans forests wildlife vaccines hospitals schools universities science-policy
  diplomacy security defence cyber privacy startups markets oil gas solar wind nuclear batteries mining
  tourism fashion books theatre television gaming cricket tennis cycling swimming olympics weather floods
  drought wildfires heatwaves earthquakes labour wages pensions welfare refugees human-rights media
  journalism libraries museums architecture archaeology astronomy physics chemistry biology genetics
  medicine mental-health nutrition sleep ageing childhood religion languages history`.split(/\s+/)
const PLACES =
  `lagos nairobi cairo accra baku tbilisi lisbon madrid paris berlin warsaw oslo helsinki rome
  athens istanbul delhi mumbai dhaka jakarta manila tokyo seoul sydney auckland lima bogota santiago
  mexico-city toronto chicago denver`.split(/\s+/)
const NOUNS =
  `council plan report budget strike vote deal study trial law market project bridge harbour
  station festival league season reform protest inquiry court grant tariff reservoir clinic school museum
  network satellite telescope factory port election campaign programme summit ceasefire`.split(
    /\s+/,
  )
const VERBS =
  `approves rejects delays expands cuts opens closes wins loses backs questions reviews plans
  launches ends extends doubles halves warns`.split(/\s+/)
const ADJS =
  `new regional national local long-awaited controversial record early surprise final first
  emergency annual quiet major small`.split(/\s+/)
const WORDS =
  `the a of and to in for on with that by as at from is was were has have will would could more
  than after before while under over about their its this those which people city officials residents year
  month week government company report data study plan costs prices rates water power money time work
  workers families children schools hospitals roads trains homes farms rivers coast north south east west
  said told says according figures shows suggests expected likely early late higher lower first second last
  new old public private local national regional small large many most some few several every other each
  budget council court committee ministry agency union group network service system project programme
  measure decision change growth decline support opposition pressure question answer evidence result
  season match team coach players fans record stadium festival artists audience film album book stage`.split(
    /\s+/,
  )

const title = (slug: string) =>
  slug
    .split('-')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ')

const SVGS: Record<string, string> = {
  'gen-hills': `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900"><rect width="1600" height="900" fill="#bcd9f2"/><circle cx="1200" cy="220" r="110" fill="#f2c94c"/><path d="M0 700 L400 520 L800 690 L1200 560 L1600 720 V900 H0 Z" fill="#3f7d4a"/></svg>\n`,
  'gen-city': `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900"><rect width="1600" height="900" fill="#e9e2d0"/><path d="M100 900 V420 H300 V900 M380 900 V300 H560 V900 M640 900 V500 H820 V900 M900 900 V240 H1080 V900 M1160 900 V460 H1380 V900" fill="#5a6473"/></svg>\n`,
  'gen-sea': `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900"><rect width="1600" height="900" fill="#f6d7b0"/><rect y="520" width="1600" height="380" fill="#2b6c8f"/><path d="M600 520 L700 380 L800 520 Z" fill="#ffffff"/></svg>\n`,
  'gen-chart': `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900" viewBox="0 0 1200 900"><rect width="1200" height="900" fill="#fafafa"/><path d="M150 750 H1100 M150 750 V120" stroke="#333" stroke-width="6"/><path d="M200 700 L400 560 L600 610 L800 380 L1050 260" fill="none" stroke="#c0392b" stroke-width="12"/></svg>\n`,
}

const KINDS = [
  ['brief', 20, 40, 120],
  ['news', 45, 250, 800],
  ['analysis', 15, 700, 1400],
  ['feature', 12, 1000, 2000],
  ['longread', 8, 2200, 4200],
] as const

function weighted<T>(r: Rng, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0)
  let x = r.next() * total
  for (let i = 0; i < items.length; i++) {
    x -= weights[i]!
    if (x < 0) return items[i]!
  }
  return items.at(-1)!
}

/** Writes a newsroom of `count` stories into `outDir` (emptied first). */
export async function generateCorpus({ count, seed, outDir }: CorpusOptions): Promise<void> {
  const r = rng(seed * 2654435761 + count)
  await rm(outDir, { recursive: true, force: true })
  await mkdir(path.join(outDir, 'articles'), { recursive: true })
  await mkdir(path.join(outDir, 'images'), { recursive: true })

  // Taxonomy grows with the archive: more authors and a long tail of tags.
  const authorCount = Math.min(400, 20 + Math.round(count / 400))
  const authors: { slug: string; name: string; role: string }[] = []
  const usedAuthors = new Set<string>()
  while (authors.length < authorCount) {
    const name = `${r.pick(FIRST)} ${r.pick(LAST)}`
    let slug = name
      .normalize('NFD')
      .replace(/[^\w\s-]/g, '')
      .toLowerCase()
      .replace(/\s+/g, '-')
    if (usedAuthors.has(slug)) slug = `${slug}-${authors.length}`
    usedAuthors.add(slug)
    authors.push({ slug, name, role: r.pick(ROLES) })
  }
  // Zipf-like popularity: topics and places in a shuffled order (so the commonest tags differ by seed), then a
  // long tail of narrow story tags.
  const tagOrder = [...TOPICS, ...PLACES]
  for (let i = tagOrder.length - 1; i > 0; i--) {
    const j = r.int(0, i)
    ;[tagOrder[i], tagOrder[j]] = [tagOrder[j]!, tagOrder[i]!]
  }
  const tagCount = Math.min(2000, 40 + Math.round(Math.sqrt(count) * 3))
  for (let i = 0; tagOrder.length < tagCount; i++)
    tagOrder.push(`${r.pick(NOUNS)}-${r.pick(PLACES)}-${i}`)
  tagOrder.length = Math.min(tagOrder.length, tagCount)
  const tagWeights = tagOrder.map((_, rank) => 1 / (rank + 3))

  await writeFile(
    path.join(outDir, 'site.yml'),
    `name: Newsroom\ndescription: A generated newsroom of ${count} stories (seed ${seed}).\npageSize: 12\n`,
  )
  await writeFile(
    path.join(outDir, 'sections.yml'),
    SECTIONS.map(
      ([slug, name, d]) => `- slug: ${slug}\n  name: ${name}\n  description: ${d}\n`,
    ).join(''),
  )
  await writeFile(
    path.join(outDir, 'tags.yml'),
    [...tagOrder]
      .sort()
      .map((slug) => `- { slug: ${slug}, name: ${title(slug)} }\n`)
      .join(''),
  )
  await writeFile(
    path.join(outDir, 'authors.yml'),
    authors
      .map(
        (a) =>
          `- slug: ${a.slug}\n  name: ${a.name}\n  role: ${a.role}\n  bio: ${a.name.split(' ')[0]} writes for the newsroom.\n`,
      )
      .join(''),
  )
  for (const [id, svg] of Object.entries(SVGS))
    await writeFile(path.join(outDir, 'images', `${id}.svg`), svg)

  // Newest first from a fixed date, about 30 stories a day on average at 100,000 (so about nine years),
  // and at least a year's spread for small archives.
  const end = Date.UTC(2026, 9, 31, 18, 0)
  const meanGapMinutes = Math.max(24 * 60 * (365 / Math.max(count, 1)), 48)
  let time = end
  const slugs: string[] = []
  const sentence = (min: number, max: number) => {
    const n = r.int(min, max)
    const words: string[] = []
    for (let i = 0; i < n; i++) words.push(r.pick(WORDS))
    if (r.next() < 0.3) words.splice(r.int(1, n - 1), 0, String(r.int(2, 980)))
    const text = words.join(' ')
    return text[0]!.toUpperCase() + text.slice(1) + '.'
  }
  // Most paragraphs are plain prose; about one in six has emphasis or a link.
  const paragraph = () => {
    const parts: string[] = []
    const n = r.int(2, 5)
    for (let i = 0; i < n; i++) parts.push(sentence(8, 24))
    const x = r.next()
    const k = r.int(0, n - 1)
    if (x < 0.05) parts[k] = parts[k]!.replace(/ (\w+) (\w+)/, ' _$1 $2_')
    else if (x < 0.08) parts[k] = parts[k]!.replace(/ (\w+)/, ' **$1**')
    else if (x < 0.13)
      parts[k] = parts[k]!.replace(/ (\w+ \w+)/, ` [$1](https://example.org/${r.pick(TOPICS)})`)
    else if (x < 0.16 && slugs.length)
      parts[k] = parts[k]!.replace(/ (\w+ \w+)/, ` [$1](/articles/${r.pick(slugs)})`)
    return parts.join(' ')
  }
  const writes: Promise<void>[] = []
  const flush = async () => {
    await Promise.all(writes)
    writes.length = 0
  }

  for (let i = 0; i < count; i++) {
    time -= Math.max(1, Math.round(-Math.log(1 - r.next()) * meanGapMinutes)) * 60_000
    const [kind, , minWords, maxWords] = weighted(
      r,
      KINDS,
      KINDS.map((k) => k[1]),
    )
    const section = weighted(r, SECTIONS, SECTION_WEIGHTS)[0]
    const author = r.pick(authors).slug
    const tagN = weighted(r, [1, 2, 3, 4, 5, 6], [12, 26, 28, 18, 10, 6])
    const tags = new Set<string>()
    while (tags.size < tagN) tags.add(weighted(r, tagOrder, tagWeights))
    const headline = `${title(r.pick(PLACES)).replace(/ /g, ' ')} ${r.pick(ADJS)} ${r.pick(NOUNS)} ${r.pick(VERBS)} ${r.pick(WORDS)} ${r.pick(NOUNS)}`
    const base = headline
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
    const slug = `${base}-${i.toString(36)}`

    const target = r.int(minWords, maxWords)
    const body: string[] = []
    let words = 0
    let sinceHeading = 0
    while (words < target) {
      const x = r.next()
      if (kind !== 'brief' && sinceHeading >= 3 && x < 0.2) {
        body.push(
          `${r.next() < 0.8 ? '##' : '###'} ${title(r.pick(NOUNS))} ${r.pick(WORDS)} ${r.pick(NOUNS)}`,
        )
        sinceHeading = 0
        continue
      }
      sinceHeading++
      if (kind !== 'brief' && x < 0.08) {
        const q = sentence(10, 30)
        body.push(`> ${q}\n>\n> — ${r.pick(FIRST)} ${r.pick(LAST)}, ${r.pick(ROLES).toLowerCase()}`)
        words += q.split(' ').length
      } else if (kind !== 'brief' && x < 0.12) {
        const ordered = r.next() < 0.3
        const items: string[] = []
        for (let k = 0, n = r.int(3, 6); k < n; k++) {
          const item = sentence(5, 16)
          items.push(`${ordered ? `${k + 1}.` : '-'} ${item}`)
          words += item.split(' ').length
        }
        body.push(items.join('\n'))
      } else if (kind === 'longread' && x < 0.13) {
        body.push(
          `![${sentence(6, 12)}](${r.pick(Object.keys(SVGS))} "${sentence(6, 14)} | Newsroom")`,
        )
      } else {
        const p = paragraph()
        body.push(p)
        words += p.split(' ').length
      }
    }
    const hero = kind !== 'brief' && r.next() < 0.45 ? r.pick(Object.keys(SVGS)) : null
    const published = new Date(time)
    const updated = r.next() < 0.08 ? new Date(time + r.int(1, 72) * 3_600_000).toISOString() : null
    const front = [
      '---',
      `title: ${JSON.stringify(headline[0]!.toUpperCase() + headline.slice(1))}`,
      `summary: ${JSON.stringify(sentence(12, 30))}`,
      `section: ${section}`,
      `author: ${author}`,
      `tags: [${[...tags].join(', ')}]`,
      `published: ${published.toISOString()}`,
      ...(updated ? [`updated: ${updated}`] : []),
      `kind: ${kind}`,
      ...(hero
        ? [
            'hero:',
            `  image: ${hero}`,
            `  alt: ${JSON.stringify(sentence(6, 14))}`,
            `  caption: ${JSON.stringify(sentence(6, 16))}`,
            `  credit: Newsroom`,
          ]
        : []),
      '---',
      '',
    ].join('\n')
    slugs.push(slug)
    writes.push(
      writeFile(path.join(outDir, 'articles', `${slug}.md`), `${front}\n${body.join('\n\n')}\n`),
    )
    if (writes.length >= 64) await flush()
  }
  await flush()
}

/**
 * Where `npm run bench` and its groups run alone keep their generated newsrooms and reuse them from run to
 * run (about 2.6 GB for 1,000, 10,000 and 100,000 stories; delete it to start over).
 */
export const BENCH_NEWSROOMS = path.join(tmpdir(), 'newsroom-bench-scale')

/**
 * The generated newsroom of `count` stories in `dir` (`corpus-<count>-<seed>`), made once and kept for the
 * benches that follow: into a private folder, renamed when complete, since another bench may be reading or
 * making the same one. Returns its folder.
 */
export async function ensureCorpus(
  dir: string,
  count: number,
  seed: number,
  log?: (line: string) => void,
): Promise<string> {
  const contentDir = path.join(dir, `corpus-${count}-${seed}`)
  if (existsSync(path.join(contentDir, '.complete'))) return contentDir
  log?.(`${count}: generating the corpus in ${contentDir}`)
  const partial = `${contentDir}.${process.pid}`
  await generateCorpus({ count, seed, outDir: partial })
  await writeFile(path.join(partial, '.complete'), '')
  await rm(contentDir, { recursive: true, force: true })
  await rename(partial, contentDir)
  return contentDir
}

if (runsAlone(import.meta)) {
  const { values } = parseArgs({
    options: { count: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
  })
  const args = new Map(Object.entries(values))
  const count = Number(args.get('count'))
  const seed = Number(args.get('seed') ?? 1)
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    console.error('usage: npm run corpus -- --count N [--seed S] [--out DIR]')
    process.exit(1)
  }
  const outDir = path.resolve(args.get('out') ?? `.cache/corpus-${count}-${seed}`)
  const started = performance.now()
  await generateCorpus({ count, seed, outDir })
  console.log(
    `${count} stories (seed ${seed}) in ${path.relative(process.cwd(), outDir) || '.'} ` +
      `(${Math.round(performance.now() - started)} ms)`,
  )
}
