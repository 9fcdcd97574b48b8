import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { SENTINEL, type HostileCase } from './cases'

/**
 * Two public lists kept beside the project on the team's machines, never in it (each folder has its
 * SOURCE.md and licence): payloadbox's XSS payload list and the Big List of Naughty Strings. A clone
 * has no ../shared, so every caller must work with empty lists; these only add cases when present.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..')
/** NEWSROOM_SHARED_DATA points elsewhere (or at nothing, to check that tests pass without the lists). */
export const SHARED_DATA = path.resolve(
  ROOT,
  process.env.NEWSROOM_SHARED_DATA ?? path.join('..', 'shared', 'data'),
)

/** Ids of shared cases: line n of the XSS list is 100,000 + n; entry n of BLNS 200,000 + n. */
const XSS_FIRST_ID = 100_000
const BLNS_FIRST_ID = 200_000

export interface SharedLists {
  present: boolean
  /** One case per line of the XSS list (blank lines included: they count as lines). */
  xss: HostileCase[]
  naughty: HostileCase[]
  /** What ran, in a sentence for the test output. */
  note: string
}

const loaded = new Map<string, SharedLists>()

/** The shared lists in `dir` (../shared/data unless told), read once; empty lists when it is missing. */
export function loadSharedLists(dir: string = SHARED_DATA): SharedLists {
  const cached = loaded.get(dir)
  if (cached) return cached
  const lists = readSharedLists(dir)
  loaded.set(dir, lists)
  return lists
}

function readSharedLists(dir: string): SharedLists {
  const XSS_LIST = path.join(dir, 'xss', 'xss-payload-list.txt')
  const BLNS = path.join(dir, 'blns', 'blns.json')
  if (!existsSync(XSS_LIST) || !existsSync(BLNS)) {
    return {
      present: false,
      xss: [],
      naughty: [],
      note: `../shared/data not present (no ${dir}): shared lists skipped`,
    }
  }
  // The file ends with a newline: the empty string after it is not a line.
  const lines = readFileSync(XSS_LIST, 'utf8').replace(/\n$/, '').split('\n')
  const xss = lines.map((line, n) => {
    const id = XSS_FIRST_ID + n + 1
    return sharedCase(id, `xss-payload-list.txt line ${n + 1}`, line)
  })
  const strings = JSON.parse(readFileSync(BLNS, 'utf8')) as string[]
  const naughty = strings.map((value, n) =>
    sharedCase(BLNS_FIRST_ID + n, `blns.json entry ${n}`, value),
  )
  return {
    present: true,
    xss,
    naughty,
    note: `${xss.length} shared XSS payloads and ${naughty.length} naughty strings from ${dir}`,
  }
}

function sharedCase(id: number, name: string, value: string): HostileCase {
  const rewritten = toSentinel(value, id)
  return {
    id,
    family: value.includes('<') || /script:/i.test(value) ? 'xss-polyglot' : 'unicode',
    name,
    value: rewritten,
    executable: rewritten !== value,
  }
}

/**
 * Rewrites a payload's alert/prompt/confirm to the sentinel, with the case's id as the first argument:
 * `alert(1)` becomes `__xss(100042,1)`, a bare `prompt` (as in `a=prompt,a()`) becomes `__xss`. Obfuscated
 * calls (`window['al'+'ert']`) stay as they are: the browser test catches those as dialogs.
 */
export function toSentinel(payload: string, id: number): string {
  return payload.replace(/\b(alert|prompt|confirm)\b(\s*\()?/g, (_match, _name, paren?: string) =>
    paren ? `${SENTINEL}(${id},` : SENTINEL,
  )
}
