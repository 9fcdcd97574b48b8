import { onTestFinished } from 'vitest'
import { SENTINEL, describeCase, type HostileCase } from './cases'
import { findInjected } from './injected-markup'

/** Every text node's data under `el`, in document order. */
export function textsUnder(el: Node): string[] {
  const walker = el.ownerDocument!.createTreeWalker(el, NodeFilter.SHOW_TEXT)
  const texts: string[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    texts.push((node as Text).data)
  }
  return texts
}

/**
 * True when `value` is on screen inside `el` as one text node, character for character: text that
 * was parsed as markup (or decoded as entities, or trimmed) would not be. The empty string shows nothing.
 */
export function showsAsText(el: Element | null | undefined, value: string): boolean {
  if (!el) return false
  return value === '' || textsUnder(el).includes(value)
}

/**
 * Installs the sentinel every payload calls (`window.__xss`) for this test, and returns the calls it
 * records. jsdom runs inline handlers and scripts that reach the DOM, so a call means a payload ran.
 */
export function installSentinel(): unknown[][] {
  const calls: unknown[][] = []
  const target = window as unknown as Record<string, unknown>
  target[SENTINEL] = (...args: unknown[]) => calls.push(args)
  onTestFinished(() => {
    delete target[SENTINEL]
  })
  return calls
}

/** What a failure message says about the page: injected markup, and which cases ran. */
export function safetyProblems(calls: unknown[][], root: Element = document.body): string[] {
  return [
    ...findInjected(root),
    ...calls.map((args) => `the sentinel ran with ${JSON.stringify(args)}`),
  ]
}

/** For `expect(...)` messages: the cases whose check failed, one line each. */
export const listCases = (cases: HostileCase[]) => cases.map(describeCase)
