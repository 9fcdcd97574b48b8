import { useId, useState } from 'react'
import {
  COPY_FAILED,
  FOLLOWS_SHARE_TEXT,
  FOLLOWS_SHARE_TITLE,
  LINK_COPIED,
  LINK_TO_FOLLOWS,
  SHARE_FOLLOWS,
} from '@/i18n/later'

/**
 * "Share follows": the link to these follows through the system's share sheet where there is one (the
 * Web Share API), else copied, with a confirmation; where neither works, shown in a field to copy by
 * hand. The following feature's own, not the pwa feature's Share button: a module two lazy routes share
 * becomes a chunk of its own, one more file on every story's first route (docs/decisions/029-following.md).
 */
export function ShareFollows({ url }: { url: string }) {
  const [outcome, setOutcome] = useState<'idle' | 'copied' | 'manual'>('idle')
  const fieldId = useId()

  const share = async () => {
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: FOLLOWS_SHARE_TITLE, text: FOLLOWS_SHARE_TEXT, url })
        return
      } catch (error) {
        // The reader closed the sheet; any other refusal falls back to copying.
        if (error instanceof DOMException && error.name === 'AbortError') return
      }
    }
    try {
      await navigator.clipboard.writeText(url)
      setOutcome('copied')
    } catch {
      setOutcome('manual')
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => void share()}
        className="rounded border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"
      >
        {SHARE_FOLLOWS}
      </button>
      <p role="status" className="text-sm">
        {outcome === 'copied' ? LINK_COPIED : outcome === 'manual' ? COPY_FAILED : null}
      </p>
      {outcome === 'manual' ? (
        <p className="basis-full">
          <label htmlFor={fieldId} className="block text-sm font-medium">
            {LINK_TO_FOLLOWS}
          </label>
          <input
            id={fieldId}
            type="url"
            readOnly
            value={url}
            onFocus={(event) => event.currentTarget.select()}
            className="mt-1 w-full rounded border border-stone-300 bg-white px-2 py-1 text-sm dark:border-stone-700 dark:bg-stone-950"
          />
        </p>
      ) : null}
    </div>
  )
}
