import { useEffect, useId, useRef } from 'react'
import { CLOSE, KEYBOARD_SHORTCUTS, OR, SHORTCUTS, SHORTCUTS_WHILE_TYPING } from '@/i18n/later'

/**
 * The list of keyboard shortcuts, in a native modal dialog: it keeps focus inside, closes with Escape,
 * and gives focus back to where it was.
 */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const opener = useRef<Element | null>(null)
  const titleId = useId()

  useEffect(() => {
    // Guarded: Strict Mode runs this twice on a dialog that is already open.
    if (!dialog.current || dialog.current.open) return
    opener.current = document.activeElement
    dialog.current.showModal()
  }, [])

  const closed = () => {
    const back = opener.current
    if (back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true })
    onClose()
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={closed}
      className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-lg border border-stone-300 bg-white p-6 text-stone-900 shadow-xl backdrop:bg-black/50 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100"
    >
      <div className="flex items-start justify-between gap-4">
        <h2 id={titleId} className="font-serif text-2xl font-bold">
          {KEYBOARD_SHORTCUTS}
        </h2>
        <button
          type="button"
          onClick={() => dialog.current?.close()}
          className="rounded border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"
        >
          {CLOSE}
        </button>
      </div>
      <dl className="mt-4 space-y-2">
        {SHORTCUTS.map(({ keys, action }) => (
          <div key={action} className="flex items-baseline gap-3">
            <dt className="w-28 shrink-0 whitespace-nowrap">
              {keys.map((key, i) => (
                <span key={key}>
                  {i > 0 ? ` ${OR} ` : null}
                  <kbd className="rounded border border-stone-300 bg-stone-100 px-1.5 py-0.5 font-mono text-sm dark:border-stone-600 dark:bg-stone-800">
                    {key}
                  </kbd>
                </span>
              ))}
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-sm text-stone-600 dark:text-stone-400">{SHORTCUTS_WHILE_TYPING}</p>
    </dialog>
  )
}
