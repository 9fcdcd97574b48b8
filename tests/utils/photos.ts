import sharp from 'sharp'

/**
 * Test photos made with sharp at test time, so the repository carries no binary fixtures and each test
 * says what its photo is. Every photo has a blue block in its stored top-left corner (a quarter of each
 * side) on red, so a test can tell which way a rendition was turned.
 */

const RED = { r: 200, g: 30, b: 30 }
const BLUE = { r: 20, g: 40, b: 220 }

/** Blue and red pixels: as the tests read them back, after lossy encoding. */
export const isBlue = ([r, g, b]: number[]) => b! > 150 && r! < 100 && g! < 100
export const isRed = ([r, g, b]: number[]) => r! > 150 && g! < 100 && b! < 100

/** A red picture with a blue top-left quarter block, as a sharp pipeline to encode. */
export function picture(width: number, height: number, { alpha = false } = {}) {
  const block = { width: Math.round(width / 4), height: Math.round(height / 4) }
  return sharp({
    create: {
      width,
      height,
      channels: alpha ? 4 : 3,
      background: alpha ? { ...RED, alpha: 0.5 } : RED,
    },
  }).composite([
    {
      input: { create: { ...block, channels: 3, background: BLUE } },
      left: 0,
      top: 0,
    },
  ])
}

/**
 * A reporter's camera JPEG: stored landscape with EXIF orientation 6 (shown turned a quarter clockwise,
 * so upright it is portrait), GPS coordinates, a camera owner, and a wide-gamut (Display P3) profile.
 */
export function cameraJpeg(width: number, height: number): Promise<Buffer> {
  return picture(width, height)
    .withIccProfile('p3')
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Artist: 'A Reporter', ImageDescription: 'Safe house, back door' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 2646/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 3960/100',
      },
    })
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="A Reporter"/>' +
        '</rdf:RDF></x:xmpmeta>',
    )
    .jpeg({ quality: 90 })
    .toBuffer()
}

/** A drawing as SVG, width × height at 72 dpi. */
export function drawing(width: number, height: number): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
      `<rect width="${width}" height="${height}" fill="rgb(200,30,30)"/>` +
      `<rect width="${width / 4}" height="${height / 4}" fill="rgb(20,40,220)"/></svg>`,
  )
}

/**
 * A JPEG `picture` as the ArrayBuffer a `Response` takes: the photo a simulated WordPress serves for
 * every media file, so each test that fakes one does not encode and slice its own.
 */
export async function jpegBody(width: number, height: number): Promise<ArrayBuffer> {
  const jpeg = await picture(width, height).jpeg().toBuffer()
  return jpeg.buffer.slice(jpeg.byteOffset, jpeg.byteOffset + jpeg.byteLength) as ArrayBuffer
}
