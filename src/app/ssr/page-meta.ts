import { paths, type ListingRef } from '@/config/paths'
import type { Article, Image, ListingPage, PreviewImage } from '@/features/articles/api/schemas'
import { HERO_IMAGE_SIZES } from '@/features/articles/components/article-view'
import { imageHref, srcSetFor } from '@/features/articles/components/responsive-image'
import { leadStory } from '@/features/articles/api/lead-story'
import { CARD_IMAGE_SIZES, LEAD_IMAGE_SIZES } from '@/features/articles/components/story-card'
import { feedAlternates } from '@/features/feeds/feed-alternates'
import type { StableSite } from '@/features/site/api/schemas'
import type { HeadImage, PageHead } from '@/lib/page-head'
import { documentTitle } from '@/lib/use-document-title'
import { nameListing } from '../listing-names'
import { ogLocale, twitterSite } from './social'
import { authorDescription, LANG, listingTitle, sectionDescription, tagDescription } from '@/i18n'

/**
 * The metadata of a story and of a listing page, from the same API data the page renders: what the
 * build writes into each prerendered page's head (src/lib/page-head.ts turns it into tags).
 */

/** The publisher's logo for structured data: the app icon the build renders from the favicon. */
export const PUBLISHER_LOGO = '/pwa-512x512.png'
/** Its size, which Google asks for beside the logo's address (pwa-options.ts's preset renders it). */
export const PUBLISHER_LOGO_SIZE = 512

const absolute = (pathOrUrl: string, siteUrl: string) => new URL(pathOrUrl, siteUrl).href
/** An image's absolute address, or null when it is not a web address (as the page leaves it out). */
function imageUrl(src: string, siteUrl: string): string | null {
  const href = imageHref(src)
  return href === null ? null : absolute(href, siteUrl)
}

function headImage(image: Image | null, siteUrl: string): HeadImage | null {
  const url = image && imageUrl(image.src, siteUrl)
  if (!image || !url) return null
  return {
    url,
    width: image.width,
    height: image.height,
    alt: image.alt,
  }
}

/** A preload for the page's first image, choosing the file its <img> will (same srcset, same sizes). */
function preloadImage(image: Image | null | undefined, sizes: string): PageHead['preloadImage'] {
  const href = image && imageHref(image.src)
  return image && href ? { href, srcset: srcSetFor(image), sizes } : null
}

function publisher(site: StableSite, siteUrl: string) {
  return {
    '@type': 'Organization',
    name: site.name,
    url: absolute('/', siteUrl),
    logo: {
      '@type': 'ImageObject',
      url: absolute(PUBLISHER_LOGO, siteUrl),
      width: PUBLISHER_LOGO_SIZE,
      height: PUBLISHER_LOGO_SIZE,
    },
  }
}

/**
 * The logo as a page's preview when it has no picture of its own (a listing of stories without photos):
 * a link preview never comes up bare.
 */
function logoImage(site: StableSite, siteUrl: string): HeadImage {
  return {
    url: absolute(PUBLISHER_LOGO, siteUrl),
    width: PUBLISHER_LOGO_SIZE,
    height: PUBLISHER_LOGO_SIZE,
    alt: site.name,
  }
}

/** A story's share card as its preview (docs/api.md, `previews`), described by its headline. */
function cardImage(
  preview: PreviewImage | undefined,
  alt: string,
  siteUrl: string,
): HeadImage | null {
  const url = preview && imageUrl(preview.src, siteUrl)
  return preview && url ? { url, width: preview.width, height: preview.height, alt } : null
}

