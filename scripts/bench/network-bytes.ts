import type { CDPSession, Page } from 'playwright-core'

/*
 * What a page transferred, read from Chromium's CDP Network events: each finished response with its encoded
 * body size (the bytes that crossed the wire, compressed as sent), and sums under a path.
 */

/** The CDP Network events the count reads (the fields it uses). */
export type NetworkEvent =
  | { method: 'Network.requestWillBeSent'; params: { requestId: string; request: { url: string } } }
  | {
      method: 'Network.responseReceived'
      params: {
        requestId: string
        response: { url: string; status: number; encodedDataLength: number }
      }
    }
  | { method: 'Network.loadingFinished'; params: { requestId: string; encodedDataLength: number } }
  | { method: 'Network.loadingFailed'; params: { requestId: string } }

export interface TransferredFile {
  /** Path and query, from the site's root. */
  path: string
  status: number
  /** Encoded body bytes: what crossed the wire for the body, compressed as sent. */
  bytes: number
}

/**
 * The finished responses in a list of CDP Network events, each with its encoded body size: loadingFinished's
 * encodedDataLength (every byte received for the request) less responseReceived's (the bytes received by
 * the time the headers were: the headers). Network.dataReceived is not used: Chromium reports 0 in its
 * chunks for some responses and the whole in loadingFinished. A redirect keeps its requestId: the last
 * response counts. Failed or unfinished requests, and data: URLs, are left out.
 */
export function transferredFiles(events: readonly NetworkEvent[]): TransferredFile[] {
  const byId = new Map<
    string,
    { url: string; status: number; headers: number; total: number | null }
  >()
  const order: string[] = []
  for (const { method, params } of events) {
    if (method === 'Network.requestWillBeSent') {
      if (!byId.has(params.requestId)) order.push(params.requestId)
      byId.set(params.requestId, {
        url: params.request.url,
        status: 0,
        headers: 0,
        total: null,
      })
      continue
    }
    const entry = byId.get(params.requestId)
    if (!entry) continue
    if (method === 'Network.responseReceived') {
      entry.url = params.response.url
      entry.status = params.response.status
      entry.headers = params.response.encodedDataLength
    } else if (method === 'Network.loadingFinished') entry.total = params.encodedDataLength
    else byId.delete(params.requestId)
  }
  const files: TransferredFile[] = []
  for (const id of order) {
    const entry = byId.get(id)
    if (!entry || entry.total === null || !/^https?:/.test(entry.url)) continue
    const url = new URL(entry.url)
    files.push({
      path: url.pathname + url.search,
      status: entry.status,
      bytes: Math.max(0, entry.total - entry.headers),
    })
  }
  return files
}

/** Sums the files whose path starts with `prefix`. */
export function bytesUnder(files: readonly TransferredFile[], prefix: string) {
  const under = files.filter((f) => f.path.startsWith(prefix))
  return { files: under.length, bytes: under.reduce((sum, f) => sum + f.bytes, 0) }
}

/**
 * Records a page's CDP Network events from now on (detach the session to stop): the bytes a browser
 * measurement reports are read from them with transferredFiles.
 */
export async function recordNetwork(
  page: Page,
): Promise<{ events: NetworkEvent[]; cdp: CDPSession }> {
  const cdp = await page.context().newCDPSession(page)
  const events: NetworkEvent[] = []
  for (const method of [
    'Network.requestWillBeSent',
    'Network.responseReceived',
    'Network.loadingFinished',
    'Network.loadingFailed',
  ] as const) {
    cdp.on(method, (params: unknown) => events.push({ method, params } as NetworkEvent))
  }
  await cdp.send('Network.enable')
  return { events, cdp }
}
