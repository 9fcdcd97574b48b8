import { describe, expect, test } from 'vitest'
import { pageOf, pageTitle } from '@/i18n'
import { removeTag, searchOutcome, tryAgainIn } from '@/i18n/later'

/** The English text that takes values: counts by the plural rules, numbers through Intl. */
describe('English text with values', () => {
  test('counts take the plural form their number asks for, in English digits', () => {
    expect(searchOutcome(1, false, 'tide', false)).toBe('1 story matches “tide”.')
    expect(searchOutcome(1234, true, 'tide', true)).toBe(
      'At least 1,234 stories match “tide” with these filters.',
    )
    expect(searchOutcome(0, false, 'tide', true)).toBe(
      'No stories match “tide” with these filters. Try fewer or different words, or remove a filter.',
    )
    expect(tryAgainIn('minute', 1)).toBe('Try again in about 1 minute.')
    expect(tryAgainIn('second', 45)).toBe('Try again in 45 seconds.')
    expect(tryAgainIn('hour', 2)).toBe('Try again in about 2 hours.')
  })

  test('values go where the sentence needs them', () => {
    expect(pageOf(2, 1200)).toBe('Page 2 of 1,200')
    expect(pageTitle('Tides')).toBe('Tides – Newsroom')
    expect(removeTag('Climate')).toBe('Remove tag Climate')
  })
})
