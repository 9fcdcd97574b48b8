import { measurePullRestart } from '../pull-restart.ts'
import { RESTART_NOTE, restartTable, SYNC_NOTE, syncTable } from '../sync-table.ts'
import { measureSync } from '../sync.ts'
import type { Step } from './step.ts'

/** `npm run sync` from a generated WordPress after nothing, one new story, one edit and one withdrawal. */
export const syncStep: Step = {
  title: 'Sync from WordPress',
  wanted: (options) => options.withSync,
  async run({ newsrooms, options: { syncCounts }, report, log }) {
    log(`sync from a WordPress of ${syncCounts.join(', ')} generated stories`)
    const rows = await measureSync(syncCounts, { dir: newsrooms, log })
    report.record('sync', rows)
    report.print('Sync from WordPress', SYNC_NOTE, syncTable(rows))
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
    report.print('An interrupted first pull', RESTART_NOTE, restartTable(rows))
  },
}
