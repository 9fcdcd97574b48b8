export interface ShareData {
  title: string
  text: string
  url: string
}

/** What became of a share: sent through the system's sheet, cancelled there, copied, or neither. */
export type ShareOutcome = 'shared' | 'cancelled' | 'copied' | 'failed'

/**
 * Shares a link the way the device does it best: the system's share sheet where there is one (the Web Share
 * API), else a copy of the link to the clipboard. A reader closing the share sheet is no error; any other
 * refusal falls back to copying. 'failed' means the link must be copied by hand.
 */
export async function shareLink(data: ShareData): Promise<ShareOutcome> {
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share(data)
      return 'shared'
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled'
    }
  }
  try {
    await navigator.clipboard.writeText(data.url)
    return 'copied'
  } catch {
    return 'failed'
  }
}