export function articleHead(article: Article, site: StableSite, siteUrl: string): PageHead {
  const url = absolute(paths.article(article.slug), siteUrl)
  const image = article.hero ?? article.image
  const modified = article.updated ?? article.published
  const description = article.summary || article.headline
  const tags = article.tags.map((t) => t.name)
  const previews = article.previews ?? []
  // Every rendition, largest first, then the 4:3 and 1:1 crops (or, for a story without a photo, its
  // share card): search engines pick the size and shape they need.
  const images = [
    ...new Set([
      ...(image ? [image.src, ...image.srcset.map((s) => s.src).reverse()] : []),
      ...previews.map((p) => p.src).reverse(),
    ]),
  ].flatMap((src) => imageUrl(src, siteUrl) ?? [])
  const authorUrl = absolute(paths.author(article.author.slug), siteUrl)
  return {
    title: documentTitle(article.headline),
    description,
    canonicalUrl: url,
    siteName: site.name,
    type: 'article',
    // The photo, else the share card the build drew for the story.
    image:
      headImage(image, siteUrl) ??
      cardImage(image ? undefined : previews[0], article.headline, siteUrl),
    preloadImage: preloadImage(article.hero, HERO_IMAGE_SIZES),
    locale: ogLocale(article.lang ?? LANG) ?? undefined,
    twitterSite: twitterSite(),
    article: {
      authorUrl,
      publishedTime: article.published,
      modifiedTime: modified,
      section: article.section.name,
      tags,
    },
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: article.headline,
      description,
      image: images,
      datePublished: article.published,
      dateModified: modified,
      author: {
        '@type': 'Person',
        name: article.author.name,
        url: authorUrl,
      },
      publisher: publisher(site, siteUrl),
      articleSection: article.section.name,
      keywords: tags,
      url,
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
      // The story's own language where it is not the site's (docs/api.md: `lang`).
      inLanguage: article.lang ?? LANG,
      isAccessibleForFree: true,
    },
  }
}

/** A listing's name and description, as its page shows them. */
function describeListing(ref: ListingRef, site: StableSite): { name: string; description: string } {
  const { name, about } = nameListing(ref, site)
  const description = {
    latest: site.description,
    sections: about || sectionDescription(name, site.name),
    tags: tagDescription(name, site.name),
    authors: about || authorDescription(name, site.name),
  }[ref.kind]
  return { name, description }
}

/** The first page of a listing: home, a section, a tag or an author. */
export function listingHead(
  ref: ListingRef,
  listing: ListingPage,
  site: StableSite,
  siteUrl: string,
): PageHead {
  const { name, description } = describeListing(ref, site)
  const url = absolute(paths.listing(ref, listing.page), siteUrl)
  // As the listing names itself in the browser: the front page is the site's name alone.
  const front = ref.kind === 'latest' && listing.page === 1
  const title = documentTitle(front ? '' : listingTitle(name, [], listing.page))
  // The first photo on the page: the front page's lead story's (docs/decisions/030-front-page.md), larger
  // than a card's, else the first card's.
  const frontLead = front ? leadStory(listing.items) : undefined
  const lead = frontLead?.image ? frontLead : listing.items.find((story) => story.image)
  const leadSizes = lead === frontLead ? LEAD_IMAGE_SIZES : CARD_IMAGE_SIZES
  const offset = (listing.page - 1) * listing.pageSize
  return {
    title,
    description,
    canonicalUrl: url,
    siteName: site.name,
    type: 'website',
    // A section's, tag's or author's own feeds (the site's are in every page's head).
    feeds: feedAlternates(ref, name),
    // The lead story's photo: what the page shows first; else the newsroom's logo.
    image: headImage(lead?.image ?? null, siteUrl) ?? logoImage(site, siteUrl),
    locale: ogLocale(LANG) ?? undefined,
    twitterSite: twitterSite(),
    preloadImage: preloadImage(lead?.image, leadSizes),
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'CollectionPage',
      name: title,
      description,
      url,
      inLanguage: LANG,
      isPartOf: { '@type': 'WebSite', name: site.name, url: absolute('/', siteUrl) },
      publisher: publisher(site, siteUrl),
      mainEntity: {
        '@type': 'ItemList',
        numberOfItems: listing.total,
        itemListOrder: 'https://schema.org/ItemListOrderDescending',
        itemListElement: listing.items.map((story, i) => ({
          '@type': 'ListItem',
          position: offset + i + 1,
          url: absolute(paths.article(story.slug), siteUrl),
          name: story.headline,
        })),
      },
    },
  }
}
