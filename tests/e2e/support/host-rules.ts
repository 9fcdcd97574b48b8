import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from '../../../scripts/serve/nginx'
import { escapeRegExp } from './escape-regexp'

/**
 * Readers for the host configuration we ship, so tests can ask each file "what would you answer for
 * this path?" and compare the answers: deploy/nginx/newsroom.conf, public/_headers, public/_redirects.
 */
export const SHIPPED = {
  nginx: path.join(ROOT, 'deploy/nginx/newsroom.conf'),
  headers: path.join(ROOT, 'public/_headers'),
  redirects: path.join(ROOT, 'public/_redirects'),
}

// ---------------------------------------------------------------------------------------------------
// _headers (Netlify syntax, which Cloudflare Pages shares)

export interface HeaderRule {
  path: string
  /** Header names in lower case. */
  headers: Record<string, string>
  matches: (urlPath: string) => boolean
}

/**
 * Netlify's own reading of a rule path (netlify/build, headers-parser `getForRegExp`): `*` matches
 * anything (a whole segment `*` also matches nothing), `:name` one segment, an optional trailing slash.
 */
function pathPattern(rulePath: string): RegExp {
  const parts = rulePath
    .split('/')
    .filter(Boolean)
    .map((part) => {
      if (part.startsWith(':')) return '([^/]+)'
      if (part === '*') return '?(.*)'
      if (part.includes('*')) return part.split('*').map(escapeRegExp).join('(.*)')
      return escapeRegExp(part)
    })
  return new RegExp(`^/${parts.join('/')}/?$`, 'i')
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = []
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    if (line.startsWith('/')) {
      const pattern = pathPattern(line)
      rules.push({ path: line, headers: {}, matches: (p) => pattern.test(p) })
      continue
    }
    const separator = line.indexOf(':')
    const rule = rules.at(-1)
    if (separator <= 0 || !rule) throw new Error(`_headers line ${index + 1}: ${line}`)
    const name = line.slice(0, separator).trim().toLowerCase()
    if (name in rule.headers) throw new Error(`_headers: ${name} twice for ${rule.path}`)
    rule.headers[name] = line.slice(separator + 1).trim()
  }
  return rules
}

/**
 * The value of a header for a path, and every rule that set it. Both hosts join the values of a header
 * set by several matching rules, so more than one rule is a mistake the caller should report.
 */
export function headerFor(rules: HeaderRule[], urlPath: string, name: string) {
  const setBy = rules.filter((r) => r.matches(urlPath) && name.toLowerCase() in r.headers)
  return {
    value: setBy.length ? setBy.map((r) => r.headers[name.toLowerCase()]).join(', ') : undefined,
    rules: setBy.map((r) => r.path),
  }
}

// ---------------------------------------------------------------------------------------------------
// _redirects

export interface RedirectRule {
  from: string
  to: string
  status: number
  matches: (urlPath: string) => boolean
}

export function parseRedirectsFile(text: string): RedirectRule[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [from = '', to = '', status = '301'] = line.split(/\s+/)
      const pattern = pathPattern(from)
      return { from, to, status: Number(status), matches: (p: string) => pattern.test(p) }
    })
}

// ---------------------------------------------------------------------------------------------------
// nginx: enough of its grammar for one flat server block.

export interface NginxDirective {
  name: string
  args: string[]
  block?: NginxDirective[]
}

function tokenize(text: string): string[] {
  const tokens: string[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (/\s/.test(c)) i++
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++
    else if (c === '{' || c === '}' || c === ';') tokens.push(text[i++]!)
    else if (c === '"' || c === "'") {
      let value = ''
      i++
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) {
          const next = text[i + 1]!
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next
          i += 2
        } else value += text[i++]
      }
      i++
      tokens.push(`\u0000${value}`) // marks a quoted word: `{` inside quotes is not a block
    } else {
      let word = ''
      while (i < text.length && !/[\s{};]/.test(text[i]!)) word += text[i++]
      tokens.push(word)
    }
  }
  return tokens
}

export function parseNginx(text: string): NginxDirective[] {
  const tokens = tokenize(text)
  let at = 0
  const unquote = (t: string) => (t.startsWith('\u0000') ? t.slice(1) : t)
  const block = (): NginxDirective[] => {
    const out: NginxDirective[] = []
    while (at < tokens.length && tokens[at] !== '}') {
      const words: string[] = []
      while (at < tokens.length && tokens[at] !== ';' && tokens[at] !== '{' && tokens[at] !== '}') {
        words.push(unquote(tokens[at++]!))
      }
      const [name = '', ...args] = words
      if (tokens[at] === '{') {
        at++
        out.push({ name, args, block: block() })
        if (tokens[at++] !== '}') throw new Error(`nginx: unclosed block ${name}`)
      } else if (tokens[at] === ';') {
        at++
        out.push({ name, args })
      } else throw new Error(`nginx: ${name} is not terminated`)
    }
    return out
  }
  const parsed = block()
  if (at !== tokens.length) throw new Error('nginx: unbalanced }')
  return parsed
}

export interface NginxSite {
  server: NginxDirective[]
  locations: { modifier: string; path: string; block: NginxDirective[] }[]
}

export function parseSite(text: string): NginxSite {
  const servers = parseNginx(text).filter((d) => d.name === 'server')
  if (servers.length !== 1) throw new Error('newsroom.conf must hold exactly one server block')
  const server = servers[0]!.block ?? []
  const locations = server
    .filter((d) => d.name === 'location')
    .map((d) => {
      const [first = '', second] = d.args
      const modifier = second === undefined ? '' : first
      return { modifier, path: second ?? first, block: d.block ?? [] }
    })
  return { server, locations }
}

/**
 * nginx's choice of location for a URI: an exact match; else the longest prefix when it is `^~`; else the
 * first regex (`~`, `~*` case-insensitive) that matches, in the file's order; else the longest prefix.
 */
export function nginxLocation(site: NginxSite, uri: string) {
  const exact = site.locations.find((l) => l.modifier === '=' && l.path === uri)
  if (exact) return exact
  const prefixes = site.locations
    .filter((l) => (l.modifier === '' || l.modifier === '^~') && uri.startsWith(l.path))
    .sort((a, b) => b.path.length - a.path.length)
  if (prefixes[0]?.modifier === '^~') return prefixes[0]
  const regex = site.locations.find(
    (l) =>
      l.modifier.startsWith('~') && new RegExp(l.path, l.modifier === '~*' ? 'i' : '').test(uri),
  )
  if (regex) return regex
  if (!prefixes[0]) throw new Error(`no nginx location for ${uri}`)
  return prefixes[0]
}

/** The values of `add_header <name>` in a block (lower-cased name). */
export function nginxHeader(block: NginxDirective[], name: string): string | undefined {
  const found = block.filter(
    (d) => d.name === 'add_header' && d.args[0]?.toLowerCase() === name.toLowerCase(),
  )
  if (found.length > 1) throw new Error(`add_header ${name} twice in one location`)
  return found[0]?.args[1]
}

export function directive(block: NginxDirective[], name: string): string[] | undefined {
  return block.find((d) => d.name === name)?.args
}

export function readShipped() {
  return {
    site: parseSite(readFileSync(SHIPPED.nginx, 'utf8')),
    headers: parseHeadersFile(readFileSync(SHIPPED.headers, 'utf8')),
    redirects: parseRedirectsFile(readFileSync(SHIPPED.redirects, 'utf8')),
  }
}
