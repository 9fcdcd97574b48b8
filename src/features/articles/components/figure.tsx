import type { Figure as FigureData } from '../api/schemas'
import { ResponsiveImage } from './responsive-image'

interface FigureProps {
  figure: FigureData
  sizes: string
  priority?: boolean
}

/** A photo with its caption and credit. */
export function Figure({ figure, sizes, priority }: FigureProps) {
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
          {figure.caption}
          {figure.credit ? (
            <>
              {' '}
              <span className="text-stone-500 dark:text-stone-400">
                <span className="sr-only">Photo: </span>/ {figure.credit}
              </span>
            </>
          ) : null}
        </figcaption>
      ) : null}
    </figure>
  )
}
