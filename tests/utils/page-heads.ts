import type { PageHead } from '@/lib/page-head'

/**
 * A story's head as the prerender fills it in (a photo, its times, section and tags, its JSON-LD): the
 * head the tests of src/lib/page-head.ts start from, each changing only what it is about.
 */
export const storyHead: PageHead = {
  title: 'A headline – Newsroom',
  description: 'What happened.',
  canonicalUrl: 'https://news.example.org/articles/a-headline',
  siteName: 'Newsroom',
  type: 'article',
  image: {
    url: 'https://news.example.org/api/images/a-1280.webp',
    width: 1280,
    height: 720,
    alt: 'A photo',
  },
  article: {
    publishedTime: '2025-01-01T08:00:00.000Z',
    modifiedTime: '2025-01-02T08:00:00.000Z',
    section: 'World',
    tags: ['Alpha', 'Beta'],
  },
  jsonLd: { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'A headline' },
}
