/**
 * The names the image step gives an image's files (scripts/api/images.ts): `images/<id>-<width>.webp`
 * for each width and `images/<id>-1x1.webp` / `-4x3.webp` for the crops, written once for the tests that
 * expect them.
 */

/** The srcset of image `id` at these widths. */
export const srcsetOf = (id: string, widths: readonly number[]) =>
  widths.map((width) => ({ src: `images/${id}-${width}.webp`, width }))

/** The 1:1 and 4:3 crops (IMAGE_CROPS) of image `id`, at these sizes. */
export const cropsOf = (id: string, square: number, [width, height]: [number, number]) => [
  { src: `images/${id}-1x1.webp`, width: square, height: square },
  { src: `images/${id}-4x3.webp`, width, height },
]

/** An image as the API describes it: its widest rendition, that rendition's size, and the srcset. */
export function widestRendition(id: string, widths: readonly number[], height: number) {
  const width = Math.max(...widths)
  return { src: `images/${id}-${width}.webp`, width, height, srcset: srcsetOf(id, widths) }
}
