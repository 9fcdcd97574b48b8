import { setupServer } from 'msw/node'
import { handlers } from './handlers'

export const server = setupServer(...handlers)

const requested: string[] = []
server.events.on('request:start', ({ request }) => {
  requested.push(new URL(request.url).pathname)
})

/** How many requests reached this API file (`lists/latest/1.json`) in the current test. */
export const requestCount = (file: string) =>
  requested.filter((pathname) => pathname.endsWith(`/api/${file}`)).length

export const clearRequestLog = () => {
  requested.length = 0
}
