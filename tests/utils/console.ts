/**
 * Any console.error a test did not announce fails it: React's act() warnings, failed prop types, an
 * error a boundary swallowed. A test that expects one says so, and then it must happen.
 */
const expected: RegExp[] = []
const received: unknown[][] = []

export function expectConsoleError(pattern: RegExp) {
  expected.push(pattern)
}

export function recordConsoleError(...args: unknown[]) {
  received.push(args)
}

/** Checks the errors seen in this test against the expected ones, and resets both lists. */
export function takeConsoleErrorProblems(): string[] {
  const text = received.map((args) => args.map(describe).join(' '))
  const unmatched = [...expected]
  const unexpected = text.filter((line) => {
    const index = unmatched.findIndex((pattern) => pattern.test(line))
    if (index === -1) return !expected.some((pattern) => pattern.test(line))
    unmatched.splice(index, 1)
    return false
  })
  const problems = [
    ...unexpected.map((line) => `unexpected console.error: ${line}`),
    ...unmatched.map((pattern) => `expected a console.error matching ${pattern}, none came`),
  ]
  expected.length = 0
  received.length = 0
  return problems
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.stack ?? value.message
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}
