import { describe, expect, test } from 'vitest'
import {
  SENTINEL,
  callsSentinel,
  hostileCases,
  type HostileFamily,
} from '../../utils/hostile/cases'
import { findInjected } from '../../utils/hostile/injected-markup'
import { loadSharedLists, toSentinel } from '../../utils/hostile/shared-lists'

const cases = hostileCases()

describe('the hostile string generator', () => {
  test('gives the same cases, with the same unique ids, on every run', () => {
    expect(hostileCases()).toEqual(cases)
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length)
  })

  test('covers every family the issue names', () => {
    const families = new Set(cases.map((c) => c.family))
    const named: HostileFamily[] = [
      'xss-script',
      'xss-event-handler',
      'xss-svg-math',
      'xss-url',
      'xss-url-in-markup',
      'xss-mutation',
      'xss-css',
      'xss-template',
      'empty',
      'long',
      'bidi',
      'invisible',
      'combining',
      'emoji',
      'control',
      'sql',
      'template-text',
    ]
    expect([...named].filter((family) => !families.has(family))).toEqual([])
    const values = cases.map((c) => c.value)
    const has = (test: (value: string) => boolean) => values.some(test)
    expect(has((v) => v.startsWith('<scr<script>ipt>'))).toBe(true)
    expect(has((v) => v.startsWith('<noscript><p title="</noscript><img'))).toBe(true)
    expect(has((v) => v.includes('expression('))).toBe(true)
    expect(has((v) => v.includes('url(javascript:'))).toBe(true)
    expect(has((v) => v.startsWith('{{constructor.constructor('))).toBe(true)
    expect(has((v) => v.startsWith('${'))).toBe(true)
    expect(has((v) => v.length === 102_400 && !v.includes(' '))).toBe(true)
    expect(has((v) => v.length === 102_400 && v.includes(' '))).toBe(true)
    for (const mark of ['\u202E', '\u202D', '\u200B', '\u200D', '\u0301', '\u0000', '\u0085']) {
      expect(has((v) => v.includes(mark))).toBe(true)
    }
    expect(has((v) => v === '')).toBe(true)
    expect(has((v) => v.includes('👩‍👩‍👧‍👦'))).toBe(true)
    expect(has((v) => /DROP TABLE/.test(v))).toBe(true)
    // Event handlers on many elements, not one.
    const elements = new Set(
      cases
        .filter((c) => c.family === 'xss-event-handler')
        .map((c) => c.value.match(/^<(\w+)/)![1]),
    )
    expect(elements.size).toBeGreaterThanOrEqual(20)
  })

  test('every executable payload calls the sentinel with its own id, and none calls alert', () => {
    const executable = cases.filter((c) => c.executable)
    expect(executable.length).toBeGreaterThan(400)
    const wrongId = executable.filter(
      (c) =>
        c.family !== 'xss-url' && c.family !== 'xss-url-in-markup' && !callsSentinel(c.value, c.id),
    )
    expect(wrongId.map((c) => c.name)).toEqual([])
    expect(cases.filter((c) => /\balert\s*\(/.test(c.value) && c.family !== 'unicode')).toEqual([])
    expect(cases.filter((c) => c.family.startsWith('xss') === false && c.executable)).toEqual([])
  })

  test('the check for injected markup finds each kind of injection, and nothing in plain markup', () => {
    const root = document.createElement('div')
    root.innerHTML = `<p>Plain <a href="/articles/x">text</a> <img src="/api/images/a.webp" alt=""></p>
      <button><svg aria-hidden="true"></svg></button>`
    expect(findInjected(root)).toEqual([])
    for (const injected of [
      '<img src=x onerror="x()">',
      '<a href=" java\tscript:x()">a</a>',
      '<iframe></iframe>',
      '<svg></svg>',
      '<img srcset="/a.png 1x, data:image/png;base64,AA 2x">',
      '<div style="background:url(x)"></div>',
      '<math></math>',
    ]) {
      root.innerHTML = injected
      expect(findInjected(root), injected).toHaveLength(1)
    }
  })
})

describe('the shared lists', () => {
  test('rewrite alert, prompt and confirm to the sentinel, with the case id first', () => {
    expect(toSentinel('<svg onload=alert(1)>', 7)).toBe(`<svg onload=${SENTINEL}(7,1)>`)
    expect(toSentinel('";a=prompt,a()//', 7)).toBe(`";a=${SENTINEL},a()//`)
    expect(toSentinel('confirm`1`', 7)).toBe(`${SENTINEL}\`1\``)
    expect(toSentinel('alerted', 7)).toBe('alerted')
  })

  test('are empty, and say so, when ../shared/data is missing (a clone of the project)', () => {
    const lists = loadSharedLists('/nonexistent/shared/data')
    expect(lists).toMatchObject({ present: false, xss: [], naughty: [] })
    expect(lists.note).toMatch(/^\.\.\/shared\/data not present .*: shared lists skipped$/)
  })

  const shared = loadSharedLists()
  test.runIf(shared.present)('hold every line of both lists when present', () => {
    console.info(`hostile content: ${cases.length} generated cases; ${shared.note}`)
    expect(shared.xss).toHaveLength(6_613)
    expect(shared.naughty.length).toBeGreaterThan(500)
    const ids = [...shared.xss, ...shared.naughty, ...cases].map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(shared.xss.filter((c) => /\balert\s*\(/.test(c.value))).toEqual([])
  })
  test.runIf(!shared.present)('are skipped without ../shared/data', () => {
    console.info(`hostile content: ${cases.length} generated cases; ${shared.note}`)
    expect(shared.xss).toEqual([])
  })
})
