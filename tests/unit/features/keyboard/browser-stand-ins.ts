import { afterEach, beforeEach, vi } from 'vitest'

/**
 * What jsdom lacks and the keyboard feature uses: matchMedia, scrollIntoView and the modal dialog. Each
 * stand-in does the least a browser does (a dialog opens and closes, firing "close"); Escape, focus
 * trapping and real scrolling are checked in the browser (tests/e2e/keyboard.e2e.ts).
 */
export function installBrowserStandIns() {
  const state = { reducedMotion: false }
  const scrollIntoView = vi.fn()
  beforeEach(() => {
    state.reducedMotion = false
    scrollIntoView.mockClear()
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query === '(prefers-reduced-motion: reduce)' && state.reducedMotion,
      media: query,
    }))
    Element.prototype.scrollIntoView = scrollIntoView
    HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
      this.open = true
      this.querySelector<HTMLElement>('button, a[href], input')?.focus()
    }
    HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
      if (!this.open) return
      this.open = false
      this.dispatchEvent(new Event('close'))
    }
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    // @ts-expect-error -- jsdom has none of these: take the stand-ins away again
    delete Element.prototype.scrollIntoView
    // @ts-expect-error -- as above
    delete HTMLDialogElement.prototype.showModal
    // @ts-expect-error -- as above
    delete HTMLDialogElement.prototype.close
  })
  return { state, scrollIntoView }
}
