import { describe, expect, test } from 'vitest'
import { normalize, parseQuery, tokenize } from '@/features/search/lib/tokenize'

describe('tokenize', () => {
  test('lower-cases, folds accents and splits on anything but letters and digits', () => {
    expect(tokenize('Café owners’ COVID-19 plan: Zoë, São Paulo')).toEqual([
      'cafe',
      'owners',
      'covid',
      '19',
      'plan',
      'zoe',
      'sao',
      'paulo',
    ])
  })

  test('drops one-letter words and common English words, keeps repeats', () => {
    expect(tokenize('The vote and the vote: a result of it')).toEqual(['vote', 'vote', 'result'])
  })

  test('normalizes other scripts too', () => {
    expect(normalize('ÉLÉPHANT')).toBe('elephant')
    expect(tokenize('Москва и Киев')).toEqual(['москва', 'киев'])
  })
})

describe('parseQuery', () => {
  test('the last word is a prefix while it is being typed', () => {
    expect(parseQuery('housing parl')).toEqual({ exact: ['housing'], prefix: 'parl' })
  })

  test('a trailing space finishes the last word', () => {
    expect(parseQuery('housing parl ')).toEqual({ exact: ['housing', 'parl'], prefix: null })
  })

  test('stop words are dropped once finished, but a typed one may still start a word', () => {
    expect(parseQuery('the ')).toEqual({ exact: [], prefix: null })
    expect(parseQuery('climate the')).toEqual({ exact: ['climate'], prefix: 'the' })
  })

  test('a single letter being typed matches nothing yet', () => {
    expect(parseQuery('climate p')).toEqual({ exact: ['climate'], prefix: null })
  })
})
