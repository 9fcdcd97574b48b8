import { apiHref } from '@/lib/api-client'
import type { Image } from '../api/schemas'

/** The `srcset` of an image: every rendition the API has, by width. */
export const srcSetFor = (image: Image) =>
  image.srcset.map((s) => `${apiHref(s.src)} ${s.width}w`).join(', ')

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
  return (
    <img
      src={apiHref(image.src)}
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
