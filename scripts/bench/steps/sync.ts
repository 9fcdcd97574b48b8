import { formatRestartTable, measurePullRestart } from '../pull-restart.ts'
import { formatSyncTable, measureSync } from '../sync.ts'
import type { Step } from './step.ts'

/** `npm run sync` from a generated WordPress after nothing, one new story, one edit and one withdrawal. */
export const syncStep: Step = {
  title: 'Sync from WordPress',
  wanted: (options) => options.withSync,
  async run({ newsrooms, options: { syncCounts }, report, log }) {
    log(`sync from a WordPress of ${syncCounts.join(', ')} generated stories`)
    const rows = await measureSync(syncCounts, { dir: newsrooms, log })
    report.record('sync', rows)
    report.print(
      'Sync from WordPress',
      'A generated newsroom served as a WordPress REST API (scripts/bench/fake-wordpress.ts), built once with `NEWSROOM_WORDPRESS_URL` (`vite build`, every story prerendered), then `npm run sync` (scripts/sync.ts) after nothing, one new story, one edit and one withdrawal: each from its first request to its last file published, and the files it wrote into the live folder. Targets (issue 11, at 100,000 stories): each change synced in ≤ 5 s writing ≤ 100 files.',
      formatSyncTable(rows),
    )
  },
}

/** A generated WordPress's first pull, cut off half-way and started again (issue 11). */
export const pullRestartStep: Step = {
  title: 'An interrupted first pull',
  wanted: (options) => options.withSync,
  async run({ newsrooms, options: { restartCounts }, report, log }) {
    log(`an interrupted first pull of ${restartCounts.join(', ')} stories`)
    const rows = await measurePullRestart(restartCounts, { dir: newsrooms, log })
    report.record('pullRestart', rows)
    report.print(
      'An interrupted first pull',
      'A generated newsroom served as a WordPress REST API: its first pull into an empty copy, then one cut off once half its posts are fetched and started again (scripts/bench/pull-restart.ts). Target (issue 11): the restart fetches only what the copy lacks.',
      formatRestartTable(rows),
    )
  },
}
