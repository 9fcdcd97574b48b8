import { describe, expect, test } from 'vitest'
import { isExternalUrl, safeUrl } from '@/lib/safe-url'

describe('safeUrl', () => {
  test.each([
    'https://example.org/a?b=c#d',
    'http://example.org',
    'HTTPS://EXAMPLE.ORG/',
    '/articles/a-story',
    'images/photo.webp',
    '../up/one',
    '?page=2',
    '#section',
    '//cdn.example.org/x.webp',
    '/path/with:colon/after-slash',
    '/search?a=1&b=2&c',
  ])('keeps %j as a link and an image source', (url) => {
    expect(safeUrl(url, 'href')).toBe(url)
    expect(safeUrl(url, 'src')).toBe(url)
  })

  test('allows mailto: for links, never for images', () => {
    expect(safeUrl('mailto:desk@example.org', 'href')).toBe('mailto:desk@example.org')
    expect(safeUrl('MailTo:desk@example.org', 'href')).toBe('MailTo:desk@example.org')
    expect(safeUrl('mailto:desk@example.org', 'src')).toBeNull()
  })

  test.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\u0000javascript:alert(1)',
    '\u0001\u001f javascript:alert(1) \u0000',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\r\nscript:alert(1)',
    'jav\u0000ascript:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    '&#0000106avascript:alert(1)',
    'javascript&colon;alert(1)',
    '%6Aavascript:alert(1)',
    'vbscript:msgbox(1)',
    'VBScript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/svg+xml;base64,PHN2Zz4=',
    ' DATA:image/png;base64,AAAA',
    'blob:https://example.org/uuid',
    'file:///etc/passwd',
    'ftp://example.org/file',
    'intent://scan/#Intent;scheme=zxing;end',
    'http://[::1/',
    'https://ex%20ample.org/',
    'http://exa mple.org/',
    '',
    '   ',
  ])('refuses %j for links and images', (url) => {
    expect(safeUrl(url, 'href')).toBeNull()
    expect(safeUrl(url, 'src')).toBeNull()
  })

  test('returns the URL without what the browser would strip anyway', () => {
    expect(safeUrl('  https://exa\tmple.org/a \n', 'href')).toBe('https://example.org/a')
  })
})

describe('isExternalUrl', () => {
  const site = 'https://news.example.org'
  test('tells this site from others', () => {
    expect(isExternalUrl('/articles/x', site)).toBe(false)
    expect(isExternalUrl('https://news.example.org/x', site)).toBe(false)
    expect(isExternalUrl('https://example.org/x', site)).toBe(true)
    expect(isExternalUrl('//example.org/x', site)).toBe(true)
    expect(isExternalUrl('http://news.example.org/x', site)).toBe(true)
    expect(isExternalUrl('mailto:desk@example.org', site)).toBe(true)
  })
})
