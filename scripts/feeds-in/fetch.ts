/**
 * One bounded GET for the feeds source: a time limit for the whole answer, a size limit enforced while
 * the body streams in (a server that sends no length, or lies about it, is cut off), and conditional
 * headers. What goes wrong is thrown as a FetchProblem in words for the build's report.
 */

export interface FetchLimits {
  /** Milliseconds for the whole exchange, body included. */
  timeoutMs: number
  /** Bytes the body may have. */
  maxBytes: number
}

export interface Fetched {
  status: number
  headers: Headers
  /** Empty for a 304. */
  body: Uint8Array
}

export class FetchProblem extends Error {}

/**
 * Fetches `url` within `limits`. 200 and 304 are answers; any other status, a timeout, a refused
 * connection or a body over the limit is a FetchProblem naming what happened.
 */
export async function fetchBounded(
  url: string,
  limits: FetchLimits,
  headers: Record<string, string> = {},
): Promise<Fetched> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs)
  try {
    let response: Response
    try {
      response = await fetch(url, { headers, signal: controller.signal, redirect: 'follow' })
    } catch (error) {
      throw new FetchProblem(
        controller.signal.aborted
          ? `no answer within ${limits.timeoutMs / 1000} s`
          : `could not be reached (${causeOf(error)})`,
      )
    }
    if (response.status === 304) {
      discard(response.body)
      return { status: 304, headers: response.headers, body: new Uint8Array() }
    }
    if (response.status !== 200) {
      discard(response.body)
      throw new FetchProblem(
        `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      )
    }
    const declared = Number(response.headers.get('content-length') ?? NaN)
    if (declared > limits.maxBytes) {
      discard(response.body)
      throw new FetchProblem(`is ${declared} bytes, more than the ${limits.maxBytes} allowed`)
    }
    const chunks: Uint8Array[] = []
    let size = 0
    const reader = response.body?.getReader()
    try {
      for (;;) {
        const { done, value } = (await reader?.read()) ?? { done: true, value: undefined }
        if (done) break
        size += value.byteLength
        if (size > limits.maxBytes) {
          discard(reader)
          throw new FetchProblem(`is more than the ${limits.maxBytes} bytes allowed`)
        }
        chunks.push(value)
      }
    } catch (error) {
      if (error instanceof FetchProblem) throw error
      throw new FetchProblem(
        controller.signal.aborted
          ? `did not finish within ${limits.timeoutMs / 1000} s`
          : `broke off (${causeOf(error)})`,
      )
    }
    return { status: 200, headers: response.headers, body: Buffer.concat(chunks) }
  } finally {
    clearTimeout(timer)
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (error as Error).message
}

/**
 * Lets go of a body not read to its end. Not awaited: a cancel can wait on the peer (it did under the
 * tests' request interceptor, until the time limit), and nothing depends on it finishing.
 */
function discard(stream: { cancel(): Promise<void> } | null | undefined): void {
  stream?.cancel().catch(() => undefined)
}
