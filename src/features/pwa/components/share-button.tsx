import { useEffect, useId, useRef, useState } from 'react'
import { shareLink, type ShareData } from '../api/share'
import { COPY_FAILED, LINK_COPIED, LINK_TO_STORY, SHARE } from '@/i18n'

/** How long "Link copied" stays on screen. */
export const COPIED_NOTICE_MS = 5_000

/**
 * "Share": the system's share sheet, or the link copied with a confirmation. When neither works, the link
 * appears selected in a text field for the reader to copy by hand.
 */
export function ShareButton(data: ShareData) {
  const [outcome, setOutcome] = useState<'idle' | 'copied' | 'manual'>('idle')
  const fieldId = useId()
  const field = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (outcome === 'manual') {
      field.current?.focus()
      field.current?.select()
    }
    if (outcome !== 'copied') return
    const timer = setTimeout(() => setOutcome('idle'), COPIED_NOTICE_MS)
    return () => clearTimeout(timer)
  }, [outcome])

  const share = async () => {
    const result = await shareLink(data)
    if (result === 'copied') setOutcome('copied')
    else if (result === 'failed') setOutcome('manual')
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => void share()}
        className="rounded border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"
      >
        {SHARE}
      </button>
      <p role="status" className="text-sm">
        {outcome === 'copied' ? LINK_COPIED : null}
        {outcome === 'manual' ? COPY_FAILED : null}
      </p>
      {outcome === 'manual' ? (
        <div className="basis-full">
          <label htmlFor={fieldId} className="block text-sm font-medium">
            {LINK_TO_STORY}
          </label>
          <input
            id={fieldId}
            ref={field}
            type="url"
            readOnly
            value={data.url}
            onFocus={(event) => event.currentTarget.select()}
            className="mt-1 w-full rounded border border-stone-300 bg-white px-2 py-1 text-sm dark:border-stone-700 dark:bg-stone-950"
          />
        </div>
      ) : null}
    </div>
  )
}
