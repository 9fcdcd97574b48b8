import { readFileSync } from 'node:fs'
import path from 'node:path'
import { inject } from 'vitest'
import type { Article, ListingPage } from '@/features/articles/api/schemas'

/** A file of the fixture API (tests/fixtures/content, built by the global setup), parsed. */
export function fixtureJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(inject('fixtureApiDir'), file), 'utf8')) as T
}

/** The fixture's first story, hero and all: the shape every hostile story is built on. */
export const baseArticle = () => fixtureJson<Article>('articles/first-story.json')

/** A fixture summary with a photo, so the card's alt text is a field too. */
export function baseSummary() {
  const { items } = fixtureJson<ListingPage>('lists/latest/1.json')
  return items.find((item) => item.image) ?? items[0]!
}
