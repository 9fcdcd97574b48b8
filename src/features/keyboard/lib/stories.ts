import { SAVE_TOGGLE_SELECTOR } from '@/lib/save-toggle'

/*
 * Keyboard support reads the page the way a screen reader does: by its semantic structure (the main
 * landmark, articles, their headings and links), which every feature's markup keeps by house rule
 * (shared/notes/style.md, 7) and the tests check by role. That structure is the page's public shape, not
 * one feature's private markup; a class or a button's words would be, which is why the Save toggle is
 * found by its mark (src/lib/save-toggle.ts) and nothing here goes by either.
 */

/** A story card on the page: a `main article` whose h2 links to the story. */
export interface StoryOnPage {
  card: HTMLElement
  link: HTMLAnchorElement
}

/**
 * The story cards on the page, in reading order (a card's own headline, never one nested in it). A story
 * page's own article (with its h1) is not a card, whatever links its subheadings hold.
 */
export function storiesOnPage(): StoryOnPage[] {
  const stories: StoryOnPage[] = []
  for (const link of document.querySelectorAll<HTMLAnchorElement>('main article h2 > a[href]')) {
    const card = link.closest('article')
    if (card && !card.querySelector('h1') && !stories.some((s) => s.card === card)) {
      stories.push({ card, link })
    }
  }
  return stories
}

/** The selected story is the one holding focus: j and k move it, and so does Tab. */
export function selectedStory(stories = storiesOnPage()): StoryOnPage | undefined {
  const focused = document.activeElement
  return stories.find((s) => s.card.contains(focused))
}

/** Where j or k starts without a selection: the first story whose top is on screen, else the last. */
function firstOnScreen(stories: StoryOnPage[]): StoryOnPage | undefined {
  return stories.find((s) => s.card.getBoundingClientRect().top >= 0) ?? stories.at(-1)
}

/**
 * Selects the next (step 1) or previous (step -1) story: its headline link takes focus, and the card
 * scrolls into view, smoothly unless the reader asked for reduced motion. Returns false at either end.
 */
export function moveSelection(step: 1 | -1): boolean {
  const stories = storiesOnPage()
  const current = selectedStory(stories)
  const next = current ? stories[stories.indexOf(current) + step] : firstOnScreen(stories)
  if (!next) return false
  next.link.focus({ preventScroll: true })
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches
  next.card.scrollIntoView({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' })
  return true
}

/**
 * The Save toggle belonging to `scope` itself, not to a card inside it. Found by the mark the saved
 * feature puts on it (src/lib/save-toggle.ts), not by its words or by aria-pressed, which other toggles
 * have too.
 */
export function saveButtonIn(scope: HTMLElement): HTMLButtonElement | undefined {
  const owner = scope.closest('article') ?? scope
  return [...scope.querySelectorAll<HTMLButtonElement>(SAVE_TOGGLE_SELECTOR)].find(
    (button) => (button.closest('article') ?? scope) === owner,
  )
}
