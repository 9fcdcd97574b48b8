import { apiHref } from '@/lib/api-client'
import { safeUrl } from '@/lib/safe-url'
import type { Image } from '../api/schemas'

/**
 * An image address from the API, resolved against the API's base, or null when it is not a web address
 * (javascript:, data: and the like, however disguised).
 */
export function imageHref(src: string): string | null {
  const url = safeUrl(src, 'src')
  return url === null ? null : apiHref(url)
}

/**
 * The `srcset` of an image: every rendition the API has, by width, leaving out any unsafe one and any
 * whose address holds a space or a comma, which would be read as a second candidate.
 */
export const srcSetFor = (image: Image) =>
  image.srcset
    .flatMap((s) => {
      const href = imageHref(s.src)
      return href === null || /[\s,]/.test(href) ? [] : [`${href} ${s.width}w`]
    })
    .join(', ')

interface ResponsiveImageProps {
  image: Image
  sizes: string
  className?: string
  /** The first image on screen loads eagerly and first; the rest wait until they are near. */
  priority?: boolean
}

export function ResponsiveImage({
  image,
  sizes,
  className,
  priority = false,
}: ResponsiveImageProps) {
  const src = imageHref(image.src)
  // An image we cannot show safely is not shown at all.
  if (src === null) return null
  return (
    <img
      src={src}
      srcSet={srcSetFor(image)}
      sizes={sizes}
      width={image.width}
      height={image.height}
      alt={image.alt}
      loading={priority ? 'eager' : 'lazy'}
      decoding="async"
      fetchPriority={priority ? 'high' : 'auto'}
      className={className}
    />
  )
}
