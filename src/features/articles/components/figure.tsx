import type { Figure as FigureData } from '../api/schemas'
import { imageHref, ResponsiveImage } from './responsive-image'
import { PHOTO_CREDIT } from '@/i18n'

interface FigureProps {
  figure: FigureData
  sizes: string
  priority?: boolean
}

/** A photo with its caption and credit; nothing at all when the photo's address is not safe to use. */
export function Figure({ figure, sizes, priority }: FigureProps) {
  if (imageHref(figure.src) === null) return null
  const hasCaption = Boolean(figure.caption || figure.credit)
  return (
    <figure className="my-6">
      <ResponsiveImage
        image={figure}
        sizes={sizes}
        priority={priority}
        className="h-auto w-full rounded"
      />
      {hasCaption ? (
        <figcaption className="mt-2 text-sm text-stone-600 dark:text-stone-400">
          <bdi>{figure.caption}</bdi>
          {figure.credit ? (
            <>
              {' '}
              <span className="text-stone-500 dark:text-stone-400">
                <span className="sr-only">{PHOTO_CREDIT} </span>/ <bdi>{figure.credit}</bdi>
              </span>
            </>
          ) : null}
        </figcaption>
      ) : null}
    </figure>
  )
}
