import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { VisibleText } from '@/lib/visible-text'

describe('VisibleText', () => {
  test('keeps ordinary text, right-to-left text and embedded overrides as they are', () => {
    for (const text of ['Ana Ruiz', 'مراسلة الجزيرة', 'Ana \u202Eziur', 'Zoë\u0301']) {
      expect(v.parse(VisibleText, text)).toBe(text)
    }
  })

  test('removes bidirectional isolate controls, which would end the page’s own isolation early', () => {
    expect(v.parse(VisibleText, '\u2067Ana Ruiz')).toBe('Ana Ruiz')
    expect(v.parse(VisibleText, 'Ana\u2069 Ruiz\u2066\u2068')).toBe('Ana Ruiz')
  })

  test('refuses text with nothing visible, also once the isolate controls are gone', () => {
    for (const text of ['', '   ', '\u200B\u200C', '\u0301', '\u2066\u2069', '\u2067 \u2069']) {
      expect(v.safeParse(VisibleText, text).success).toBe(false)
    }
  })
})
