import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { clearRequestLog, server } from './mocks/server'
import { recordConsoleError, takeConsoleErrorProblems } from './utils/console'

// findBy/waitFor give up after 1 s by default. On a busy 2-core machine the first lazy import of a module in
// a file (transformed on demand) can take longer than that; a passing test waits no longer for this.
configure({ asyncUtilTimeout: 4_000 })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  clearRequestLog()
})
afterAll(() => server.close())

const originalError = console.error
beforeEach(() => {
  console.error = recordConsoleError
})
afterEach(() => {
  console.error = originalError
  const problems = takeConsoleErrorProblems()
  if (problems.length) throw new Error(problems.join('\n'))
})

if (typeof document !== 'undefined') {
  // jsdom has no scrolling; ScrollRestoration calls scrollTo on every navigation.
  window.scrollTo = () => {}
  // Testing Library registers its own cleanup only when test globals are on; ours are not.
  afterEach(() => cleanup())
  beforeEach(() => {
    document.title = ''
  })
}
