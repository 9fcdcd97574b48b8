import type { ReactNode } from 'react'
import type { NavigateFunction } from 'react-router'
import { paths } from '@/config/paths'
import {
  CHOOSE_STORY_FIRST,
  FIRST_STORY,
  LAST_STORY,
  savedAnnouncement,
  unsavedAnnouncement,
} from '@/i18n/later'
import { ShortcutsDialog } from '../components/shortcuts-dialog'
import { moveSelection, saveButtonIn, selectedStory } from './stories'

export interface ShortcutContext {
  navigate: NavigateFunction
  /** Says something through the page's polite live region. */
  announce: (message: string) => void
  /** Shows a dialog in the page frame (null takes it away). */
  showDialog: (dialog: ReactNode) => void
}

const text = (element: Element | null | undefined) => element?.textContent?.trim() ?? ''

/** "s": Save (or unsave) the selected story, or, on a story's page, that story. */
function toggleSave({ announce }: ShortcutContext) {
  const story = selectedStory()
  const heading = story ? story.link : document.querySelector('main h1')
  const scope = story?.card ?? heading?.closest('article')
  const button = scope && saveButtonIn(scope)
  if (!button) {
    announce(CHOOSE_STORY_FIRST)
    return
  }
  // Read before the click: the button shows its new state only once React has rendered it.
  const saving = button.getAttribute('aria-pressed') !== 'true'
  button.click()
  const headline = text(heading)
  announce(saving ? savedAnnouncement(headline) : unsavedAnnouncement(headline))
}

/**
 * "/": the search box, this page's own (the search page's) before the header's. Found as a screen reader
 * finds it, by its role (an input of type search), as the story cards are (./stories.ts).
 */
function focusSearch({ navigate }: ShortcutContext) {
  const box =
    document.querySelector<HTMLInputElement>('main input[type="search"]') ??
    document.querySelector<HTMLInputElement>('input[type="search"]')
  if (box) {
    box.focus()
    box.select()
  } else {
    void navigate(paths.search())
  }
}

/** Does what a shortcut key (one of keyboard-support's SHORTCUT_KEY) asks. */
export function runShortcut(key: string, context: ShortcutContext) {
  switch (key) {
    case 'j':
    case 'k':
      if (!moveSelection(key === 'j' ? 1 : -1)) {
        context.announce(key === 'j' ? LAST_STORY : FIRST_STORY)
      }
      return
    case 'o':
      // Enter opens it too: the selected story's headline link has focus.
      selectedStory()?.link.click()
      return
    case 's':
      toggleSave(context)
      return
    case '/':
      focusSearch(context)
      return
    case '?':
      context.showDialog(<ShortcutsDialog onClose={() => context.showDialog(null)} />)
      return
  }
}
