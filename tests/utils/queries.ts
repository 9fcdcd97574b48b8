import { screen, within } from '@testing-library/react'

/** The headlines of the stories a listing shows, in order, as a screen reader's heading list gives them. */
export function listedHeadlines(): string[] {
  const list = screen.getByRole('region', { name: /^Stories, page \d+$/ })
  return within(list)
    .getAllByRole('heading', { level: 2 })
    .map((heading) => heading.textContent ?? '')
}

/** The route's error panel: an alert with its message and a Retry button. */
export async function findErrorPanel() {
  const alert = await screen.findByRole('alert')
  return { alert, retry: within(alert).getByRole('button', { name: 'Retry' }) }
}

/**
 * Where the link a screen reader announces as `name` goes, inside `container` (the whole page by
 * default): one query for the many "this link points there" checks.
 */
export function hrefOf(name: string | RegExp, container: HTMLElement = document.body) {
  return within(container).getByRole('link', { name }).getAttribute('href')
}
