import type { RestartRow } from './pull-restart.ts'
import type { SyncFigures, SyncRow } from './sync.ts'
import { mark, seconds, table } from './table.ts'

/*
 * How the sync group's figures are printed (issue 11), by `npm run bench` and by scripts/bench/sync.ts and
 * pull-restart.ts run alone.
 */

/** What the sync table shows, and its target. */
export const SYNC_NOTE =
  'A generated newsroom served as a WordPress REST API (scripts/bench/fake-wordpress.ts), built once with `NEWSROOM_WORDPRESS_URL` (`vite build`, every story prerendered), then `npm run sync` (scripts/sync.ts) after nothing, one new story, one edit and one withdrawal: each from its first request to its last file published, and the files it wrote into the live folder. Targets (issue 11, at 100,000 stories): each change synced in ≤ 5 s writing ≤ 100 files.'

/** One row a newsroom size: the first build, then each change's time and files. */
export function syncTable(rows: SyncRow[]): string {
  const cell = (f: SyncFigures) =>
    `${seconds(f.ms)}, ${f.written} written${f.removed ? `, ${f.removed} removed` : ''}`
  const ok = (f: SyncFigures) => f.ms <= 5000 && f.written + f.removed <= 100
  return table(
    [
      'stories',
      'first build',
      'nothing new',
      'one new story',
      'one edit',
      'one withdrawal',
      'target',
    ],
    rows.map((r) => [
      r.stories.toLocaleString('en'),
      Number.isNaN(r.buildMs) ? '(reused)' : seconds(r.buildMs),
      seconds(r.nothing.ms),
      cell(r.added),
      cell(r.edited),
      cell(r.withdrawn),
      mark(ok(r.added) && ok(r.edited) && ok(r.withdrawn)),
    ]),
  )
}

/** What the interrupted-pull table shows, and its target. */
export const RESTART_NOTE =
  'A generated newsroom served as a WordPress REST API: its first pull into an empty copy, then one cut off once half its posts are fetched and started again (scripts/bench/pull-restart.ts). Target (issue 11): the restart fetches only what the copy lacks.'

/** One row a newsroom size: the full pull, where it was cut, and what the restart fetched. */
export function restartTable(rows: RestartRow[]): string {
  return table(
    ['stories', 'full first pull', 'held when cut', 'fetched again', 'restart', 'target'],
    rows.map((r) => [
      r.stories.toLocaleString('en'),
      seconds(r.fullMs),
      r.heldAtCut.toLocaleString('en'),
      r.refetched.toLocaleString('en'),
      seconds(r.restartMs),
      mark(r.refetched === r.stories - r.heldAtCut),
    ]),
  )
}
