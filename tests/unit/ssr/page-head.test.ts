import { describe, expect, test } from 'vitest'
import { escapeHtml, jsonForScript, renderHead } from '@/lib/page-head'
import { storyHead } from '../../utils/page-heads'
import { parseHead as parse } from '../../utils/parse-html'

const HOSTILE = `Tom & Jerry's "<b>best</b>" </script><script>alert(1)</script>`

describe('renderHead', () => {
  test('writes every tag a link preview or a crawler reads', () => {
    const { doc, content } = parse(renderHead(storyHead))

    expect(doc.title).toBe('A headline – Newsroom')
    expect(content('meta[name="description"]')).toEqual(['What happened.'])
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(
      storyHead.canonicalUrl,
    )
    const og = (name: string) => content(`meta[property="${name}"]`)
    expect(og('og:type')).toEqual(['article'])
    expect(og('og:site_name')).toEqual(['Newsroom'])
    expect(og('og:title')).toEqual(['A headline – Newsroom'])
    expect(og('og:description')).toEqual(['What happened.'])
    expect(og('og:url')).toEqual([storyHead.canonicalUrl])
    expect(og('og:image')).toEqual([storyHead.image!.url])
    expect(og('og:image:width')).toEqual(['1280'])
    expect(og('og:image:height')).toEqual(['720'])
    expect(og('og:image:alt')).toEqual(['A photo'])
    expect(og('article:published_time')).toEqual(['2025-01-01T08:00:00.000Z'])
    expect(og('article:modified_time')).toEqual(['2025-01-02T08:00:00.000Z'])
    expect(og('article:section')).toEqual(['World'])
    expect(og('article:tag')).toEqual(['Alpha', 'Beta'])
    const twitter = (name: string) => content(`meta[name="${name}"]`)
    expect(twitter('twitter:card')).toEqual(['summary_large_image'])
    expect(twitter('twitter:title')).toEqual(['A headline – Newsroom'])
    expect(twitter('twitter:description')).toEqual(['What happened.'])
    expect(twitter('twitter:image')).toEqual([storyHead.image!.url])
    expect(twitter('twitter:image:alt')).toEqual(['A photo'])
    const ld = doc.querySelectorAll('script[type="application/ld+json"]')
    expect(ld).toHaveLength(1)
    expect(JSON.parse(ld[0]!.textContent ?? '')).toEqual(storyHead.jsonLd)
  })

  test('a page without a photo gets the small card and no image tags', () => {
    const { doc, content } = parse(
      renderHead({ ...storyHead, type: 'website', image: null, article: undefined }),
    )
    expect(content('meta[name="twitter:card"]')).toEqual(['summary'])
    expect(doc.querySelector('meta[property^="og:image"], meta[name^="twitter:image"]')).toBeNull()
    expect(doc.querySelector('meta[property^="article:"]')).toBeNull()
    expect(content('meta[property="og:type"]')).toEqual(['website'])
  })

  test('escapes every value: markup in the data stays text and cannot end the script early', () => {
    const html = renderHead({
      ...storyHead,
      title: HOSTILE,
      description: HOSTILE,
      canonicalUrl: `https://news.example.org/a?b=1&c="2"`,
      image: { ...storyHead.image!, url: `https://x.example/"><script>`, alt: HOSTILE },
      article: { ...storyHead.article!, section: HOSTILE, tags: [HOSTILE] },
      jsonLd: { headline: HOSTILE, nested: { text: '<!-- \u2028 -->' } },
    })
    // Nothing but the one JSON-LD block is a script, and no attribute or element was broken out of.
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(html.match(/<\/script>/g)).toHaveLength(1)
    expect(html).not.toContain('<b>')

    const { doc, content } = parse(html)
    expect(doc.title).toBe(HOSTILE)
    expect(content('meta[name="description"]')).toEqual([HOSTILE])
    expect(content('meta[property="og:image:alt"]')).toEqual([HOSTILE])
    expect(content('meta[property="article:tag"]')).toEqual([HOSTILE])
    expect(content('meta[property="og:image"]')).toEqual([`https://x.example/"><script>`])
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(
      `https://news.example.org/a?b=1&c="2"`,
    )
    const ld = doc.querySelector('script[type="application/ld+json"]')?.textContent ?? ''
    expect(ld).not.toMatch(/[<>&\u2028]/)
    expect(JSON.parse(ld)).toEqual({ headline: HOSTILE, nested: { text: '<!-- \u2028 -->' } })
  })
})

describe('escaping helpers', () => {
  test('escapeHtml escapes the five characters that matter in HTML', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;')
  })

  test('jsonForScript reads back as the same value', () => {
    const value = { a: '</script>', b: ['&', '>', '\u2029'], c: 1 }
    expect(jsonForScript(value)).not.toMatch(/<\/script>/)
    expect(JSON.parse(jsonForScript(value))).toEqual(value)
  })
})
