import { describe, expect, test } from 'vitest'
import { ogLocale, twitterSite } from '@/app/ssr/social'
import { renderHead, type PageHead } from '@/lib/page-head'
import { storyHead } from '../../utils/page-heads'
import { parseHead } from '../../utils/parse-html'

/** The head tags link previews read beyond the page's own (src/app/ssr/social.ts, src/lib/page-head.ts). */

/** A story's head as a share card fills it in: the card, the author's page, the locale and the site's account. */
const head: PageHead = {
  ...storyHead,
  image: {
    url: 'https://news.example.org/api/images/card-0123456789abcdef0123.png',
    width: 1200,
    height: 630,
    alt: 'A headline',
  },
  locale: 'el_GR',
  twitterSite: '@newsroom',
  article: { ...storyHead.article!, authorUrl: 'https://news.example.org/authors/ada-writer' },
}

const content = (html: string, selector: string) => parseHead(html).content(selector)

describe('the head of a shared link', () => {
  test('names the author’s page, the locale, the site’s account, and lets the large image show', () => {
    const html = renderHead(head)
    expect(content(html, 'meta[property="article:author"]')).toEqual([
      'https://news.example.org/authors/ada-writer',
    ])
    expect(content(html, 'meta[property="og:locale"]')).toEqual(['el_GR'])
    expect(content(html, 'meta[name="twitter:site"]')).toEqual(['@newsroom'])
    expect(content(html, 'meta[name="robots"]')).toEqual(['max-image-preview:large'])
    expect(content(html, 'meta[name="twitter:card"]')).toEqual(['summary_large_image'])
  })

  test('without an account, a locale or an author, those tags are left out; a square logo is a small card', () => {
    const html = renderHead({
      ...head,
      locale: undefined,
      twitterSite: null,
      article: undefined,
      image: { url: 'https://news.example.org/pwa-512x512.png', width: 512, height: 512, alt: '' },
    })
    for (const selector of [
      'meta[property="article:author"]',
      'meta[property="og:locale"]',
      'meta[name="twitter:site"]',
    ])
      expect(content(html, selector), selector).toEqual([])
    expect(content(html, 'meta[name="twitter:card"]')).toEqual(['summary'])
  })
})

describe('NEWSROOM_TWITTER_SITE', () => {
  test('is a handle, with or without its @; unset or blank is none', () => {
    expect(twitterSite({ NEWSROOM_TWITTER_SITE: '@newsroom' })).toBe('@newsroom')
    expect(twitterSite({ NEWSROOM_TWITTER_SITE: ' coast_times ' })).toBe('@coast_times')
    expect(twitterSite({})).toBeNull()
    expect(twitterSite({ NEWSROOM_TWITTER_SITE: '  ' })).toBeNull()
  })

  test('anything else stops the build, naming the variable', () => {
    for (const value of ['https://x.com/newsroom', '@much_too_long_handle', '@news room', '"><b>'])
      expect(() => twitterSite({ NEWSROOM_TWITTER_SITE: value }), value).toThrow(
        /NEWSROOM_TWITTER_SITE/,
      )
  })
})

describe('og:locale', () => {
  test('is language_TERRITORY, with the likeliest territory for a bare language', () => {
    expect(ogLocale('en')).toBe('en_US')
    expect(ogLocale('en-GB')).toBe('en_GB')
    expect(ogLocale('ar')).toBe('ar_EG')
    expect(ogLocale('el')).toBe('el_GR')
    expect(ogLocale('ru')).toBe('ru_RU')
  })

  test('a tag Intl cannot read gives none', () => {
    expect(ogLocale('not a tag')).toBeNull()
  })
})
