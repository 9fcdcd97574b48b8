import { buildApi } from '../../scripts/api/build-api.ts'
import { loadWordPress } from '../../scripts/wordpress/source.ts'

/**
 * The API built from a WordPress copy that `pull` wrote into `mirror`, as the build reads it: what the
 * source made of the copy (its articles, what it skipped) and every report the build gave (a shortcode
 * removed, a link it could not follow), for the tests of the WordPress source to check.
 */
export async function buildFromMirror(
  mirror: string,
  { outDir, imageCacheDir }: { outDir: string; imageCacheDir: string },
) {
  const source = await loadWordPress(mirror)
  const reports: string[] = []
  await buildApi({ source, outDir, imageCacheDir, report: (m) => reports.push(m) })
  return { source, reports }
}
